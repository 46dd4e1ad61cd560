//! CMF-STMT-006 — unqualified table names without a current catalog/database.
//!
//! What it checks: the SQL names a table without its catalog (or database) while
//! `spec.properties` sets no `sql.current-catalog` (`sql.current-database`).
//! Why: unqualified names resolve against the session's default catalog and database,
//! which are not your Kafka catalog; the statement fails with "table not found".
//! How to fix: set `spec.properties` `sql.current-catalog` and `sql.current-database`,
//! or write `catalog`.`database`.`table`.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::flink::sql::table_refs;

/// See the module documentation.
pub struct StmtUnqualifiedTables;

impl Rule for StmtUnqualifiedTables {
    fn id(&self) -> &'static str {
        "CMF-STMT-006"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Unqualified table names without sql.current-catalog/sql.current-database"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Statement) {
            let Some(sql) = r.spec_str(&["statement"]) else { continue };
            let has = |p: &str| r.spec_str(&["properties", p]).is_some();
            let (cat, db) = (has("sql.current-catalog"), has("sql.current-database"));
            let missing: Vec<String> = table_refs(sql)
                .into_iter()
                .filter(|t| (t.len() < 3 && !cat) || (t.len() < 2 && !db))
                .map(|t| t.join("."))
                .collect();
            if missing.is_empty() {
                continue;
            }
            out.report(
                r,
                &r.spec_field(&["statement"]),
                format!("table(s) {} are not fully qualified and no current catalog/database is set", missing.join(", ")),
            )
            .hint("set spec.properties sql.current-catalog and sql.current-database, or write `catalog`.`database`.`table`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const STMT: &str =
        "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n";

    #[test]
    fn fires_on_bare_table_names() {
        let f =
            check(&StmtUnqualifiedTables, &format!("{STMT}  statement: SELECT * FROM clicks\n"));
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Warning)]);
        assert!(f[0].message.contains("clicks"));
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_when_qualified_or_properties_set() {
        assert!(
            check(
                &StmtUnqualifiedTables,
                &format!("{STMT}  statement: SELECT * FROM c.d.clicks\n")
            )
            .is_empty()
        );
        let props = "  properties: {sql.current-catalog: c, sql.current-database: d}\n  statement: SELECT * FROM clicks\n";
        assert!(check(&StmtUnqualifiedTables, &format!("{STMT}{props}")).is_empty());
    }
}
