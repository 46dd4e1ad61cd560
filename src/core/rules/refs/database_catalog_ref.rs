//! REF-CAT-001 — a database's catalog exists.
//!
//! What it checks: a Kafka database names (CFK `spec.catalogRef.name`) or was assigned a
//! catalog of the design; a CMF REST database with no catalog at all (the design has
//! none or several) gets a warning asking to assign one.
//! Why: databases are created under `/catalogs/kafka/{catalog}/databases`; CMF answers
//! 404 when the catalog does not exist.
//! How to fix: create the catalog first, or assign the database to an existing one.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::{Form, Kind};
use crate::core::rules::{Context, Rule, Sink};

use crate::core::rules::missing::{Missing, dangling, report_missing};

/// See the module documentation.
pub struct DatabaseCatalogRef;

impl Rule for DatabaseCatalogRef {
    fn id(&self) -> &'static str {
        "REF-CAT-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A Kafka database's catalog must exist"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.of_kind(Kind::KafkaDatabase) {
            if r.catalog().is_some() {
                continue;
            }
            let (msg, hint) = if r.form == Form::CfkCr {
                (
                    "has no spec.catalogRef.name",
                    "add spec.catalogRef.name: the FlinkKafkaCatalog it belongs to",
                )
            } else {
                (
                    "has no catalog: the design has none or several",
                    "assign it to a catalog (it is created under /catalogs/kafka/{catalog}/databases)",
                )
            };
            let sev = if r.form == Form::CfkCr { Severity::Error } else { Severity::Warning };
            out.report(r, "/spec", format!("database '{}' {msg}", r.name()))
                .severity(sev)
                .hint(hint);
        }
        for (r, d) in dangling(cx, &[EdgeKind::Catalog]) {
            if r.kind == Kind::KafkaDatabase {
                report_missing(
                    cx,
                    out,
                    r,
                    d,
                    Missing {
                        what: "catalog",
                        scope: "",
                        hint: "create the catalog before its databases or fix the name",
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const DB: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkKafkaDatabase\nmetadata: {name: db1}\nspec:\n  catalogRef: {name: cat2}\n";

    #[test]
    fn fires_on_an_unknown_catalog() {
        let cat =
            "apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: cat1}\n---\n";
        let f = check(&DatabaseCatalogRef, &format!("{cat}{DB}"));
        assert_eq!(pointers(&f), [("/spec/catalogRef/name".into(), Severity::Warning)]);
        assert!(f[0].message.contains("'cat2' is not in the input (the input has 'cat1')"));
        assert_eq!(f[0].line, Some(9));
        let f = check_complete(&DatabaseCatalogRef, &format!("{cat}{DB}"));
        assert_eq!(pointers(&f), [("/spec/catalogRef/name".into(), Severity::Error)]);
    }

    #[test]
    fn silent_when_resolved() {
        let cat =
            "apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: cat2}\n---\n";
        assert!(check(&DatabaseCatalogRef, &format!("{cat}{DB}")).is_empty());
    }
}
