//! NAME-K8S-001 — namespace names are DNS labels.
//!
//! What it checks: `Namespace` names and the `kubernetesNamespace` of CMF environments
//! (REST or CFK) are DNS labels: ≤ 63 chars of `[a-z0-9-]`, alphanumeric at both ends.
//! Why: Kubernetes only accepts DNS-label namespace names; the CMF schema accepts dots
//! and 253 characters, so CMF takes a name Kubernetes can never create.
//! How to fix: use lowercase letters, digits and '-' only, at most 63 characters.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::flink::names::is_dns_label;

/// See the module documentation.
pub struct NamespaceName;

impl Rule for NamespaceName {
    fn id(&self) -> &'static str {
        "NAME-K8S-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Kubernetes namespace names are DNS labels (≤63 chars of [a-z0-9-])"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let hint = "use at most 63 lowercase letters, digits and '-', no dots";
        for r in cx.of_kind(Kind::Namespace) {
            if !is_dns_label(r.name()) {
                out.report(
                    r,
                    "/metadata/name",
                    format!("namespace '{}' is not a DNS label", r.name()),
                )
                .hint(hint);
            }
        }
        for r in cx.of_kind(Kind::Environment) {
            if let Some(ns) = r.spec_str(&["kubernetesNamespace"]).filter(|n| !is_dns_label(n)) {
                out.report(
                    r,
                    &r.spec_field(&["kubernetesNamespace"]),
                    format!("kubernetesNamespace '{ns}' is not a valid Kubernetes namespace name"),
                )
                .hint(hint);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_dotted_namespaces() {
        let f = check(&NamespaceName, "name: dev-env\nkubernetesNamespace: team.flink\n");
        assert_eq!(pointers(&f), [("/kubernetesNamespace".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(2));
    }

    #[test]
    fn silent_on_labels() {
        assert!(
            check(&NamespaceName, "apiVersion: v1\nkind: Namespace\nmetadata: {name: flink}\n")
                .is_empty()
        );
    }
}
