//! CFK-SEC-001 — a FlinkSecret references a Secret in its own namespace.
//!
//! What it checks: FlinkSecret `spec.secretRef` (or `secretRef.name`) names a
//! Kubernetes Secret of the FlinkSecret's namespace. Error when that Secret exists only
//! in another namespace of the design, or when the design models Secrets there;
//! warning otherwise.
//! Why: CFK reads the Secret from the FlinkSecret's namespace only and syncs its data to
//! CMF; a missing Secret leaves the CMF secret empty.
//! How to fix: create the Secret in the FlinkSecret's namespace.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::refs::util::{dangling, report, scope_text};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct FlinkSecretRef;

impl Rule for FlinkSecretRef {
    fn id(&self) -> &'static str {
        "CFK-SEC-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "FlinkSecret must reference a Secret in the same namespace"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for (r, d) in dangling(cx, &[EdgeKind::Secret]) {
            if r.kind != Kind::CmfSecret {
                continue;
            }
            let name = &d.reference.name;
            let other =
                cx.of_kind(Kind::Secret).find(|s| s.name() == name).and_then(|s| s.namespace());
            if let Some(other) = other {
                out.report(
                    r,
                    &d.reference.field,
                    format!(
                        "Secret '{name}' is in namespace '{other}', not{}",
                        scope_text(d).trim_start_matches(" in")
                    ),
                )
                .severity(Severity::Error)
                .hint(
                    "a FlinkSecret can only read a Secret of its own namespace: move one of them",
                );
            } else {
                report(
                    cx,
                    out,
                    r,
                    d,
                    "Secret",
                    &scope_text(d),
                    "create the Secret in the FlinkSecret's namespace",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const FS: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkSecret\nmetadata: {name: fs, namespace: operator}\nspec:\n  secretRef: creds\n";

    #[test]
    fn fires_on_a_secret_in_another_namespace() {
        let s = "---\napiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: other}\n";
        let f = check(&FlinkSecretRef, &format!("{FS}{s}"));
        assert_eq!(pointers(&f), [("/spec/secretRef".into(), Severity::Error)]);
        assert!(f[0].message.contains("'other'"));
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_when_in_the_same_namespace() {
        let s = "---\napiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: operator}\n";
        assert!(check(&FlinkSecretRef, &format!("{FS}{s}")).is_empty());
    }
}
