//! Flink Kubernetes Operator validation: FlinkDeployment, FlinkSessionJob, FlinkStateSnapshot, autoscaler, blue/green (domain.md §4.B–4.E, 4.Q).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
