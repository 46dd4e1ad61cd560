//! FKO-CHG-014 — a running stateful FlinkDeployment, session job or blue/green deployment
//! is removed.
//!
//! What it checks: a job-running FKO resource of the baseline that the new design no
//! longer has, while it runs with checkpoints or a stateful upgrade mode.
//! Why: deleting it (kubectl delete, `apply --prune`) cancels the job and removes its HA
//! data; Flink deletes its checkpoints on cancel unless externalized retention is on. A
//! re-created job starts empty.
//! How to fix: take a savepoint (FlinkStateSnapshot with `disposeOnDelete: false`) before
//! deleting; keep it to start the job again later.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct Deleted;

impl ChangeRule for Deleted {
    fn id(&self) -> &'static str {
        "FKO-CHG-014"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Removing a running stateful job deletes its state"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::RunningJobDeleted { cmf: false } = cx.cause() else { return None };
        Some(cx.finding(
            self,
            "removing this running job deletes its state with it".into(),
            "take a savepoint (FlinkStateSnapshot with disposeOnDelete: false) before deleting it",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{STATEFUL, deployment, of_rule, review_of};

    #[test]
    fn fires_for_a_running_stateful_job_only() {
        let ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: flink}\n";
        let r = review_of(&format!("{ns}---\n{}", deployment(STATEFUL)), ns);
        let f = of_rule(&r, "FKO-CHG-014");
        assert_eq!(f.len(), 1, "{:?}", r.findings);
        assert_eq!(
            f[0].file.as_deref(),
            Some("baseline.yaml"),
            "reported where the baseline has it"
        );
        let suspended =
            STATEFUL.replace("upgradeMode: savepoint", "upgradeMode: savepoint, state: suspended");
        let r = review_of(&format!("{ns}---\n{}", deployment(&suspended)), ns);
        assert!(of_rule(&r, "FKO-CHG-014").is_empty());
    }
}
