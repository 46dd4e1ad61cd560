//! REF-CAT-002 — the catalogs and databases a statement uses exist.
//!
//! What it checks: `spec.properties` `sql.current-catalog` / `sql.current-database` and
//! the catalog/database parts of qualified table names in the SQL name catalogs and
//! databases of the input, under the reference policy (`rules::missing`: a warning naming
//! what must exist, an error for complete designs). Names found in the SQL are checked
//! when the input has catalogs (databases: that catalog's databases) or is complete.
//! Why: the statement fails to plan ("catalog/database does not exist").
//! How to fix: fix the name or create the KafkaCatalog / KafkaDatabase.

use std::collections::BTreeSet;

use crate::core::finding::Severity;
use crate::core::flink::sql::table_refs;
use crate::core::graph::{EdgeKind, Reference};
use crate::core::hash::FastSet;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::rules::missing::{Missing, dangling, report_missing, report_reference};

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
            report_missing(
                cx,
                out,
                r,
                d,
                Missing {
                    what,
                    scope: "",
                    hint: "fix sql.current-catalog / sql.current-database or create it",
                },
            );
            reported.insert((r.id, d.reference.name.clone()));
        }
        // Sets: one look-up per table reference (a scan was quadratic at 50,000 resources).
        let catalogs: FastSet<&str> = cx.of_kind(Kind::KafkaCatalog).map(|c| c.name()).collect();
        let dbs: FastSet<(Option<&str>, &str)> =
            cx.of_kind(Kind::KafkaDatabase).map(|d| (d.catalog(), d.name())).collect();
        let db_catalogs: FastSet<Option<&str>> = dbs.iter().map(|(c, _)| *c).collect();
        for r in cx.of_kind(Kind::Statement) {
            let Some(sql) = r.spec_str(&["statement"]) else { continue };
            let current = r.spec_str(&["properties", "sql.current-catalog"]);
            for t in table_refs(sql) {
                let (cat, db) = match t.len() {
                    3 => (Some(t[0].as_str()), t[1].as_str()),
                    2 => (current, t[0].as_str()),
                    _ => continue,
                };
                let Some(cat) = cat.filter(|c| *c != BUILTIN_CATALOG) else { continue };
                let at = r.spec_field(&["statement"]);
                let checked = cx.targets.complete || !catalogs.is_empty();
                if checked && !catalogs.contains(&cat) && reported.insert((r.id, cat.to_string())) {
                    let missing = sql_reference(EdgeKind::Catalog, &at, cat, None);
                    report_reference(
                        cx,
                        out,
                        r,
                        &missing,
                        Missing {
                            what: "catalog (used in the SQL)",
                            scope: "",
                            hint: "fix the catalog name or create the KafkaCatalog",
                        },
                    );
                    continue;
                }
                let in_cat = db_catalogs.contains(&Some(cat));
                let checked = cx.targets.complete || in_cat;
                if checked
                    && !dbs.contains(&(Some(cat), db))
                    && reported.insert((r.id, format!("{cat}.{db}")))
                {
                    let missing = sql_reference(EdgeKind::Database, &at, db, Some(cat));
                    report_reference(
                        cx,
                        out,
                        r,
                        &missing,
                        Missing {
                            what: "database (used in the SQL)",
                            scope: &format!(" in catalog '{cat}'"),
                            hint: "fix the database name or create the KafkaDatabase",
                        },
                    );
                }
            }
        }
    }
}

/// Flink's built-in catalog, present in every session.
const BUILTIN_CATALOG: &str = "default_catalog";

/// A catalog or database named in a statement's SQL, as a reference.
fn sql_reference(edge: EdgeKind, at: &str, name: &str, catalog: Option<&str>) -> Reference {
    let targets: &'static [Kind] =
        if edge == EdgeKind::Catalog { &[Kind::KafkaCatalog] } else { &[Kind::KafkaDatabase] };
    Reference {
        edge,
        field: at.to_string(),
        targets,
        name: name.to_string(),
        namespace: None,
        environment: None,
        catalog: catalog.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const CAT: &str = "apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: kafka-cat}\n---\napiVersion: cmf.confluent.io/v1\nkind: KafkaDatabase\nmetadata: {name: clicks-db}\n---\n";
    const STMT: &str = "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  statement: ";

    #[test]
    fn fires_on_unknown_names_in_sql_and_properties() {
        let f = check(
            &StatementCatalogRef,
            &format!("{CAT}{STMT}SELECT * FROM `kafka-cat`.`clickz-db`.t\n"),
        );
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Warning)]);
        assert!(f[0].message.contains("'clickz-db' in catalog 'kafka-cat' is not in the input"));
        assert!(f[0].message.contains("(the input has 'clicks-db')"), "{}", f[0].message);
        assert_eq!(f[0].line, Some(13));
        let props = "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  properties: {sql.current-catalog: examples}\n";
        let f = check(&StatementCatalogRef, &format!("{CAT}{props}"));
        assert_eq!(
            pointers(&f),
            [("/spec/properties/sql.current-catalog".into(), Severity::Warning)]
        );
        let f = check_complete(&StatementCatalogRef, &format!("{CAT}{props}"));
        assert_eq!(
            pointers(&f),
            [("/spec/properties/sql.current-catalog".into(), Severity::Error)]
        );
    }

    #[test]
    fn sql_names_of_catalogs_kept_elsewhere_are_checked_only_when_complete() {
        let stmt = format!("{STMT}SELECT * FROM `other-cat`.`db`.t\n");
        assert!(check(&StatementCatalogRef, &stmt).is_empty());
        let f = check_complete(&StatementCatalogRef, &stmt);
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Error)]);
        assert!(f[0].message.contains("catalog (used in the SQL) 'other-cat' not found"));
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
