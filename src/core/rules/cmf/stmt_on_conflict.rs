//! CMF-STMT-008 — an INSERT into a table with a primary key needs `ON CONFLICT` on Flink 2.3.
//!
//! What it checks: INSERT statements that run on a Flink version whose
//! `table.exec.sink.require-on-conflict` is on (its catalog default — `true` in Flink 2.3,
//! absent before — unless the statement's configuration turns it off), into a table whose
//! `CREATE TABLE` in the design declares a primary key and may be an upsert sink, without
//! an `ON CONFLICT` clause:
//! * warning when the query is a plain `GROUP BY` whose grouping keys (its upsert key) do
//!   not all land on primary-key columns, or are not written at all;
//! * info when the studio cannot read the query's upsert key (joins, expressions, `*`…).
//!
//! Silent when the grouping keys land on the primary key (or within it), when the sink's
//! definition is not in the design, and on Flink versions without the option.
//!
//! Why: Flink 2.3 (FLIP-558) fails planning when a query's upsert key differs from the
//! sink's primary key and no `ON CONFLICT` says how conflicting rows resolve ("The query
//! has an upsert key that differs from the primary key of the sink table …"). Statements
//! that planned on Flink 1.19 or 2.2 stop working when their pool moves to Flink 2.3.
//! How to fix: add `ON CONFLICT DO DEDUPLICATE` (the old behaviour, state-heavy), `DO
//! ERROR` or `DO NOTHING` (both need watermarks on every source), or make the query key
//! the sink's primary key; `table.exec.sink.require-on-conflict: 'false'` restores the
//! legacy behaviour.

use std::cell::OnceCell;

use crate::core::config::Scope;
use crate::core::finding::Severity;
use crate::core::flink::sql::insert::{GroupKey, Insert, TableDef, inserts, table_def};
use crate::core::hash::FastMap;
use crate::core::model::{Kind, Resource};
use crate::core::options::catalog;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct StmtOnConflict;

const REQUIRE: &str = "table.exec.sink.require-on-conflict";

const HINT: &str = "add ON CONFLICT DO DEDUPLICATE (or DO ERROR / DO NOTHING, which need watermarks on every source), \
                    or set table.exec.sink.require-on-conflict: 'false' for the legacy behaviour";

/// True when the statement's planner requires `ON CONFLICT` (effective job configuration
/// or `properties`, else the option's default in its Flink version).
fn required(cx: &Context<'_>, r: &Resource) -> bool {
    let Some(job) = cx.config(r.id, Scope::Job) else { return false };
    let Some(version) = job.flink_version else { return false };
    let set = r
        .spec_get(&["properties", REQUIRE])
        .map(crate::core::config::scalar_text)
        .or_else(|| job.value(REQUIRE).map(str::to_string));
    let default = catalog().lookup(REQUIRE, version).and_then(|o| o.default.clone());
    set.or(default).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// The table definitions that may be upsert sinks with a primary key, in design order,
/// indexed by table name.
struct Sinks {
    defs: Vec<TableDef>,
    /// Indexes of `defs` by the last part of their name.
    by_name: FastMap<String, Vec<usize>>,
    /// Indexes of `defs` without a name (they match every table).
    unnamed: Vec<usize>,
}

impl Sinks {
    fn of<'a>(statements: impl Iterator<Item = &'a Resource>) -> Self {
        let defs: Vec<TableDef> = statements
            .filter_map(|s| s.spec_str(&["statement"]).and_then(table_def))
            .filter(|d| !d.primary_key.is_empty() && d.may_be_upsert_sink())
            .collect();
        let mut by_name: FastMap<String, Vec<usize>> = FastMap::default();
        let mut unnamed = Vec::new();
        for (i, d) in defs.iter().enumerate() {
            match d.name.last() {
                Some(n) => by_name.entry(n.clone()).or_default().push(i),
                None => unnamed.push(i),
            }
        }
        Self { defs, by_name, unnamed }
    }

    /// The first definition (in design order) that can name `target` ([`same_table`]).
    fn first_match(&self, target: &[String]) -> Option<&TableDef> {
        let Some(last) = target.last() else { return self.defs.first() };
        let named = self.by_name.get(last).map_or(&[][..], Vec::as_slice);
        named
            .iter()
            .chain(&self.unnamed)
            .copied()
            .filter(|&i| same_table(&self.defs[i].name, target))
            .min()
            .map(|i| &self.defs[i])
    }
}

/// True when two table identifiers can name the same table (the written parts agree from
/// the table name backwards).
fn same_table(a: &[String], b: &[String]) -> bool {
    a.iter().rev().zip(b.iter().rev()).all(|(x, y)| x == y)
}

/// What the query writes into the sink's primary key, as a finding (severity, message).
fn judge(insert: &Insert, def: &TableDef) -> Option<(Severity, String)> {
    let columns = insert.columns.as_ref().unwrap_or(&def.columns);
    let pk = def.primary_key.join(", ");
    let table = insert.target.join(".");
    match &insert.group_key {
        GroupKey::Positions(positions) => {
            let written: Option<Vec<&String>> = positions.iter().map(|p| columns.get(*p)).collect();
            let written = written?;
            if written.iter().all(|c| def.primary_key.contains(c)) {
                return None;
            }
            let key = written.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
            Some((
                Severity::Warning,
                format!(
                    "Flink 2.3 fails planning this INSERT: its upsert key (the grouping keys, written to {key}) \
                     differs from the primary key ({pk}) of '{table}', and it has no ON CONFLICT clause"
                ),
            ))
        }
        GroupKey::Dropped(column) => Some((
            Severity::Warning,
            format!(
                "Flink 2.3 fails planning this INSERT: the grouping key {column} is not written, so the query \
                 has no upsert key matching the primary key ({pk}) of '{table}', and it has no ON CONFLICT clause"
            ),
        )),
        GroupKey::Unknown => Some((
            Severity::Info,
            format!(
                "On Flink 2.3 this INSERT into '{table}' (primary key {pk}) fails planning if the query's upsert key \
                 differs from the primary key and there is no ON CONFLICT clause; the studio cannot tell here"
            ),
        )),
    }
}

