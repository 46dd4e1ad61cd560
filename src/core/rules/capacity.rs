//! Capacity and resources (domain.md §4.O).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
