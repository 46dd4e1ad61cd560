//! FKO-CHG-004 — `flinkVersion` cannot change after a last-state suspend.
//!
//! What it checks: the deployed job is suspended with `upgradeMode: last-state`, and the
//! new spec changes `flinkVersion` with a stateful upgrade mode.
//! Why: `validateFlinkVersion` refuses it: the HA metadata of a last-state suspend cannot
//! be restored by another Flink version.
//! How to fix: resume the job on its current version first, then upgrade the version (the
//! running job is then upgraded with a savepoint).

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct VersionSuspend;

impl ChangeRule for VersionSuspend {
    fn id(&self) -> &'static str {
        "FKO-CHG-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "flinkVersion cannot change after a last-state suspend"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::VersionAfterLastStateSuspend { from, to } = cx.cause() else { return None };
        Some(cx.finding(
            self,
            format!("the operator refuses flinkVersion {from} → {to} after a last-state suspend: \"Restore your cluster with the current flinkVersion and perform the version upgrade afterwards\""),
            "resume the job with the current flinkVersion first, then change the version",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{STATEFUL, deployment, of_rule, review_of};

    #[test]
    fn fires_after_a_last_state_suspend_only() {
        let suspended =
            STATEFUL.replace("upgradeMode: savepoint", "upgradeMode: last-state, state: suspended");
        let before = deployment(&suspended);
        let after =
            deployment(&suspended.replace("v1_20", "v2_0").replace("flink:1.20", "flink:2.0"));
        let r = review_of(&before, &after);
        assert_eq!(of_rule(&r, "FKO-CHG-004").len(), 1, "{:?}", r.findings);
        assert_eq!(of_rule(&r, "FKO-CHG-004")[0].pointer, "/spec/flinkVersion");
        let savepoint =
            STATEFUL.replace("upgradeMode: savepoint", "upgradeMode: savepoint, state: suspended");
        let r =
            review_of(&deployment(&savepoint), &deployment(&savepoint.replace("v1_20", "v2_0")));
        assert!(of_rule(&r, "FKO-CHG-004").is_empty(), "a savepoint suspend can change version");
    }
}
