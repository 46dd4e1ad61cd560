//! CMF schema and semantic constraints (domain.md §4.H).
//!
//! CMF-ENV-002 (the environment's namespace must exist) is reported as REF-NS-001.

mod api_version;
mod app_allowlist;
mod app_cfk_fields;
mod app_image;
mod app_job;
mod app_namespace;
mod app_service_account;
mod artifact_environment;
mod artifact_file;
mod artifact_name;
mod artifact_uri;
mod artifact_version;
mod catalog_legacy_clusters;
mod catalog_sr;
mod database_ddl_field;
mod database_kafka;
mod detached_savepoint_path;
mod env_cluster_name;
mod env_defaults_version;
mod env_namespace;
mod env_statement_defaults;
mod mapping_secret;
mod pool_flink_version;
mod pool_image;
mod pool_managed_fields;
mod pool_shared_version;
mod pool_spec;
mod pool_state;
mod savepoint_spec;
mod schedule_blackout;
mod schedule_cron;
mod schedule_env_override;
mod schedule_freshness;
mod schedule_retention;
mod schedule_subject;
mod schedule_timezone;
mod secret_data;
mod secret_keys;
mod shared;
mod stmt_checkpointing;
mod stmt_cluster_keys;
mod stmt_on_conflict;
mod stmt_parallelism;
mod stmt_required;
mod stmt_string_maps;
mod stmt_unbounded_select;
mod stmt_unqualified_tables;
mod stmt_upgrade_mode;
mod version_features;
mod version_features_2_4;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &env_namespace::EnvNamespace,
    &env_cluster_name::EnvClusterName,
    &env_statement_defaults::EnvStatementDefaults,
    &env_defaults_version::EnvDefaultsVersion,
    &api_version::ApiVersion,
    &app_job::AppJob,
    &app_namespace::AppNamespace,
    &app_cfk_fields::AppCfkFields,
    &app_image::AppImage,
    &app_service_account::AppServiceAccount,
    &pool_spec::PoolSpec,
    &pool_state::PoolState,
    &pool_shared_version::PoolSharedVersion,
    &pool_managed_fields::PoolManagedFields,
    &pool_flink_version::PoolFlinkVersion,
    &pool_image::PoolImage,
    &stmt_required::StmtRequired,
    &stmt_string_maps::StmtStringMaps,
    &stmt_parallelism::StmtParallelism,
    &stmt_checkpointing::StmtCheckpointing,
    &stmt_cluster_keys::StmtClusterKeys,
    &stmt_unqualified_tables::StmtUnqualifiedTables,
    &stmt_unbounded_select::StmtUnboundedSelect,
    &stmt_on_conflict::StmtOnConflict,
    &catalog_sr::CatalogSr,
    &catalog_legacy_clusters::CatalogLegacyClusters,
    &database_kafka::DatabaseKafka,
    &database_ddl_field::DatabaseDdlField,
    &secret_data::SecretData,
    &secret_keys::SecretKeys,
    &mapping_secret::MappingSecret,
    &savepoint_spec::SavepointSpec,
    &detached_savepoint_path::DetachedSavepointPath,
    &version_features::VersionFeatures,
    &version_features_2_4::VersionFeatures24,
    &app_allowlist::AppAllowlist,
    &artifact_uri::ArtifactUri,
    &artifact_environment::ArtifactEnvironment,
    &artifact_version::ArtifactVersion,
    &artifact_name::ArtifactName,
    &artifact_file::ArtifactFile,
    &stmt_upgrade_mode::StmtUpgradeMode,
    &schedule_cron::ScheduleCron,
    &schedule_timezone::ScheduleTimezone,
    &schedule_blackout::ScheduleBlackout,
    &schedule_retention::ScheduleRetention,
    &schedule_subject::ScheduleSubject,
    &schedule_freshness::ScheduleFreshness,
    &schedule_env_override::ScheduleEnvOverride,
];
