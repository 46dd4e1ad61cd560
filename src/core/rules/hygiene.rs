//! Export and apply hygiene (domain.md §4.R).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
