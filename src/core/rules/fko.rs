//! Flink Kubernetes Operator validation: FlinkDeployment, FlinkSessionJob, FlinkStateSnapshot, autoscaler, blue/green (domain.md §4.B–4.E, 4.Q).
//!
//! Spec-level rules run on every deployment-like spec ([`specs::specs`]): FlinkDeployments,
//! blue/green templates, CMF applications, compute-pool `clusterSpec`s and the environment
//! defaults merged into them. The spec-change rules of §4.F need a baseline spec and are not
//! implemented here.

mod conf;
mod quantity;
mod specs;

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
];
