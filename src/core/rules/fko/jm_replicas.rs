//! FKO-JMREP-001 — at least one JobManager.
//!
//! What it checks: `jobManager.replicas` below 1 (in any deployment-like spec or default).
//! Why: the operator's validator rejects it; a cluster needs a JobManager.
//! How to fix: set `jobManager.replicas` to 1 (or more with HA), or remove it (default 1).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct JmReplicas;

impl Rule for JmReplicas {
    fn id(&self) -> &'static str {
        "FKO-JMREP-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "JobManager replicas must be at least 1"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            let Some(v) = s.get(&["jobManager", "replicas"]) else { continue };
            if v.as_f64().is_some_and(|n| n < 1.0) {
                out.report(
                    s.owner,
                    &s.field(&["jobManager", "replicas"]),
                    format!("JobManager replicas must be ≥ 1, not {v}"),
                )
                .hint("set jobManager.replicas: 1 or remove it");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(n: i32) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{jobManager: {{replicas: {n}}}}}\n"
        )
    }

    #[test]
    fn fires_below_one() {
        assert_eq!(
            pointers(&check(&JmReplicas, &fd(0))),
            [("/spec/jobManager/replicas".into(), Severity::Error)]
        );
        assert!(check(&JmReplicas, &fd(1)).is_empty());
    }
}
