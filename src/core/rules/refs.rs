//! Cross-resource reference integrity (domain.md §4.J).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
