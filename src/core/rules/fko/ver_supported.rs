//! FKO-VER-002 — Flink versions the operator no longer supports.
//!
//! What it checks: `flinkVersion` `v1_13` or `v1_14` (in any deployment-like spec or
//! environment default).
//! Why: the operator (since 1.9, through its webhook and validator) rejects Flink versions
//! older than 1.15.
//! How to fix: upgrade the job and image to a supported Flink version (v1_19 or newer).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct VerSupported;

impl Rule for VerSupported {
    fn id(&self) -> &'static str {
        "FKO-VER-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Flink v1_13 and v1_14 are not supported by the operator"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            if let Some(v @ ("v1_13" | "v1_14")) = s.str(&["flinkVersion"]) {
                out.report(
                    s.owner,
                    &s.field(&["flinkVersion"]),
                    format!("Flink {v} is not supported by this operator"),
                )
                .hint("upgrade to a supported Flink version (v1_19 or newer) and matching image");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_1_14_only() {
        let fd = |v: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{flinkVersion: {v}}}\n"
            )
        };
        let f = check(&VerSupported, &fd("v1_14"));
        assert_eq!(pointers(&f), [("/spec/flinkVersion".into(), Severity::Error)]);
        assert!(f[0].message.contains("v1_14"));
        assert!(check(&VerSupported, &fd("v1_15")).is_empty());
    }
}
