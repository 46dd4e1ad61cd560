//! FKO-CHG-007 — a new `initialSavepointPath` alone does nothing on a deployed job.
//!
//! What it checks: `job.initialSavepointPath` changes while `savepointRedeployNonce` stays.
//! Why: the operator reads `initialSavepointPath` only at the first deployment and for a
//! savepoint redeploy (its diff type is IGNORE); the running job does not restart from it.
//! How to fix: also set `job.savepointRedeployNonce` to a new value to redeploy from that
//! savepoint, or leave the path as it was.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct InitialPath;

impl ChangeRule for InitialPath {
    fn id(&self) -> &'static str {
        "FKO-CHG-007"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "initialSavepointPath changed without a new savepointRedeployNonce does nothing"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::InitialSavepointPathIgnored = cx.cause() else { return None };
        Some(cx.finding(
            self,
            "the operator ignores a new initialSavepointPath on a deployed job: the job does not restart from it".into(),
            "set job.savepointRedeployNonce to a new value as well to redeploy from that savepoint",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{STATEFUL, deployment, of_rule, review_of};

    #[test]
    fn fires_without_a_nonce_only() {
        let before = deployment(STATEFUL);
        let path = STATEFUL.replace(
            "upgradeMode: savepoint",
            "upgradeMode: savepoint, initialSavepointPath: 's3://b/sp/x'",
        );
        let r = review_of(&before, &deployment(&path));
        assert_eq!(of_rule(&r, "FKO-CHG-007").len(), 1, "{:?}", r.findings);
        let nonce = path
            .replace("upgradeMode: savepoint", "upgradeMode: savepoint, savepointRedeployNonce: 1");
        assert!(of_rule(&review_of(&before, &deployment(&nonce)), "FKO-CHG-007").is_empty());
    }
}