impl Rule for StmtOnConflict {
    fn id(&self) -> &'static str {
        "CMF-STMT-008"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "INSERT into a table with a primary key needs ON CONFLICT on Flink 2.3 when the upsert key differs"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        // The upsert sinks of the design, parsed once (not once per statement).
        let sinks: OnceCell<Sinks> = OnceCell::new();
        for r in cx.subjects_of_kind(Kind::Statement) {
            let Some(sql) = r.spec_str(&["statement"]) else { continue };
            let pending: Vec<Insert> =
                inserts(sql).into_iter().filter(|i| !i.on_conflict).collect();
            if pending.is_empty() || !required(cx, r) {
                continue;
            }
            // This subject reads every statement (the read is recorded per subject).
            let statements = cx.of_kind(Kind::Statement);
            let sinks = sinks.get_or_init(|| Sinks::of(statements));
            for insert in &pending {
                let Some(def) = sinks.first_match(&insert.target) else {
                    continue;
                };
                let Some((severity, message)) = judge(insert, def) else { continue };
                out.report(r, &r.spec_field(&["statement"]), message).severity(severity).hint(HINT);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::flink::version::FlinkVersion;
    use crate::core::rules::testing::{check, pointers};

    /// An environment, a pool on Flink `version`, the sink's DDL and the INSERT.
    fn design(version: FlinkVersion, insert: &str, conf: &str) -> String {
        format!(
            "name: dev\nkubernetesNamespace: flink\n---\n\
             apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {{name: pool}}\n\
             spec:\n  type: DEDICATED\n  clusterSpec:\n    flinkVersion: {}\n\
             ---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: ddl}}\n\
             spec:\n  computePoolName: pool\n  statement: \"CREATE TABLE totals (region STRING, total BIGINT, \
             PRIMARY KEY (region) NOT ENFORCED)\"\n\
             ---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: fill}}\n\
             spec:\n  computePoolName: pool\n  statement: \"{insert}\"\n{conf}",
            version.enum_name()
        )
    }

    const V2_3: FlinkVersion = FlinkVersion::new(2, 3);

    #[test]
    fn warns_when_the_grouping_keys_miss_the_primary_key() {
        // Grouped by region and amount: the upsert key lands on region and total.
        let wider = "INSERT INTO totals SELECT region, amount FROM orders GROUP BY region, amount";
        let f = check(&StmtOnConflict, &design(V2_3, wider, ""));
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Warning)]);
        assert!(
            f[0].message.contains(
                "(the grouping keys, written to region, total) differs from the primary key (region) of 'totals'"
            ),
            "{}",
            f[0].message
        );
        assert!(f[0].hint.contains("table.exec.sink.require-on-conflict: 'false'"));
        let dropped = "INSERT INTO totals SELECT 'all', COUNT(*) FROM orders GROUP BY user_id";
        let f = check(&StmtOnConflict, &design(V2_3, dropped, ""));
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Warning)]);
        assert!(f[0].message.contains("grouping key user_id is not written"));
    }

    #[test]
    fn notes_what_it_cannot_read() {
        let join = "INSERT INTO totals SELECT p.region, o.amount FROM orders o JOIN places p ON o.pid = p.id";
        let f = check(&StmtOnConflict, &design(V2_3, join, ""));
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Info)]);
    }

    #[test]
    fn silent_when_the_key_matches_the_clause_is_there_or_the_check_is_off() {
        // The grouping key is written into the primary key column (by position).
        let by_region =
            "INSERT INTO totals SELECT user_id, SUM(amount) FROM orders GROUP BY user_id";
        assert!(check(&StmtOnConflict, &design(V2_3, by_region, "")).is_empty());
        let clause = "INSERT INTO totals SELECT region, amount FROM orders GROUP BY region, amount ON CONFLICT DO DEDUPLICATE";
        assert!(check(&StmtOnConflict, &design(V2_3, clause, "")).is_empty());
        let by_user =
            "INSERT INTO totals SELECT region, amount FROM orders GROUP BY region, amount";
        let legacy = "  flinkConfiguration:\n    table.exec.sink.require-on-conflict: 'false'\n";
        assert!(check(&StmtOnConflict, &design(V2_3, by_user, legacy)).is_empty());
        // Flink 1.19 has no such requirement.
        assert!(
            check(&StmtOnConflict, &design(FlinkVersion::CMF_SQL_DEFAULT, by_user, "")).is_empty()
        );
        // The sink's definition is not in the design: nothing to compare with.
        let elsewhere =
            "INSERT INTO other SELECT user_id, SUM(amount) FROM orders GROUP BY user_id";
        assert!(check(&StmtOnConflict, &design(V2_3, elsewhere, "")).is_empty());
    }
}
