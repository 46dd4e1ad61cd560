//! Flink Kubernetes Operator validation: FlinkDeployment, FlinkSessionJob, FlinkStateSnapshot, autoscaler, blue/green (domain.md §4.B–4.E, 4.Q).
//!
//! Spec-level rules run on every cluster site (`Context::sites`): FlinkDeployments,
//! blue/green templates, CMF applications, compute-pool `clusterSpec`s and the environment
//! defaults merged into them. The spec-change rules of §4.F need a baseline spec and are not
//! implemented here.

mod autoscaler;
mod jobspec;
mod memory;

mod as_alignment_mode;
mod as_boundary;
mod as_excluded_periods;
mod as_feature_ranges;
mod as_metrics_window;
mod as_min_max;
mod as_numeric;
mod as_scale_down;
mod as_scale_up;
mod as_target;
mod as_thresholds;
mod bg_configuration;
mod bg_name;
mod bg_stateful;
mod bg_template;
mod bg_version;
mod conf_forbidden;
mod conf_prefix_overlap;
mod ha_last_state;
mod ha_rollback;
mod ha_standby;
mod health_check;
mod ingress_pattern;
mod ingress_template;
mod jar_missing;
mod jar_scheme;
mod jm_memory;
mod jm_replicas;
mod job_args_joined;
mod job_checkpoint_dir;
mod job_max_checkpoint_age;
mod job_parallelism;
mod job_periodic_savepoint;
mod job_savepoint_dir;
mod job_trigger_nonce;
mod log_config;
mod res_both;
mod res_ephemeral;
mod res_memory;
mod res_positive;
mod res_request_limit;
mod res_requirements;
mod service_account;
mod sj_application_cluster;
mod sj_cluster_keys;
mod sj_cluster_missing;
mod sj_jar_host;
mod sj_jar_scheme;
mod sj_job_config;
mod sj_job_missing;
mod sj_operator_option;
mod snap_backoff;
mod snap_checkpoint_restore;
mod snap_disabled;
mod snap_enum;
mod snap_exists_path;
mod snap_job_reference;
mod snap_kind;
mod snap_no_dir;
mod snap_session_cluster;
mod snap_target_missing;
mod snap_version;
mod tm_memory;
mod tm_replicas;
mod ver_defined;
mod ver_deprecated;
mod ver_known;
mod ver_supported;

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &ver_defined::VerDefined,
    &ver_supported::VerSupported,
    &ver_deprecated::VerDeprecated,
    &ver_known::VerKnown,
    &conf_forbidden::ConfForbidden,
    &conf_prefix_overlap::ConfPrefixOverlap,
    &ha_rollback::HaRollback,
    &health_check::HealthCheck,
    &ha_standby::HaStandby,
    &ha_last_state::HaLastState,
    &jm_replicas::JmReplicas,
    &ingress_template::IngressTemplate,
    &ingress_pattern::IngressPattern,
    &log_config::LogConfig,
    &job_checkpoint_dir::JobCheckpointDir,
    &job_savepoint_dir::JobSavepointDir,
    &job_trigger_nonce::JobTriggerNonce,
    &job_periodic_savepoint::JobPeriodicSavepoint,
    &job_max_checkpoint_age::JobMaxCheckpointAge,
    &tm_replicas::TmReplicas,
    &job_parallelism::JobParallelism,
    &job_args_joined::JobArgsJoined,
    &jm_memory::JmMemory,
    &tm_memory::TmMemory,
    &res_memory::ResMemory,
    &res_positive::ResPositive,
    &res_ephemeral::ResEphemeral,
    &res_requirements::ResRequirements,
    &res_request_limit::ResRequestLimit,
    &res_both::ResBoth,
    &service_account::ServiceAccount,
    &jar_scheme::JarScheme,
    &jar_missing::JarMissing,
    &sj_job_missing::SjJobMissing,
    &sj_application_cluster::SjApplicationCluster,
    &sj_cluster_missing::SjClusterMissing,
    &sj_job_config::SjJobConfig,
    &sj_jar_scheme::SjJarScheme,
    &sj_jar_host::SjJarHost,
    &sj_operator_option::SjOperatorOption,
    &sj_cluster_keys::SjClusterKeys,
    &snap_kind::SnapKind,
    &snap_job_reference::SnapJobReference,
    &snap_target_missing::SnapTargetMissing,
    &snap_enum::SnapEnum,
    &snap_exists_path::SnapExistsPath,
    &snap_session_cluster::SnapSessionCluster,
    &snap_no_dir::SnapNoDir,
    &snap_checkpoint_restore::SnapCheckpointRestore,
    &snap_disabled::SnapDisabled,
    &snap_version::SnapVersion,
    &snap_backoff::SnapBackoff,
    &as_scale_down::AsScaleDown,
    &as_scale_up::AsScaleUp,
    &as_target::AsTarget,
    &as_boundary::AsBoundary,
    &as_min_max::AsMinMax,
    &as_thresholds::AsThresholds,
    &as_feature_ranges::AsFeatureRanges,
    &as_excluded_periods::AsExcludedPeriods,
    &as_numeric::AsNumeric,
    &as_alignment_mode::AsAlignmentMode,
    &as_metrics_window::AsMetricsWindow,
    &bg_name::BgName,
    &bg_version::BgVersion,
    &bg_template::BgTemplate,
    &bg_configuration::BgConfiguration,
    &bg_stateful::BgStateful,
];
