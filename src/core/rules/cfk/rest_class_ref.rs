//! CFK-REF-001 — every CFK Flink CR references a CMFRestClass.
//!
//! What it checks: each CFK Flink CR other than CMFRestClass has
//! `spec.cmfRestClassRef.name` (error when missing), and it names a CMFRestClass of the
//! design in `cmfRestClassRef.namespace` (or the CR's namespace), under the
//! reference policy (`rules::missing`: a warning naming what must exist, an error for
//! complete designs).
//! Why: CFK reaches CMF only through the CMFRestClass; without it the CR is never synced.
//! How to fix: add `cmfRestClassRef: {name: default, namespace: <ns>}` naming an
//! existing CMFRestClass.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::missing::{Missing, dangling, report_missing, scope_text};
use crate::core::rules::{Context, Rule, Sink};

use super::shared::cfk_subjects;

/// See the module documentation.
pub struct RestClassRef;

impl Rule for RestClassRef {
    fn id(&self) -> &'static str {
        "CFK-REF-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "CFK Flink CRs need a resolvable spec.cmfRestClassRef"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cfk_subjects(cx).filter(|r| r.kind != Kind::CmfRestClass) {
            if r.spec_str(&["cmfRestClassRef", "name"]).is_none() {
                out.report(
                    r,
                    "/spec",
                    format!("{} '{}' has no spec.cmfRestClassRef", r.kind_str(), r.name()),
                )
                .hint("add cmfRestClassRef: {name: <CMFRestClass>, namespace: <its namespace>}");
            }
        }
        for (r, d) in dangling(cx, &[EdgeKind::RestClass]) {
            report_missing(
                cx,
                out,
                r,
                d,
                Missing {
                    what: "CMFRestClass",
                    scope: &scope_text(&d.reference),
                    hint: "create the CMFRestClass or fix cmfRestClassRef",
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const ENV: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkEnvironment\nmetadata: {name: env1, namespace: operator}\nspec:\n  kubernetesNamespace: default\n";

    #[test]
    fn fires_when_missing_or_unresolved() {
        let f = check(&RestClassRef, ENV);
        assert_eq!(pointers(&f), [("/spec".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
        let f = check(&RestClassRef, &format!("{ENV}  cmfRestClassRef: {{name: default}}\n"));
        assert_eq!(pointers(&f), [("/spec/cmfRestClassRef/name".into(), Severity::Warning)]);
    }

    #[test]
    fn silent_when_resolved() {
        let rc = "---\napiVersion: platform.confluent.io/v1beta1\nkind: CMFRestClass\nmetadata: {name: default, namespace: operator}\n";
        assert!(
            check(&RestClassRef, &format!("{ENV}  cmfRestClassRef: {{name: default}}\n{rc}"))
                .is_empty()
        );
    }
}
