//! FKO-JOB-004 — periodic savepoints need a savepoint directory.
//!
//! What it checks: `kubernetes.operator.periodic.savepoint.interval` set to a non-zero
//! duration while the effective configuration has no savepoint directory.
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: the operator's validator rejects it.
//! How to fix: set `execution.checkpointing.savepoint-dir` (`state.savepoints.dir`) or remove the interval.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::jobspec::{Job, Problem, SAVEPOINT_DIR, is_zero_duration, report_sites};

/// See the module documentation.
pub struct JobPeriodicSavepoint;

impl Rule for JobPeriodicSavepoint {
    fn id(&self) -> &'static str {
        "FKO-JOB-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Periodic savepoints need a savepoint directory"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        report_sites(cx, out, problem);
    }
}

/// The problem of `job`: periodic savepoints without a savepoint directory.
pub fn problem<'c>(job: &Job<'c>) -> Option<Problem<'c>> {
    if job.has(SAVEPOINT_DIR) {
        return None;
    }
    let interval = job
        .conf
        .written("kubernetes.operator.periodic.savepoint.interval")
        .filter(|s| !is_zero_duration(&s.value))?;
    Some(job.lacking(
        (interval.resource.unwrap_or(job.home.0), interval.pointer.clone()),
        format!("Periodic savepoints (every {}) need a savepoint directory", interval.value),
        "set execution.checkpointing.savepoint-dir (state.savepoints.dir)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(interval: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  flinkConfiguration:\n    kubernetes.operator.periodic.savepoint.interval: {interval}\n  job: {{parallelism: 1}}\n"
        )
    }

    #[test]
    fn fires_on_a_positive_interval_without_dir() {
        let f = check(&JobPeriodicSavepoint, &fd("1h"));
        assert_eq!(
            pointers(&f),
            [(
                "/spec/flinkConfiguration/kubernetes.operator.periodic.savepoint.interval".into(),
                Severity::Error
            )]
        );
        assert_eq!(f[0].line, Some(6));
        assert!(check(&JobPeriodicSavepoint, &fd("0")).is_empty());
    }
}
