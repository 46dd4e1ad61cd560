//! Flink Kubernetes Operator validation: FlinkDeployment, FlinkSessionJob, FlinkStateSnapshot, autoscaler, blue/green (domain.md §4.B–4.E, 4.Q).
//!
//! Spec-level rules run on every deployment-like spec ([`specs::specs`]): FlinkDeployments,
//! blue/green templates, CMF applications, compute-pool `clusterSpec`s and the environment
//! defaults merged into them. The spec-change rules of §4.F need a baseline spec and are not
//! implemented here.

mod conf;
mod quantity;
mod specs;

mod conf_forbidden;
mod ha_last_state;
mod ha_rollback;
mod ha_standby;
mod health_check;
mod ingress_pattern;
mod ingress_template;
mod jm_replicas;
mod log_config;
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
    &ha_rollback::HaRollback,
    &ha_standby::HaStandby,
    &ha_last_state::HaLastState,
    &health_check::HealthCheck,
    &jm_replicas::JmReplicas,
    &ingress_template::IngressTemplate,
    &ingress_pattern::IngressPattern,
    &log_config::LogConfig,
];
