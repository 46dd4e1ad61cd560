//! CMF-APP-003 — CFK-only fields in a CMF REST payload.
//!
//! What it checks: a CMF REST payload carries fields that only exist on the CFK CRs:
//! `spec.flinkEnvironment`, `spec.cmfRestClassRef`, and for databases and mappings
//! `spec.catalogRef`, `spec.connectionSecretRef`, `spec.secretRef`.
//! Why: the REST API takes the environment and catalog from the URL path and knows
//! nothing of CMFRestClass; CMF rejects or drops the unknown fields, so the intent
//! (which environment, which secret) is lost.
//! How to fix: remove them and choose the environment when applying (REST path), or
//! write the object as a CFK CR (`platform.confluent.io/v1beta1`).

use crate::core::finding::Severity;
use crate::core::model::Form;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct AppCfkFields;

const CFK_ONLY: &[(&str, &str)] = &[
    ("flinkEnvironment", "the environment comes from the REST path /environments/{env}"),
    ("cmfRestClassRef", "CMFRestClass is a CFK object; REST clients connect directly"),
    ("catalogRef", "the catalog comes from the REST path /catalogs/kafka/{catalog}"),
    ("connectionSecretRef", "CMF uses spec.kafkaCluster.connectionSecretId"),
    ("secretRef", "CMF mappings use spec.secretName"),
];

impl Rule for AppCfkFields {
    fn id(&self) -> &'static str {
        "CMF-APP-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "CFK-only fields (flinkEnvironment, cmfRestClassRef, …) in a CMF REST payload"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects().filter(|r| r.form == Form::CmfRest) {
            for (field, why) in CFK_ONLY {
                if r.spec_pointer().is_empty() && *field == "secretRef" {
                    continue;
                }
                if r.spec_get(&[field]).is_some() {
                    out.report(
                        r,
                        &r.spec_field(&[field]),
                        format!("spec.{field} is a CFK field in a CMF REST {}", r.kind_str()),
                    )
                    .hint(format!("remove it ({why}) or write the object as a CFK CR"));
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
    fn fires_on_cfk_fields() {
        let f = check(
            &AppCfkFields,
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: app1}\nspec:\n  flinkEnvironment: env1\n  cmfRestClassRef: {name: default}\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/flinkEnvironment".into(), Severity::Error),
                ("/spec/cmfRestClassRef".into(), Severity::Error)
            ]
        );
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_on_cfk_crs() {
        let f = check(
            &AppCfkFields,
            "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkApplication\nmetadata: {name: app1}\nspec:\n  flinkEnvironment: env1\n",
        );
        assert!(f.is_empty());
    }
}
