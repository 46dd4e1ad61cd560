//! CMF-CAT-002 — `kafkaClusters` inside a catalog is the CMF 2.0 shape.
//!
//! What it checks: a Kafka catalog lists `spec.kafkaClusters[]` while the design targets
//! CMF 2.1 or newer.
//! Why: since CMF 2.1 databases are separate KafkaDatabase resources
//! (`/catalogs/kafka/{catalog}/databases`); the inline list is legacy.
//! How to fix: remove `kafkaClusters` and create one KafkaDatabase per entry
//! (`metadata.name` = `databaseName`, `spec.kafkaCluster.connectionConfig`).

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct CatalogLegacyClusters;

impl Rule for CatalogLegacyClusters {
    fn id(&self) -> &'static str {
        "CMF-CAT-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Catalog kafkaClusters[] is the legacy CMF 2.0 shape; use KafkaDatabases"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if !cx.targets.cmf.at_least(2, 1) {
            return;
        }
        for r in cx.subjects_of_kind(Kind::KafkaCatalog) {
            let Some(list) = r.spec_get(&["kafkaClusters"]) else { continue };
            let names: Vec<&str> = list
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c.get("databaseName").and_then(|n| n.as_str()))
                .collect();
            out.report(
                r,
                &r.spec_field(&["kafkaClusters"]),
                format!("catalog '{}' lists kafkaClusters ({}), the CMF 2.0 shape", r.name(), names.join(", ")),
            )
            .hint("create a KafkaDatabase per entry (POST /catalogs/kafka/{catalog}/databases) and remove kafkaClusters");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const CAT: &str = "apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: cat1}\nspec:\n  kafkaClusters:\n  - {databaseName: paymentsdb}\n";

    #[test]
    fn fires_on_current_cmf() {
        let f = check(&CatalogLegacyClusters, CAT);
        assert_eq!(pointers(&f), [("/spec/kafkaClusters".into(), Severity::Warning)]);
        assert!(f[0].message.contains("paymentsdb"));
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_on_cmf_2_0() {
        let t = Targets { cmf: Version::new(2, 0, 0), ..Targets::default() };
        assert!(check_with(&CatalogLegacyClusters, CAT, t).is_empty());
    }
}
