//! CMF-SEC-001 — a CMF secret carries data.
//!
//! What it checks: a CMF REST `Secret` has a non-empty `spec.data` map.
//! Why: the secret exists only to hold connection credentials; an empty secret maps
//! nothing into the catalog/database connection config.
//! How to fix: add `spec.data` with the credential properties (e.g. `sasl.jaas.config`).

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::model::{Form, Kind};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SecretData;

impl Rule for SecretData {
    fn id(&self) -> &'static str {
        "CMF-SEC-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A CMF Secret needs a non-empty spec.data"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::CmfSecret).filter(|r| r.form == Form::CmfRest) {
            match r.spec_get(&["data"]) {
                Some(Value::Object(m)) if !m.is_empty() => {}
                Some(_) => {
                    out.report(r, "/spec/data", format!("secret '{}' has empty data", r.name()))
                        .hint("add the credential properties to spec.data");
                }
                None => {
                    out.report(r, "", format!("secret '{}' has no spec.data", r.name())).hint(
                        "add spec.data with the credential properties (e.g. sasl.jaas.config)",
                    );
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
    fn fires_on_empty_data() {
        let f = check(
            &SecretData,
            "apiVersion: cmf.confluent.io/v1\nkind: Secret\nmetadata: {name: kafka-secret}\nspec:\n  data: {}\n",
        );
        assert_eq!(pointers(&f), [("/spec/data".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_with_data() {
        let f = check(
            &SecretData,
            "apiVersion: cmf.confluent.io/v1\nkind: Secret\nmetadata: {name: kafka-secret}\nspec:\n  data: {sasl.mechanism: PLAIN}\n",
        );
        assert!(f.is_empty());
    }
}
