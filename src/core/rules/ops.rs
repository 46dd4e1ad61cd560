//! Operator scope and installation (domain.md §4.K).

pub(crate) mod util;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
