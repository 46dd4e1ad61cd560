//! CMF-STMT-009 — a statement's `upgradeMode`.
//!
//! What it checks: `spec.upgradeMode` is one of `stateless`, `savepoint`, `last-state`
//! (error otherwise); `last-state` on a statement whose compute pool (in the design) is
//! SHARED (error).
//! Why: the CMF 2.4 OpenAPI declares exactly these values, and says `last-state` is "not
//! supported for statements that run on a shared compute pool"; CMF rejects both.
//! How to fix: pick one of the three; on a SHARED pool use `savepoint` (with checkpoint
//! and savepoint directories on the pool) or `stateless`.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schema::listed_enum;

/// See the module documentation.
pub struct StmtUpgradeMode;

impl Rule for StmtUpgradeMode {
    fn id(&self) -> &'static str {
        "CMF-STMT-009"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Statement upgradeMode: stateless, savepoint or last-state (not last-state on SHARED pools)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Statement) {
            let Some(v) = r.spec_get(&["upgradeMode"]) else { continue };
            let at = r.spec_field(&["upgradeMode"]);
            let mode = v.as_str().unwrap_or("");
            let modes = listed_enum(Kind::Statement, &["upgradeMode"]).unwrap_or_default();
            if !modes.contains(&mode) {
                out.report(
                    r,
                    &at,
                    format!("upgradeMode {v} is not one of stateless, savepoint, last-state"),
                )
                .hint("use savepoint (state kept across stop and resume) or stateless");
                continue;
            }
            if mode == "last-state" {
                let shared = cx
                    .targets_of(r, EdgeKind::ComputePool)
                    .into_iter()
                    .find(|p| p.spec_str(&["type"]) == Some("SHARED"));
                if let Some(pool) = shared {
                    out.report(
                        r,
                        &at,
                        format!(
                            "upgradeMode last-state is not supported on SHARED compute pool '{}'",
                            pool.name()
                        ),
                    )
                    .hint("use upgradeMode savepoint, or run the statement on a DEDICATED pool");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn design(pool_type: &str, mode: &str) -> String {
        format!(
            "name: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {{name: pool}}\nspec: {{type: {pool_type}}}\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: st}}\nspec:\n  computePoolName: pool\n  statement: INSERT INTO a SELECT * FROM b\n  upgradeMode: {mode}\n"
        )
    }

    #[test]
    fn fires_on_unknown_modes_and_last_state_on_shared_pools() {
        let f = check(&StmtUpgradeMode, &design("DEDICATED", "last_state"));
        assert_eq!(pointers(&f), [("/spec/upgradeMode".into(), Severity::Error)]);
        let f = check(&StmtUpgradeMode, &design("SHARED", "last-state"));
        assert!(f[0].message.contains("SHARED compute pool 'pool'"), "{}", f[0].message);
    }

    #[test]
    fn silent_on_valid_modes() {
        assert!(check(&StmtUpgradeMode, &design("DEDICATED", "last-state")).is_empty());
        assert!(check(&StmtUpgradeMode, &design("SHARED", "savepoint")).is_empty());
    }
}
