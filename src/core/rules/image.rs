//! Image and version consistency (domain.md §4.P).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
