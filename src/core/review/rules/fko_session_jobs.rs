//! FKO-CHG-011 — changing a session cluster interrupts every session job on it.
//!
//! What it checks: a session FlinkDeployment change the operator does not ignore, while
//! session jobs of the design run on it.
//! Why: the operator deletes the session cluster (keeping its HA data) and deploys it
//! again (`SessionReconciler`). With high availability the jobs recover from their latest
//! checkpoints (info); without it they are gone with the JobManager, the operator reports
//! them missing, and their state is lost (warning).
//! How to fix: without HA, suspend each session job with a savepoint first and resume it
//! after the cluster is back; or enable Kubernetes HA on the session cluster.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct SessionJobs;

impl ChangeRule for SessionJobs {
    fn id(&self) -> &'static str {
        "FKO-CHG-011"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A session cluster redeploy interrupts its session jobs (lost without HA)"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::SessionJobsInterrupted { jobs, ha } = cx.cause() else { return None };
        let list = jobs.join(", ");
        let mut f = if *ha {
            cx.finding(self, format!("the session cluster is redeployed: its session jobs ({list}) restart and recover from their latest checkpoints through HA"), "expect a restart of every session job")
        } else {
            cx.finding(self, format!("the session cluster is redeployed without high availability: its session jobs ({list}) are lost with it, and their state"), "suspend each session job with a savepoint first and resume it afterwards, or enable high availability")
        };
        if *ha {
            f.severity(Severity::Info);
        }
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use crate::core::finding::Severity;
    use crate::core::review::rules::testing::{SESSION_CLUSTER as CLUSTER, of_rule, review_of};

    #[test]
    fn warns_without_ha_informs_with_it() {
        let after = CLUSTER.replace("flink:1.20', flinkVersion", "flink:1.20.3', flinkVersion");
        let r = review_of(CLUSTER, &after);
        let f = of_rule(&r, "FKO-CHG-011");
        assert_eq!(f.len(), 1, "{:?}", r.findings);
        assert_eq!(f[0].severity, Severity::Warning);
        let ha = |t: &str| {
            t.replace(
                "execution.checkpointing.dir: 's3://b/cp'",
                "execution.checkpointing.dir: 's3://b/cp', high-availability.type: kubernetes",
            )
        };
        let r = review_of(&ha(CLUSTER), &ha(&after));
        assert_eq!(of_rule(&r, "FKO-CHG-011")[0].severity, Severity::Info);
        let ignored = CLUSTER.replace("s3://b/cp'}", "s3://b/cp', kubernetes.operator.x: y}");
        assert!(of_rule(&review_of(CLUSTER, &ignored), "FKO-CHG-011").is_empty());
    }
}
