//! Pod templates and storage (domain.md §4.L).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
