//! FKO-RES-002 — `resource.ephemeralStorage` must be a quantity.
//!
//! What it checks: `jobManager/taskManager.resource.ephemeralStorage` that is not a
//! Kubernetes quantity.
//! Why: the operator's validator rejects it ("Cannot parse ephemeral storage"; FKO 1.5+).
//! How to fix: write a quantity such as `10Gi`.

use crate::core::finding::Severity;
use crate::core::flink::quantity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ResEphemeral;

impl Rule for ResEphemeral {
    fn id(&self) -> &'static str {
        "FKO-RES-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "resource.ephemeralStorage must be a Kubernetes quantity"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            for c in ["jobManager", "taskManager"] {
                let t = [c, "resource", "ephemeralStorage"];
                let Some(v) = s.str(&t) else { continue };
                if quantity::kubernetes(v).is_none() {
                    out.report(
                        s.owner,
                        &s.field(&t),
                        format!("Cannot parse ephemeral storage '{v}'"),
                    )
                    .hint("write a Kubernetes quantity such as 10Gi");
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
    fn fires_on_non_quantities() {
        let fd = |m: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{jobManager: {{resource: {{ephemeralStorage: '{m}'}}}}}}\n"
            )
        };
        assert_eq!(
            pointers(&check(&ResEphemeral, &fd("10 GB"))),
            [("/spec/jobManager/resource/ephemeralStorage".into(), Severity::Error)]
        );
        assert!(check(&ResEphemeral, &fd("10Gi")).is_empty());
    }
}
