//! CMF schema and semantic constraints (domain.md §4.H).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
