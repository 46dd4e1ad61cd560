//! FKO-CHG-012 — one apply changes a session cluster and session jobs on it.
//!
//! What it checks: a session cluster redeploy and a change of a session job running on
//! it in the same review.
//! Why: the operator reconciles both at once; session jobs submitted while the cluster is
//! being replaced are lost or duplicated (FLINK-39165, open).
//! How to fix: apply the session cluster alone, wait until it is ready, then apply the
//! session jobs.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct ClusterJobsTogether;

impl ChangeRule for ClusterJobsTogether {
    fn id(&self) -> &'static str {
        "FKO-CHG-012"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "One apply changes a session cluster and session jobs on it"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::ClusterAndJobsTogether { jobs } = cx.cause() else { return None };
        Some(cx.finding(
            self,
            format!("this change redeploys the session cluster and changes session jobs on it ({}) in one apply: jobs may be lost or duplicated (FLINK-39165)", jobs.join(", ")),
            "apply the session cluster alone, wait until it is ready, then apply the session jobs",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{SESSION_CLUSTER as CLUSTER, of_rule, review_of};

    #[test]
    fn fires_when_both_change() {
        let cluster_only =
            CLUSTER.replace("flink:1.20', flinkVersion", "flink:1.20.3', flinkVersion");
        assert!(of_rule(&review_of(CLUSTER, &cluster_only), "FKO-CHG-012").is_empty());
        let both = cluster_only.replace("parallelism: 1", "parallelism: 2");
        let r = review_of(CLUSTER, &both);
        assert_eq!(of_rule(&r, "FKO-CHG-012").len(), 1, "{:?}", r.findings);
    }
}
