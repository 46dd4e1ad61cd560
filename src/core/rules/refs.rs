//! Cross-resource reference integrity (domain.md §4.J).
//!
//! Not here: REF-SJ-001 and REF-SNAP-001 are FKO-SJ-004 and FKO-SNAP-003 (FKO family);
//! REF-SP-001, REF-SC-001 and REF-KC-001 need savepoints, StorageClasses and registered
//! clusters, which designs do not model yet.

mod artifact_ref;
mod binding_ref;
mod database_catalog_ref;
mod ddl_environment_ref;
mod ddl_permission;
mod environment_ref;
mod job_rbac;
mod mapping_secret_ref;
mod namespace_ref;
mod pod_ref;
mod pool_ref;
mod rest_class_secret_ref;
mod secret_id_visibility;
mod service_account_ref;
mod statement_catalog_ref;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &environment_ref::EnvironmentRef,
    &namespace_ref::NamespaceRef,
    &pool_ref::PoolRef,
    &artifact_ref::ArtifactRef,
    &database_catalog_ref::DatabaseCatalogRef,
    &statement_catalog_ref::StatementCatalogRef,
    &secret_id_visibility::SecretIdVisibility,
    &mapping_secret_ref::MappingSecretRef,
    &ddl_permission::DdlPermission,
    &ddl_environment_ref::DdlEnvironmentRef,
    &service_account_ref::ServiceAccountRef,
    &job_rbac::JobRbac,
    &binding_ref::BindingRef,
    &pod_ref::PodRef,
    &rest_class_secret_ref::RestClassSecretRef,
];
