//! Operator scope and installation (domain.md §4.K).
//!
//! OPS-FKO-004 (restart after a watchNamespaces change) needs a baseline and is not
//! checked statically.

mod cmf_auth;
mod cmf_version;
mod fko_features;
mod job_rbac_namespaces;
mod operator_config_yaml;
mod watch_values;
mod watched_namespaces;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &watched_namespaces::WatchedNamespaces,
    &watch_values::WatchValues,
    &job_rbac_namespaces::JobRbacNamespaces,
    &fko_features::FkoFeatures,
    &operator_config_yaml::OperatorConfigYaml,
    &cmf_auth::CmfAuth,
    &cmf_version::CmfVersion,
];
