//! FKO-JOB-002 — the savepoint upgrade mode needs a savepoint directory.
//!
//! What it checks: `job.upgradeMode: savepoint` while the effective configuration has no
//! savepoint directory (`execution.checkpointing.savepoint-dir`, formerly `state.savepoints.dir`).
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: the operator's validator rejects it: upgrades take a savepoint there.
//! How to fix: set the savepoint directory in `flinkConfiguration` (or the environment defaults).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::jobspec::{Job, Problem, SAVEPOINT_DIR, report_sites};

/// See the module documentation.
pub struct JobSavepointDir;

impl Rule for JobSavepointDir {
    fn id(&self) -> &'static str {
        "FKO-JOB-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Savepoint upgrade mode needs a savepoint directory"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        report_sites(cx, out, problem);
    }
}

/// The problem of `job`: the savepoint upgrade mode without a savepoint directory.
pub fn problem<'c>(job: &Job<'c>) -> Option<Problem<'c>> {
    let mode = job.locate(&["job", "upgradeMode"])?;
    if mode.value.as_str() != Some("savepoint") || job.has(SAVEPOINT_DIR) {
        return None;
    }
    Some(job.lacking(
        (mode.resource, mode.pointer),
        "Savepoint upgrade mode needs a savepoint directory".into(),
        "set execution.checkpointing.savepoint-dir (state.savepoints.dir) in flinkConfiguration",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const FD: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  job: {upgradeMode: savepoint, parallelism: 1}\n";

    #[test]
    fn fires_without_a_savepoint_dir() {
        assert_eq!(
            pointers(&check(&JobSavepointDir, FD)),
            [("/spec/job/upgradeMode".into(), Severity::Error)]
        );
        let ok = FD.replace(
            "spec:\n",
            "spec:\n  flinkConfiguration: {state: {savepoints.dir: \"s3://b/sp\"}}\n",
        );
        assert!(check(&JobSavepointDir, &ok).is_empty());
    }
}
