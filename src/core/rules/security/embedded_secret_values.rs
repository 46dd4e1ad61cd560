//! SEC-EXP-001 — secret values embedded in the design.
//!
//! What it checks: Kubernetes Secrets with `data` / `stringData` entries, and CMF REST
//! Secrets with `spec.data`: exporting them writes the values into the manifests.
//! Why: exported manifests end up in Git, CI logs and tickets; secrets are better created out
//! of band (External Secrets Operator, Sealed Secrets, Vault) and only referenced.
//! How to fix: export placeholders (or leave the Secret out) and create it from a secret
//! manager; keep only the reference in the design.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::model::{Form, Kind};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct EmbeddedSecretValues;

impl Rule for EmbeddedSecretValues {
    fn id(&self) -> &'static str {
        "SEC-EXP-001"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Secret values embedded in exported manifests; prefer an external secret manager"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let count = |v: Option<&Value>| v.and_then(Value::as_object).map_or(0, |m| m.len());
        for r in cx.subjects() {
            let places: Vec<(&str, usize)> = match (r.kind, r.form) {
                (Kind::Secret, _) => vec![
                    ("/data", count(r.doc.get("data"))),
                    ("/stringData", count(r.doc.get("stringData"))),
                ],
                (Kind::CmfSecret, Form::CmfRest) => {
                    vec![("/spec/data", count(r.spec_get(&["data"])))]
                }
                _ => continue,
            };
            for (at, n) in places.into_iter().filter(|(_, n)| *n > 0) {
                out.report(r, at, format!("Secret '{}' embeds {n} value(s) that an export would write out", r.name()))
                    .hint("export placeholders and create the secret out of band (External Secrets, Sealed Secrets, Vault)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_string_data_only_when_values_exist() {
        let f = check(
            &EmbeddedSecretValues,
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {}\nstringData:\n  password: x\n",
        );
        assert_eq!(pointers(&f), [("/stringData".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(6));
        assert_eq!(f[0].message, "Secret 's' embeds 1 value(s) that an export would write out");
    }
}
