//! FKO-RES-001 — `resource.memory` must parse.
//!
//! What it checks: `jobManager.resource.memory` / `taskManager.resource.memory` that are
//! neither a Flink memory size (`2048m`, `2 gb`) nor a Kubernetes quantity (`2Gi`).
//! Why: the operator's validator rejects the deployment ("Cannot parse memory").
//! How to fix: write a size such as `2048m` or `2Gi`.

use crate::core::finding::Severity;
use crate::core::flink::quantity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ResMemory;

impl Rule for ResMemory {
    fn id(&self) -> &'static str {
        "FKO-RES-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "resource.memory must be a Flink memory size or a Kubernetes quantity"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            for c in ["jobManager", "taskManager"] {
                let t = [c, "resource", "memory"];
                let Some(m) = s.str(&t) else { continue };
                if quantity::memory(m).is_none() {
                    out.report(s.owner, &s.field(&t), format!("Cannot parse memory '{m}'"))
                        .hint("write a size such as 2048m, 2g or 2Gi");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_garbage() {
        let fd = |m: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{taskManager: {{resource: {{memory: '{m}'}}}}}}\n"
            )
        };
        assert_eq!(
            pointers(&check(&ResMemory, &fd("1024ßm"))),
            [("/spec/taskManager/resource/memory".into(), Severity::Error)]
        );
        assert!(check(&ResMemory, &fd("2 gb")).is_empty());
        assert!(check(&ResMemory, &fd("1.5Gi")).is_empty());
    }
}
