//! Flink configuration keys and values, layering conflicts (domain.md §4.M).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
