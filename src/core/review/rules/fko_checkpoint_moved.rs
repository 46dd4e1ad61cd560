//! FKO-CHG-013 — the checkpoint directory moves during a last-state upgrade.
//!
//! What it checks: a last-state upgrade whose new spec names another checkpoint directory.
//! Why: the restore reads the last checkpoint by its absolute path in the old directory;
//! only later checkpoints go to the new one. If the old location is removed, or the new
//! pods cannot read it (credentials, mounts), the restore fails.
//! How to fix: keep the old directory readable until the first checkpoint in the new one
//! completes.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct CheckpointMoved;

impl ChangeRule for CheckpointMoved {
    fn id(&self) -> &'static str {
        "FKO-CHG-013"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "The checkpoint directory moves while the last checkpoint is restored from the old one"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::CheckpointDirMoved { from, to } = cx.cause() else { return None };
        Some(cx.finding(
            self,
            format!("checkpoints move from {from} to {to}: the restore still reads the last checkpoint in {from}"),
            "keep the old directory readable by the new pods until a checkpoint in the new one completes",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{STATEFUL, deployment, of_rule, review_of};

    #[test]
    fn fires_for_last_state_only() {
        let ls = STATEFUL.replace("upgradeMode: savepoint", "upgradeMode: last-state");
        let moved = ls.replace("s3://b/cp", "s3://c/cp");
        let r = review_of(&deployment(&ls), &deployment(&moved));
        assert_eq!(of_rule(&r, "FKO-CHG-013").len(), 1, "{:?}", r.findings);
        let r = review_of(
            &deployment(STATEFUL),
            &deployment(&STATEFUL.replace("s3://b/cp", "s3://c/cp")),
        );
        assert!(of_rule(&r, "FKO-CHG-013").is_empty(), "a savepoint upgrade reads the savepoint");
    }
}
