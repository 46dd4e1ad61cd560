//! FKO-RES-003 — `resources` requests and limits must be positive.
//!
//! What it checks: in `jobManager/taskManager.resources.requests|limits` (FKO 1.16+), a
//! memory that does not parse or is ≤ 0, a cpu ≤ 0, or any other resource below 0.
//! Why: the operator's validator (1.16+) rejects them.
//! How to fix: write positive quantities, e.g. `cpu: "1"`, `memory: 2Gi`.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::flink::quantity;
use crate::core::flink::version::FkoFeature;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ResRequirements;

/// The numeric value of a quantity written as a number or a string.
pub fn amount(v: &Value, memory: bool) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) if memory => quantity::memory(s).map(|m| m.bytes),
        Value::String(s) => quantity::kubernetes(s),
        _ => None,
    }
}

impl Rule for ResRequirements {
    fn id(&self) -> &'static str {
        "FKO-RES-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "resources requests/limits must be positive quantities"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        // Older CRDs have no `resources` (OPS-FKO-005): the validator never sees it.
        if !FkoFeature::ResourceRequirements.in_release(cx.targets.fko) {
            return;
        }
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            for c in ["jobManager", "taskManager"] {
                for section in ["requests", "limits"] {
                    let t = [c, "resources", section];
                    let Some(m) = s.get(&t).and_then(Value::as_object) else { continue };
                    for (k, v) in m {
                        let a = amount(v, k == "memory");
                        let bad = match k.as_str() {
                            "memory" | "cpu" => a.is_none_or(|a| a <= 0.0),
                            _ => a.is_some_and(|a| a < 0.0),
                        };
                        if bad {
                            let what = if k == "memory" || k == "cpu" {
                                "positive"
                            } else {
                                "non-negative"
                            };
                            out.report(
                                s.owner,
                                &pointer::push(&s.field(&t), k),
                                format!("{c} {section} {k} must be {what}, is {v}"),
                            )
                            .hint("write a positive quantity such as \"1\" (cpu) or 2Gi (memory)");
                        }
                    }
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
    fn fires_on_zero_cpu_and_bad_memory() {
        let fd = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  jobManager:\n    resources:\n      requests: {cpu: 0, memory: lots, ephemeral-storage: 1Gi}\n      limits: {cpu: '500m'}\n";
        let f = check(&ResRequirements, fd);
        assert_eq!(
            pointers(&f),
            [
                ("/spec/jobManager/resources/requests/cpu".into(), Severity::Error),
                ("/spec/jobManager/resources/requests/memory".into(), Severity::Error)
            ]
        );
        assert_eq!(f[0].line, Some(7));
        let fko_1_15 = crate::core::targets::Targets {
            fko: crate::core::targets::Version::new(1, 15, 0),
            ..Default::default()
        };
        let old = crate::core::rules::testing::check_with(&ResRequirements, fd, fko_1_15);
        assert!(old.is_empty(), "FKO 1.15's CRD has no resources (OPS-FKO-005 says so)");
    }
}
