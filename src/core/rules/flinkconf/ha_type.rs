//! CFG-HA-001 — unknown high-availability type.
//!
//! What it checks: `high-availability.type` (legacy `high-availability`) is `NONE`,
//! `ZOOKEEPER` or `KUBERNETES` (any case) or a fully-qualified factory class.
//! Why: Flink cannot start the cluster with another value.
//! How to fix: use `kubernetes` on Kubernetes (or a factory class name).

use super::shared::{has_placeholder, maps};
use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct HaType;

impl Rule for HaType {
    fn id(&self) -> &'static str {
        "CFG-HA-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "high-availability.type must be NONE, ZOOKEEPER, KUBERNETES or a factory class"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx) {
            for i in m.items_for("high-availability.type") {
                let v = i.value.trim().to_ascii_lowercase();
                let ok =
                    ["none", "zookeeper", "kubernetes"].contains(&v.as_str()) || v.contains('.');
                if !ok && !has_placeholder(&v) {
                    out.report(m.owner, &i.pointer, format!("Unknown HA type '{}'", i.value))
                        .hint("use kubernetes, zookeeper, none or a fully-qualified HighAvailabilityServicesFactory");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn doc(key: &str, value: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
             spec:\n  flinkConfiguration:\n    {key}: {value}\n"
        )
    }

    #[test]
    fn fires_on_unknown_types() {
        let f = check(&HaType, &doc("high-availability", "k8s"));
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/high-availability".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_on_valid_types_and_factories() {
        assert!(check(&HaType, &doc("high-availability.type", "KUBERNETES")).is_empty());
        let factory = "org.apache.flink.kubernetes.highavailability.KubernetesHaServicesFactory";
        assert!(check(&HaType, &doc("high-availability", factory)).is_empty());
    }
}
