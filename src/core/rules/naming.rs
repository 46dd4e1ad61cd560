//! Naming and identity rules (domain.md §4.A).

mod fko_deployment_name;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[&fko_deployment_name::FkoDeploymentName];
