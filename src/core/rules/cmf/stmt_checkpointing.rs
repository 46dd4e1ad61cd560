//! CMF-STMT-004 — detached (INSERT) statements need checkpointing.
//!
//! What it checks: a statement classified as detached (`INSERT`, `EXECUTE STATEMENT
//! SET`, `BEGIN STATEMENT SET`; see [`super::sql::classify`]) has
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

use super::sql::{StatementKind, classify};

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
            let f = out.report(
                r,
                &r.spec_field(&["statement"]),
                format!("INSERT statement '{}' has no {KEY} in any layer", r.name()),
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
}
