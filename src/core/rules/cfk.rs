//! Confluent for Kubernetes CR constraints (domain.md §4.I).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
