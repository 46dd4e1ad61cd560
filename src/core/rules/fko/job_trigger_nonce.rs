//! FKO-JOB-003 — manual savepoints need a savepoint directory.
//!
//! What it checks: `job.savepointTriggerNonce` set while the effective configuration has no
//! savepoint directory.
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: the operator's validator rejects it: the triggered savepoint has nowhere to go.
//! How to fix: set `execution.checkpointing.savepoint-dir` (`state.savepoints.dir`), or use a
//! FlinkStateSnapshot with an explicit path.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::jobspec::{Job, Problem, SAVEPOINT_DIR, report_sites};

/// See the module documentation.
pub struct JobTriggerNonce;

impl Rule for JobTriggerNonce {
    fn id(&self) -> &'static str {
        "FKO-JOB-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Manual savepoints (savepointTriggerNonce) need a savepoint directory"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        report_sites(cx, out, problem);
    }
}

/// The problem of `job`: a savepoint trigger nonce without a savepoint directory.
pub fn problem<'c>(job: &Job<'c>) -> Option<Problem<'c>> {
    if job.has(SAVEPOINT_DIR) {
        return None;
    }
    let nonce = job.locate(&["job", "savepointTriggerNonce"])?;
    Some(job.lacking(
        (nonce.resource, nonce.pointer),
        "Manual savepoints (savepointTriggerNonce) need a savepoint directory".into(),
        "set execution.checkpointing.savepoint-dir (state.savepoints.dir)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_a_nonce_without_dir() {
        let fd = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  job: {parallelism: 1, savepointTriggerNonce: 0}\n";
        assert_eq!(
            pointers(&check(&JobTriggerNonce, fd)),
            [("/spec/job/savepointTriggerNonce".into(), Severity::Error)]
        );
        let ok = fd.replace(
            "spec:\n",
            "spec:\n  flinkConfiguration: {state.savepoints.dir: \"s3://b/sp\"}\n",
        );
        assert!(check(&JobTriggerNonce, &ok).is_empty());
    }
}
