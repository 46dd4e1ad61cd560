//! FKO-CHG-009 — the state an upgrade carries is on storage that does not survive it.
//!
//! What it checks: an upgrade, suspend or blue/green switch carries state through a
//! savepoint or checkpoint directory that is local to the pods being replaced (the
//! container filesystem, an `emptyDir`, a `hostPath`), or on a volume the new spec no
//! longer mounts.
//! Why: the operator accepts the change, writes the savepoint (or relies on the last
//! checkpoint) there, deletes the pods, and the new cluster finds nothing: the job
//! starts from empty state or fails to restore.
//! How to fix: put checkpoints and savepoints on object storage or a ReadWriteMany
//! PersistentVolumeClaim first; for this change, take a savepoint to durable storage
//! (FlinkStateSnapshot with `savepoint.path`) and redeploy from it.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct NonDurable;

impl ChangeRule for NonDurable {
    fn id(&self) -> &'static str {
        "FKO-CHG-009"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "The state an upgrade carries is written where the redeployed cluster cannot read it"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::NonDurableState { key, dir, why } = cx.cause() else { return None };
        Some(cx.finding(
            self,
            format!("{key} {dir} is {why}: the state this change carries does not survive the redeploy"),
            "use object storage or a ReadWriteMany PersistentVolumeClaim; for this change take a savepoint to durable storage and redeploy from it",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{STATEFUL, deployment, of_rule, review_of};

    #[test]
    fn fires_on_local_state_only() {
        let local = STATEFUL.replace("s3://b/sp", "file:///tmp/sp");
        let r = review_of(
            &deployment(&local),
            &deployment(&local.replace("flink:1.20", "flink:1.20.3")),
        );
        let f = of_rule(&r, "FKO-CHG-009");
        assert_eq!(f.len(), 1, "{:?}", r.findings);
        assert_eq!(f[0].pointer, "/spec/flinkConfiguration/execution.checkpointing.savepoint-dir");
        assert!(f[0].message.contains("container's own filesystem"), "{}", f[0].message);
        let r = review_of(
            &deployment(STATEFUL),
            &deployment(&STATEFUL.replace("flink:1.20", "flink:1.20.3")),
        );
        assert!(of_rule(&r, "FKO-CHG-009").is_empty());
    }
}
