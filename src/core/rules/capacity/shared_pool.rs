//! CAP-003 — statements on a SHARED pool need more slots than it has.
//!
//! What it checks: a SHARED compute pool whose `clusterSpec.taskManager.replicas` is fixed:
//! the parallelism of the statements running on it (not `stopped`; default 1) adds up to more
//! than replicas × `taskmanager.numberOfTaskSlots`.
//! Why: a shared pool is one session cluster; with a fixed number of TaskManagers the last
//! statements wait for slots that never free up ("could not acquire the minimum required
//! resources").
//! How to fix: add TaskManager replicas or slots, lower the statements' parallelism, or move
//! statements to a dedicated pool.

use super::shared::int;
use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};
use serde_json::Value;

/// See the module documentation.
pub struct SharedPool;

impl Rule for SharedPool {
    fn id(&self) -> &'static str {
        "CAP-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Running statements on a SHARED pool need more slots than its fixed TaskManagers offer"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for pool in cx.subjects_of_kind(Kind::ComputePool) {
            if !pool.spec_str(&["type"]).is_some_and(|t| t.eq_ignore_ascii_case("SHARED")) {
                continue;
            }
            let Some(site) = cx.sites_of(pool).into_iter().next() else { continue };
            let Some(replicas) = int(site.get(&["taskManager", "replicas"])) else { continue };
            let capacity = replicas * cx.site_conf(&site).slots();
            let statements: Vec<_> = cx
                .graph()
                .sources(pool.id, EdgeKind::ComputePool)
                .into_iter()
                .filter_map(|id| cx.get(id))
                .filter(|s| s.spec_get(&["stopped"]).and_then(Value::as_bool) != Some(true))
                .collect();
            let needed: u64 =
                statements.iter().map(|s| int(s.spec_get(&["parallelism"])).unwrap_or(1)).sum();
            if needed > capacity {
                out.report(
                    pool,
                    &site.field(&["taskManager", "replicas"]),
                    format!("{} running statement(s) need {needed} slots; the pool offers {capacity} ({replicas} TaskManager(s))", statements.len()),
                )
                .hint("add TaskManager replicas or slots, lower statement parallelism, or use a dedicated pool");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn design(p2: u32) -> String {
        format!(
            "name: env\nkubernetesNamespace: n\n---\napiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {{name: p}}\n\
             spec:\n  type: SHARED\n  clusterSpec:\n    flinkConfiguration: {{taskmanager.numberOfTaskSlots: '2'}}\n    \
             taskManager: {{replicas: 2}}\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: a}}\n\
             spec: {{computePoolName: p, parallelism: 2}}\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\n\
             metadata: {{name: b}}\nspec: {{computePoolName: p, parallelism: {p2}}}\n"
        )
    }

    #[test]
    fn fires_when_statements_exceed_the_slots() {
        let f = check(&SharedPool, &design(3));
        assert_eq!(
            pointers(&f),
            [("/spec/clusterSpec/taskManager/replicas".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(11));
        assert!(f[0].message.starts_with("2 running statement(s) need 5 slots; the pool offers 4"));
    }

    #[test]
    fn silent_when_they_fit() {
        assert!(check(&SharedPool, &design(2)).is_empty());
    }
}
