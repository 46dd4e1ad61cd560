//! EXP-005 — a label named `namespace`.
//!
//! What it checks: `metadata.labels.namespace` (also in pod templates'
//! `metadata.labels`).
//! Why: a label does not place the object anywhere; it is usually a misplaced
//! `metadata.namespace`.
//! How to fix: move the value to `metadata.namespace` (for CMF objects: the environment's
//! `kubernetesNamespace`), or rename the label (`app.kubernetes.io/part-of`, …).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct NamespaceLabel;

impl Rule for NamespaceLabel {
    fn id(&self) -> &'static str {
        "EXP-005"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A label key 'namespace' (probably meant metadata.namespace)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for at in ["/metadata/labels/namespace", "/spec/podTemplate/metadata/labels/namespace"]
            {
                if let Some(v) = r.doc.pointer(at) {
                    out.report(
                        r,
                        at,
                        format!(
                            "label 'namespace: {}' does not set the namespace",
                            v.as_str().unwrap_or("?")
                        ),
                    )
                    .hint("did you mean metadata.namespace? Labels do not place objects");
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
    fn fires_on_a_namespace_label() {
        let f = check(
            &NamespaceLabel,
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    namespace: flink\n",
        );
        assert_eq!(pointers(&f), [("/metadata/labels/namespace".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_on_other_labels() {
        assert!(
            check(
                &NamespaceLabel,
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {app: x}\n"
            )
            .is_empty()
        );
    }
}
