//! CMF-MAP-001 — a secret mapping names a secret.
//!
//! What it checks: an EnvironmentSecretMapping has `spec.secretName` (CFK
//! FlinkEnvironmentSecretMapping: `spec.secretRef.name`).
//! Why: required by the OpenAPI `EnvironmentSecretMappingSpec`; the mapping exists to
//! bind a connection secret id to a secret.
//! How to fix: add `spec.secretName: <CMF secret name>` (CFK: `secretRef.name: <FlinkSecret>`).

use crate::core::finding::Severity;
use crate::core::model::{Form, Kind};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct MappingSecret;

impl Rule for MappingSecret {
    fn id(&self) -> &'static str {
        "CMF-MAP-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "An environment secret mapping must name a secret"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::SecretMapping) {
            let (path, field): (&[&str], _) = match r.form {
                Form::CfkCr => (&["secretRef", "name"], "spec.secretRef.name"),
                _ => (&["secretName"], "spec.secretName"),
            };
            if r.spec_str(path).is_none_or(|s| s.is_empty()) {
                out.report(r, "/spec", format!("mapping '{}' has no {field}", r.name()))
                    .hint(format!("add {field}: the secret whose data this mapping exposes"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_secret_name() {
        let f = check(
            &MappingSecret,
            "apiVersion: cmf.confluent.io/v1\nkind: EnvironmentSecretMapping\nmetadata: {name: kafka-id}\nspec:\n  secret: x\n",
        );
        assert_eq!(pointers(&f), [("/spec".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_with_secret_ref() {
        let f = check(
            &MappingSecret,
            "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkEnvironmentSecretMapping\nmetadata: {name: kafka-id}\nspec:\n  secretRef: {name: s}\n",
        );
        assert!(f.is_empty());
    }
}
