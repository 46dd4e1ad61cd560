//! CMF-STMT-004 — detached (INSERT) statements need checkpointing.
//!
//! What it checks: a statement classified as detached (`INSERT`, `EXECUTE STATEMENT
//! SET`, `BEGIN STATEMENT SET`, `CREATE TABLE … AS SELECT`; see
//! [`crate::core::flink::sql::classify`], the classifier the configuration panel uses) has
//! `execution.checkpointing.interval` in its job configuration: the environment's
//! `computePoolDefaults`, the pool's `clusterSpec.flinkConfiguration`, the statement's
//! `flinkConfiguration` or the environment's `statementDefaults.detached`.
//! Why: CMF requires checkpointing for INSERT INTO statements, even bounded ones (CFK
//! SQL examples; CMF checkpointing page); without it the statement does not commit.
//! How to fix: set `execution.checkpointing.interval: "10s"` on the statement, the pool
//! or the environment's `statementDefaults.detached.flinkConfiguration`.

use crate::core::config::{Scope, flatten};
use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

use crate::core::flink::sql::{StatementKind, classify, creates_table_as};

/// See the module documentation.
pub struct StmtCheckpointing;

const KEY: &str = "execution.checkpointing.interval";

fn sets(r: Option<&Resource>, path: &[&str]) -> bool {
    r.and_then(|r| r.spec_get(path)).is_some_and(|v| flatten(v).contains_key(KEY))
}

impl Rule for StmtCheckpointing {
    fn id(&self) -> &'static str {
        "CMF-STMT-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Detached (INSERT) statements need execution.checkpointing.interval"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Statement) {
            let Some(sql) = r.spec_str(&["statement"]) else { continue };
            if classify(sql) != StatementKind::Detached {
                continue;
            }
            let env = cx.environment_of(r);
            let pool = cx.targets_of(r, EdgeKind::ComputePool).into_iter().next();
            let found = sets(Some(r), &["flinkConfiguration"])
                || sets(pool, &["clusterSpec", "flinkConfiguration"])
                || sets(env, &["statementDefaults", "detached", "flinkConfiguration"])
                || sets(env, &["computePoolDefaults", "clusterSpec", "flinkConfiguration"])
                || cx.config(r.id, Scope::Job).is_some_and(|c| c.value(KEY).is_some());
            if found {
                continue;
            }
            let what = if creates_table_as(sql) { "CREATE TABLE … AS SELECT" } else { "INSERT" };
            let f = out.report(
                r,
                &r.spec_field(&["statement"]),
                format!("{what} statement '{}' has no {KEY} in any layer", r.name()),
            );
            f.hint(format!("CMF requires checkpointing for INSERT INTO: set {KEY} (e.g. \"10s\") on the statement, its pool or the environment's statementDefaults.detached"));
            if pool.is_none() {
                f.severity(Severity::Warning).hint(format!(
                    "compute pool '{}' is not in the design: make sure it sets {KEY}, or set it on the statement",
                    r.spec_str(&["computePoolName"]).unwrap_or("?")
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const POOL: &str = "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\nspec:\n  type: DEDICATED\n  clusterSpec: {}\n---\n";
    const STMT: &str = "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  computePoolName: pool1\n  statement: INSERT INTO t SELECT * FROM s\n";

    #[test]
    fn fires_on_insert_without_interval() {
        let f = check(&StmtCheckpointing, &format!("{POOL}{STMT}"));
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(13));
        // Pool unknown to the design: only a warning.
        assert_eq!(
            pointers(&check(&StmtCheckpointing, STMT)),
            [("/spec/statement".into(), Severity::Warning)]
        );
    }

    #[test]
    fn silent_when_a_layer_sets_it_or_for_select() {
        let env = "name: dev-env\nkubernetesNamespace: flink\nstatementDefaults:\n  detached:\n    flinkConfiguration: {execution.checkpointing.interval: 10s}\n---\n";
        assert!(check(&StmtCheckpointing, &format!("{env}{POOL}{STMT}")).is_empty());
        let select = STMT.replace("INSERT INTO t SELECT * FROM s", "SELECT 1");
        assert!(check(&StmtCheckpointing, &format!("{POOL}{select}")).is_empty());
    }

    /// The configuration panel (the statement's job configuration and the
    /// `statementDefaults` branch it applies), CMF-STMT-004 and CFG-CP-001 read one
    /// classifier, so they agree for every statement kind on which statements run a
    /// detached job (an unrecognised one: the panel shows it as assumed, no rule judges it).
    #[test]
    fn the_configuration_panel_and_the_rules_classify_alike() {
        use crate::core::config::{self, Scope};
        use crate::core::design::Design;
        use crate::core::graph::Graph;
        use crate::core::import::import_text;
        use crate::core::targets::Targets;
        use StatementKind::*;

        let samples = [
            ("SELECT * FROM s", Interactive),
            ("INSERT INTO t SELECT * FROM s", Detached),
            ("CREATE TABLE t WITH ('connector' = 'kafka') AS SELECT * FROM s", Detached),
            ("EXECUTE STATEMENT SET BEGIN INSERT INTO t SELECT 1; END", Detached),
            ("CREATE TABLE t (a INT, b AS a + 1)", Ddl),
            ("CREATE VIEW v AS SELECT * FROM s", Ddl),
            ("SHOW TABLES", Metadata),
            ("SET 'parallelism.default' = '2'", Unknown),
        ];
        let kinds: std::collections::HashSet<_> = samples.iter().map(|(_, k)| *k).collect();
        assert_eq!(kinds.len(), 5, "every statement kind has a sample");
        let cp_001 = crate::core::rules::all().find(|r| r.id() == "CFG-CP-001").expect("rule");
        for (sql, kind) in samples {
            assert_eq!(classify(sql), kind, "{sql}");
            let yaml = format!(
                "{POOL}apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: stmt1}}\n\
                 spec:\n  computePoolName: pool1\n  statement: |\n    {sql}\n"
            );
            let mut design = Design::new();
            import_text(&mut design, "test.yaml", &yaml);
            design.assign_scopes(None, None);
            let graph = Graph::build(&design);
            let configs = config::effective_configs(&design, &graph, &Targets::default());
            let job = configs.iter().find(|c| c.scope == Scope::Job);
            let panel = job.and_then(|c| c.notes.iter().find(|n| n.contains(" statement (")));
            let panel_detached =
                panel.is_some_and(|n| n.starts_with("detached statement (classified"));
            let found = check(&StmtCheckpointing, &yaml);
            let rule_checks = !found.is_empty();
            if sql.starts_with("CREATE TABLE") && rule_checks {
                assert!(found[0].message.starts_with("CREATE TABLE … AS SELECT statement 'stmt1'"));
            }
            let cp_checks = !check(cp_001, &yaml).is_empty();
            let detached = kind == Detached;
            assert_eq!(
                (panel_detached, rule_checks, cp_checks),
                (detached, detached, detached),
                "{sql}"
            );
            let runs_job = kind.defaults_branch().is_some() || kind == Unknown;
            assert_eq!(job.is_some(), runs_job, "{sql}: job configuration");
            assert_eq!(config::scopes_of(&design.resources[1]).len(), if runs_job { 2 } else { 0 });
        }
    }
}
