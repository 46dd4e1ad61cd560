//! Naming and identity rules (domain.md §4.A).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
