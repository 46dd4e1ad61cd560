//! REF-CFK-001 — the Secrets a CMFRestClass uses exist.
//!
//! What it checks: `cmfRest.tls.secretRef` and `cmfRest.authentication.oauth.secretRef`
//! of a CMFRestClass name Secrets of its namespace (edge E20). Reference policy
//! `rules::missing`: a warning naming what must exist, an error for complete designs. (Unresolved `cmfRestClassRef`s are
//! CFK-REF-001's, FlinkSecret `secretRef`s CFK-SEC-001's.)
//! Why: CFK cannot reach CMF; every Flink CR using the class stays unsynchronised.
//! How to fix: create the Secret (TLS: `fullchain.pem`, `privkey.pem`, `cacerts.pem`;
//! OAuth: client id and secret) in the CMFRestClass namespace.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::rules::missing::{Missing, dangling, report_missing, scope_text};

/// See the module documentation.
pub struct RestClassSecretRef;

impl Rule for RestClassSecretRef {
    fn id(&self) -> &'static str {
        "REF-CFK-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Secrets referenced by a CMFRestClass (TLS, OAuth) must exist"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for (r, d) in dangling(cx, &[EdgeKind::Secret]) {
            if r.kind == Kind::CmfRestClass {
                report_missing(
                    cx,
                    out,
                    r,
                    d,
                    Missing {
                        what: "Secret",
                        scope: &scope_text(&d.reference),
                        hint: "create the Secret in the CMFRestClass namespace",
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const RC: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: CMFRestClass\nmetadata: {name: default, namespace: operator}\nspec:\n  cmfRest:\n    tls: {secretRef: cmf-day2-tls}\n";

    #[test]
    fn fires_with_a_warning_when_secrets_are_not_modelled() {
        let f = check(&RestClassSecretRef, RC);
        assert_eq!(pointers(&f), [("/spec/cmfRest/tls/secretRef".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_when_resolved() {
        let s = "---\napiVersion: v1\nkind: Secret\nmetadata: {name: cmf-day2-tls, namespace: operator}\n";
        assert!(check(&RestClassSecretRef, &format!("{RC}{s}")).is_empty());
    }
}
