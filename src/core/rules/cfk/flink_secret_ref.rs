//! CFK-SEC-001 — a FlinkSecret references a Secret in its own namespace.
//!
//! What it checks: FlinkSecret `spec.secretRef` (or `secretRef.name`) names a
//! Kubernetes Secret of the FlinkSecret's namespace; a Secret not in the input follows
//! the reference policy (`rules::missing`), naming a same-named Secret of another
//! namespace as the likely mistake.
//! Why: CFK reads the Secret from the FlinkSecret's namespace only and syncs its data to
//! CMF; a missing Secret leaves the CMF secret empty.
//! How to fix: create the Secret in the FlinkSecret's namespace.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::missing::{Missing, dangling, report_missing, scope_text};
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
            let other = cx.named(Kind::Secret, name).next().and_then(|s| s.namespace());
            let hint = match other {
                Some(other) => format!(
                    "the input has a Secret '{name}' in namespace '{other}', but a FlinkSecret can only read a Secret of its own namespace: move one of them"
                ),
                None => "create the Secret in the FlinkSecret's namespace".to_string(),
            };
            report_missing(
                cx,
                out,
                r,
                d,
                Missing { what: "Secret", scope: &scope_text(&d.reference), hint: &hint },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const FS: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkSecret\nmetadata: {name: fs, namespace: operator}\nspec:\n  secretRef: creds\n";

    #[test]
    fn fires_on_a_secret_in_another_namespace() {
        let s = "---\napiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: other}\n";
        let f = check(&FlinkSecretRef, &format!("{FS}{s}"));
        assert_eq!(pointers(&f), [("/spec/secretRef".into(), Severity::Warning)]);
        assert!(f[0].message.contains("'creds' in namespace 'operator' is not in the input"));
        assert!(f[0].hint.contains("in namespace 'other'"));
        assert_eq!(f[0].line, Some(5));
        let f = check_complete(&FlinkSecretRef, &format!("{FS}{s}"));
        assert_eq!(pointers(&f), [("/spec/secretRef".into(), Severity::Error)]);
    }

    #[test]
    fn silent_when_in_the_same_namespace() {
        let s = "---\napiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: operator}\n";
        assert!(check(&FlinkSecretRef, &format!("{FS}{s}")).is_empty());
    }
}
