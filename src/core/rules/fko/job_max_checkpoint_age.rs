//! FKO-JOB-005 — the last-state max checkpoint age needs a savepoint directory.
//!
//! What it checks: `kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age`
//! set while the effective configuration has no savepoint directory.
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: the operator's validator rejects it: when the last checkpoint is too old it falls
//! back to a savepoint.
//! How to fix: set `execution.checkpointing.savepoint-dir` (`state.savepoints.dir`) or remove the option.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::jobspec::{Job, Problem, SAVEPOINT_DIR, report_sites};

/// See the module documentation.
pub struct JobMaxCheckpointAge;

impl Rule for JobMaxCheckpointAge {
    fn id(&self) -> &'static str {
        "FKO-JOB-005"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Max checkpoint age needs a savepoint directory"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        report_sites(cx, out, problem);
    }
}

/// The problem of `job`: a maximum checkpoint age without a savepoint directory.
pub fn problem<'c>(job: &Job<'c>) -> Option<Problem<'c>> {
    if job.has(SAVEPOINT_DIR) {
        return None;
    }
    let key = "kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age";
    let age = job.conf.written(key)?;
    Some(job.lacking(
        (age.resource.unwrap_or(job.home.0), age.pointer.clone()),
        "Max checkpoint age needs a savepoint directory".into(),
        "set execution.checkpointing.savepoint-dir (state.savepoints.dir)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_dir() {
        let fd = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  flinkConfiguration: {kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age: 10m}\n  job: {parallelism: 1}\n";
        let f = check(&JobMaxCheckpointAge, fd);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].pointer.ends_with("max.allowed.checkpoint.age"));
        let ok = fd.replace("{kubernetes", "{state.savepoints.dir: x, kubernetes");
        assert!(pointers(&check(&JobMaxCheckpointAge, &ok)).is_empty());
    }
}
