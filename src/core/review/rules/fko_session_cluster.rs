//! FKO-CHG-005 — a session job cannot move to another session cluster.
//!
//! What it checks: `spec.deploymentName` of a deployed FlinkSessionJob changes.
//! Why: `validateSpecChange(FlinkSessionJob)` refuses it ("The deploymentName can't be
//! changed"); nothing is applied.
//! How to fix: take a savepoint, delete the session job and create it on the other
//! cluster with `job.initialSavepointPath`.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct SessionCluster;

impl ChangeRule for SessionCluster {
    fn id(&self) -> &'static str {
        "FKO-CHG-005"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A session job's deploymentName cannot change"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::SessionClusterRenamed { from, to } = cx.cause() else { return None };
        Some(cx.finding(
            self,
            format!("the operator refuses moving the job from session cluster '{from}' to '{to}': \"The deploymentName can't be changed\""),
            "take a savepoint, delete the session job and create it on the new cluster with job.initialSavepointPath",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{of_rule, review_of};

    fn job(cluster: &str, parallelism: u32) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {{name: j, namespace: f}}\n\
                 spec: {{deploymentName: {cluster}, job: {{jarURI: 'https://x/a.jar', parallelism: {parallelism}, upgradeMode: savepoint}}}}\n"
        )
    }

    #[test]
    fn fires_on_a_new_cluster_only() {
        let r = review_of(&job("one", 1), &job("two", 1));
        assert_eq!(of_rule(&r, "FKO-CHG-005").len(), 1, "{:?}", r.findings);
        assert_eq!(of_rule(&r, "FKO-CHG-005")[0].pointer, "/spec/deploymentName");
        assert!(of_rule(&review_of(&job("one", 1), &job("one", 2)), "FKO-CHG-005").is_empty());
    }
}
