//! REF-CAT-002 — the catalogs and databases a statement uses exist.
//!
//! What it checks: `spec.properties` `sql.current-catalog` / `sql.current-database` and
//! the catalog/database parts of qualified table names in the SQL name catalogs and
//! databases of the design. Properties follow the usual error/warning split; names found
//! in the SQL are only checked when the design models that catalog's databases.
//! Why: the statement fails to plan ("catalog/database does not exist").
//! How to fix: fix the name or create the KafkaCatalog / KafkaDatabase.

use std::collections::BTreeSet;

use crate::core::finding::Severity;
use crate::core::flink::sql::table_refs;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use super::util::{dangling, report};

/// See the module documentation.
pub struct StatementCatalogRef;

impl Rule for StatementCatalogRef {
    fn id(&self) -> &'static str {
        "REF-CAT-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Catalogs and databases used by a statement must exist"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut reported = BTreeSet::new();
        for (r, d) in dangling(cx, &[EdgeKind::Catalog, EdgeKind::Database]) {
            if r.kind != Kind::Statement {
                continue;
            }
            let what = if d.reference.edge == EdgeKind::Catalog { "catalog" } else { "database" };
            report(
                cx,
                out,
                r,
                d,
                what,
                "",
                "fix sql.current-catalog / sql.current-database or create it",
            );
            reported.insert((r.id, d.reference.name.clone()));
        }
        let catalogs: Vec<&str> = cx.of_kind(Kind::KafkaCatalog).map(|c| c.name()).collect();
        let dbs: Vec<(Option<&str>, &str)> =
            cx.of_kind(Kind::KafkaDatabase).map(|d| (d.catalog(), d.name())).collect();
        for r in cx.of_kind(Kind::Statement) {
            let Some(sql) = r.spec_str(&["statement"]) else { continue };
            let current = r.spec_str(&["properties", "sql.current-catalog"]);
            for t in table_refs(sql) {
                let (cat, db) = match t.len() {
                    3 => (Some(t[0].as_str()), t[1].as_str()),
                    2 => (current, t[0].as_str()),
                    _ => continue,
                };
                let Some(cat) = cat else { continue };
                let at = r.spec_field(&["statement"]);
                if !catalogs.is_empty()
                    && !catalogs.contains(&cat)
                    && reported.insert((r.id, cat.to_string()))
                {
                    out.report(
                        r,
                        &at,
                        format!(
                            "catalog '{cat}' used in the SQL does not exist (known: {})",
                            catalogs.join(", ")
                        ),
                    )
                    .hint("fix the catalog name or create the KafkaCatalog");
                    continue;
                }
                let in_cat: Vec<&str> =
                    dbs.iter().filter(|(c, _)| *c == Some(cat)).map(|(_, n)| *n).collect();
                if !in_cat.is_empty()
                    && !in_cat.contains(&db)
                    && reported.insert((r.id, format!("{cat}.{db}")))
                {
                    out.report(
                        r,
                        &at,
                        format!(
                            "database '{db}' does not exist in catalog '{cat}' (known: {})",
                            in_cat.join(", ")
                        ),
                    )
                    .hint("fix the database name or create the KafkaDatabase");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const CAT: &str = "apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: kafka-cat}\n---\napiVersion: cmf.confluent.io/v1\nkind: KafkaDatabase\nmetadata: {name: clicks-db}\n---\n";
    const STMT: &str = "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  statement: ";

    #[test]
    fn fires_on_unknown_names_in_sql_and_properties() {
        let f = check(
            &StatementCatalogRef,
            &format!("{CAT}{STMT}SELECT * FROM `kafka-cat`.`clickz-db`.t\n"),
        );
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Error)]);
        assert!(f[0].message.contains("clickz-db"));
        assert_eq!(f[0].line, Some(13));
        let props = "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  properties: {sql.current-catalog: examples}\n";
        let f = check(&StatementCatalogRef, &format!("{CAT}{props}"));
        assert_eq!(
            pointers(&f),
            [("/spec/properties/sql.current-catalog".into(), Severity::Error)]
        );
    }

    #[test]
    fn silent_when_everything_resolves() {
        assert!(
            check(
                &StatementCatalogRef,
                &format!("{CAT}{STMT}SELECT * FROM `kafka-cat`.`clicks-db`.t\n")
            )
            .is_empty()
        );
    }
}
