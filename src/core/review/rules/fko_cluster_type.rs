//! FKO-CHG-001 — a deployed FlinkDeployment cannot switch between session and application
//! cluster.
//!
//! What it checks: `spec.job` added to a deployed session cluster, or removed from a
//! deployed application cluster.
//! Why: the operator's `validateSpecChange` refuses it ("Cannot switch from session to job
//! cluster" / "… from job to session cluster"); nothing is applied.
//! How to fix: take a savepoint, delete the FlinkDeployment and create the new one (with
//! `initialSavepointPath`), or give the new cluster another name.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct ClusterType;

impl ChangeRule for ClusterType {
    fn id(&self) -> &'static str {
        "FKO-CHG-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A deployed FlinkDeployment cannot switch between session and application cluster"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::ClusterTypeSwitch { message } = cx.cause() else { return None };
        Some(cx.finding(
            self,
            format!("the operator refuses this change: \"{message}\""),
            "take a savepoint, delete the FlinkDeployment and create the new one with job.initialSavepointPath (or use another name)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{STATEFUL, deployment, of_rule, review_of};

    #[test]
    fn fires_when_a_job_is_removed_and_not_otherwise() {
        let before = deployment(STATEFUL);
        let after = deployment(&STATEFUL.replace(
            ", job: {jarURI: 'local:///opt/a.jar', parallelism: 2, upgradeMode: savepoint}",
            "",
        ));
        let r = review_of(&before, &after);
        let f = of_rule(&r, "FKO-CHG-001");
        assert_eq!(f.len(), 1, "{:?}", r.findings);
        assert!(f[0].message.contains("Cannot switch from job to session cluster"));
        assert_eq!(f[0].pointer, "/spec/job");
        let r = review_of(&after, &before);
        assert!(of_rule(&r, "FKO-CHG-001")[0].message.contains("from session to job cluster"));
        let same =
            review_of(&before, &deployment(&STATEFUL.replace("parallelism: 2", "parallelism: 4")));
        assert!(of_rule(&same, "FKO-CHG-001").is_empty());
    }
}
