//! REF-DDL-001 — DDL needs the environment in the database's `ddlEnvironments`.
//!
//! What it checks: a `CREATE/ALTER/DROP TABLE` statement in environment E targets a
//! database D of the design (qualified name, or the current catalog/database) whose
//! `ddlEnvironments` (`alterEnvironments` before CMF 2.3) does not list E — including
//! when D only has the field under its other, ignored name (CMF-DB-002).
//! Why: CMF only lets the listed environments change tables of a database; the
//! statement fails with a permission error.
//! How to fix: add E to the database's `ddlEnvironments`, or run the DDL from a listed
//! environment.

use crate::core::finding::Severity;
use crate::core::flink::sql::ddl_table;
use crate::core::model::Kind;
use crate::core::model::ddl_environments_field;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct DdlPermission;

impl Rule for DdlPermission {
    fn id(&self) -> &'static str {
        "REF-DDL-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "DDL statements need their environment in the database's ddlEnvironments"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let (right, wrong) = ddl_environments_field(cx.targets.cmf);
        for s in cx.subjects_of_kind(Kind::Statement) {
            let (Some(env), Some(t)) =
                (s.environment(), s.spec_str(&["statement"]).and_then(ddl_table))
            else {
                continue;
            };
            let cur = |k: &str| s.spec_str(&["properties", k]).map(str::to_string);
            let (cat, db) = match t.len() {
                3 => (Some(t[0].clone()), Some(t[1].clone())),
                2 => (cur("sql.current-catalog"), Some(t[0].clone())),
                _ => (cur("sql.current-catalog"), cur("sql.current-database")),
            };
            let Some(db) = db else { continue };
            let Some(d) = cx.of_kind(Kind::KafkaDatabase).find(|d| {
                d.name() == db
                    && (cat.is_none() || d.catalog().is_none() || d.catalog() == cat.as_deref())
            }) else {
                continue;
            };
            let list: Vec<&str> = d
                .spec_get(&[right])
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
                .collect();
            if list.contains(&env) {
                continue;
            }
            let why = if d.spec_get(&[wrong]).is_some() {
                format!(
                    "'{db}' lists environments under {wrong}, which CMF {} ignores",
                    cx.targets.cmf
                )
            } else if list.is_empty() {
                format!("'{db}' has no {right}")
            } else {
                format!("{right} of '{db}' is [{}]", list.join(", "))
            };
            out.report(s, &s.spec_field(&["statement"]), format!("environment '{env}' may not run DDL on database '{db}': {why}"))
                .hint(format!("add '{env}' to {right} of database '{db}', or run the DDL from a listed environment"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const BASE: &str = "name: dev-env\nkubernetesNamespace: flink\n---\n\
        apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  statement: CREATE TABLE `cat1`.`db1`.`t` (a INT)\n---\n\
        apiVersion: cmf.confluent.io/v1\nkind: KafkaDatabase\nmetadata: {name: db1}\nspec:\n";

    #[test]
    fn fires_when_not_listed_or_listed_under_the_old_name() {
        let f = check(&DdlPermission, &format!("{BASE}  ddlEnvironments: [prod-env]\n"));
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(8));
        let f = check(&DdlPermission, &format!("{BASE}  alterEnvironments: [dev-env]\n"));
        assert!(f[0].message.contains("alterEnvironments"), "{}", f[0].message);
    }

    #[test]
    fn silent_when_listed() {
        assert!(check(&DdlPermission, &format!("{BASE}  ddlEnvironments: [dev-env]\n")).is_empty());
    }
}
