//! FKO-CHG-002 — `spec.mode` cannot switch between native and standalone.
//!
//! What it checks: `spec.mode` of a deployed FlinkDeployment (or CMF application) changes
//! (`native` is the default).
//! Why: `validateSpecChange` refuses it ("Cannot switch from native kubernetes to
//! standalone kubernetes cluster" and back); nothing is applied.
//! How to fix: savepoint, delete, create the new deployment from the savepoint.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct DeploymentMode;

impl ChangeRule for DeploymentMode {
    fn id(&self) -> &'static str {
        "FKO-CHG-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A deployed FlinkDeployment cannot switch between native and standalone mode"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::DeploymentModeSwitch { message } = cx.cause() else { return None };
        Some(cx.finding(
            self,
            format!("the operator refuses this change: \"{message}\""),
            "keep spec.mode, or take a savepoint, delete the deployment and create it anew with job.initialSavepointPath",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{STATEFUL, deployment, of_rule, review_of};

    #[test]
    fn fires_on_a_mode_switch_only() {
        let before = deployment(STATEFUL);
        let after = deployment(
            &STATEFUL.replace("serviceAccount: flink,", "serviceAccount: flink, mode: standalone,"),
        );
        let r = review_of(&before, &after);
        let f = of_rule(&r, "FKO-CHG-002");
        assert_eq!(f.len(), 1, "{:?}", r.findings);
        assert_eq!(f[0].pointer, "/spec/mode");
        assert!(f[0].message.contains("native kubernetes to standalone"));
        let explicit = deployment(
            &STATEFUL.replace("serviceAccount: flink,", "serviceAccount: flink, mode: native,"),
        );
        assert!(
            of_rule(&review_of(&before, &explicit), "FKO-CHG-002").is_empty(),
            "native is the default"
        );
    }
}
