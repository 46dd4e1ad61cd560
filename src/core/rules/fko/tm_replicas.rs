//! FKO-JOB-006 — TaskManager replicas must be positive.
//!
//! What it checks: `taskManager.replicas` defined and below 1.
//! Why: the operator's validator rejects it.
//! How to fix: set `taskManager.replicas` to 1 or more, or remove it (the operator then
//! derives the TaskManager count from the parallelism).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct TmReplicas;

impl Rule for TmReplicas {
    fn id(&self) -> &'static str {
        "FKO-JOB-006"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "TaskManager replicas must be larger than 0"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            let Some(v) = s.get(&["taskManager", "replicas"]) else { continue };
            if v.as_f64().is_some_and(|n| n < 1.0) {
                out.report(
                    s.owner,
                    &s.field(&["taskManager", "replicas"]),
                    format!("TaskManager replicas must be larger than 0, is {v}"),
                )
                .hint("set taskManager.replicas ≥ 1 or remove it");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_below_one() {
        let fd = |n: i32| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{taskManager: {{replicas: {n}}}}}\n"
            )
        };
        assert_eq!(
            pointers(&check(&TmReplicas, &fd(0))),
            [("/spec/taskManager/replicas".into(), Severity::Error)]
        );
        assert!(check(&TmReplicas, &fd(3)).is_empty());
    }
}
