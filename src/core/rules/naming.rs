//! Naming and identity rules (domain.md §4.A).

mod cmf_duplicate;
mod cmf_name;
mod cmf_name_length;
mod data_keys;
mod fko_deployment_name;
mod namespace_name;
mod object_duplicate;
mod object_name;
mod secret_mapping_name;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &fko_deployment_name::FkoDeploymentName,
    &cmf_name::CmfName,
    &cmf_name_length::CmfNameLength,
    &cmf_duplicate::CmfDuplicate,
    &namespace_name::NamespaceName,
    &object_name::ObjectName,
    &object_duplicate::ObjectDuplicate,
    &data_keys::DataKeys,
    &secret_mapping_name::SecretMappingName,
];
