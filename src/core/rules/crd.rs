//! CRD schema constraints of the operator's CustomResourceDefinitions (domain.md §4.G).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
