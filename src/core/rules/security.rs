//! Security: plaintext credentials, RBAC, endpoints (domain.md §4.N).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
