//! CMF-CAT-001 — a Kafka catalog needs a Schema Registry connection.
//!
//! What it checks: KafkaCatalog / FlinkKafkaCatalog `spec.srInstance.connectionConfig`
//! is present (error) and contains `schema.registry.url` (warning).
//! Why: `srInstance.connectionConfig` is required by the OpenAPI; without the URL the
//! catalog cannot read table schemas.
//! How to fix: add `srInstance.connectionConfig.schema.registry.url: http://…:8081`.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct CatalogSr;

impl Rule for CatalogSr {
    fn id(&self) -> &'static str {
        "CMF-CAT-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A Kafka catalog needs srInstance.connectionConfig with schema.registry.url"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::KafkaCatalog) {
            let path = ["srInstance", "connectionConfig"];
            match r.spec_get(&path) {
                Some(c) if c.is_object() => {
                    if c.get("schema.registry.url").is_none() {
                        out.report(
                            r,
                            &r.spec_field(&path),
                            format!("catalog '{}' sets no schema.registry.url", r.name()),
                        )
                        .severity(Severity::Warning)
                        .hint("add schema.registry.url to srInstance.connectionConfig");
                    }
                }
                _ => {
                    out.report(
                        r,
                        "/spec",
                        format!("catalog '{}' has no srInstance.connectionConfig", r.name()),
                    )
                    .hint("add spec.srInstance.connectionConfig with schema.registry.url");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const CAT: &str =
        "apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: cat1}\nspec:\n";

    #[test]
    fn fires_without_sr() {
        let f = check(&CatalogSr, &format!("{CAT}  kafkaClusters: []\n"));
        assert_eq!(pointers(&f), [("/spec".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
        let f = check(&CatalogSr, &format!("{CAT}  srInstance:\n    connectionConfig: {{a: b}}\n"));
        assert_eq!(pointers(&f), [("/spec/srInstance/connectionConfig".into(), Severity::Warning)]);
    }

    #[test]
    fn silent_with_url() {
        let f = check(
            &CatalogSr,
            &format!(
                "{CAT}  srInstance:\n    connectionConfig: {{schema.registry.url: 'http://sr:8081'}}\n"
            ),
        );
        assert!(f.is_empty());
    }
}
