//! Security: plaintext credentials, RBAC, endpoints (domain.md §4.N).

mod catalog_credential;
mod cmf_endpoint;
mod command_credential;
mod config_credential;
mod embedded_secret_values;
mod key_material;
mod overprivileged_binding;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &config_credential::ConfigCredential,
    &catalog_credential::CatalogCredential,
    &command_credential::CommandCredential,
    &overprivileged_binding::OverprivilegedBinding,
    &cmf_endpoint::CmfEndpoint,
    &embedded_secret_values::EmbeddedSecretValues,
    &key_material::KeyMaterial,
];
