//! FKO-CHG-003 — a new `savepointRedeployNonce` needs an `initialSavepointPath`.
//!
//! What it checks: `job.savepointRedeployNonce` changes to a new non-null value while
//! `job.initialSavepointPath` is empty.
//! Why: `validateSpecChange` refuses it ("InitialSavepointPath must not be empty for
//! savepoint redeployment", FKO 1.8): a savepoint redeploy needs the savepoint to start from.
//! How to fix: set `job.initialSavepointPath` to the savepoint to redeploy from.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct NoncePath;

impl ChangeRule for NoncePath {
    fn id(&self) -> &'static str {
        "FKO-CHG-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A new savepointRedeployNonce needs an initialSavepointPath"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::RedeployNonceWithoutPath = cx.cause() else { return None };
        Some(cx.finding(
            self,
            "the operator refuses this change: \"InitialSavepointPath must not be empty for savepoint redeployment\"".into(),
            "set job.initialSavepointPath to the savepoint the job must be redeployed from",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{STATEFUL, deployment, of_rule, review_of};

    #[test]
    fn fires_without_a_path_only() {
        let before = deployment(STATEFUL);
        let nonce = deployment(&STATEFUL.replace(
            "upgradeMode: savepoint",
            "upgradeMode: savepoint, savepointRedeployNonce: 1",
        ));
        let f = review_of(&before, &nonce);
        assert_eq!(of_rule(&f, "FKO-CHG-003").len(), 1, "{:?}", f.findings);
        assert_eq!(of_rule(&f, "FKO-CHG-003")[0].pointer, "/spec/job/savepointRedeployNonce");
        let with_path = deployment(&STATEFUL.replace(
            "upgradeMode: savepoint",
            "upgradeMode: savepoint, savepointRedeployNonce: 1, initialSavepointPath: 's3://b/sp/sp-1'",
        ));
        assert!(of_rule(&review_of(&before, &with_path), "FKO-CHG-003").is_empty());
    }
}
