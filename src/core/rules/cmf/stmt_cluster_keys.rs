//! CMF-STMT-005 — cluster-scoped options in statement configuration have no effect.
//!
//! What it checks: a statement's `flinkConfiguration`, or an environment's
//! `statementDefaults.{detached,interactive}.flinkConfiguration`, sets a cluster-scoped
//! key (`taskmanager.*`, `jobmanager.memory.*`, `high-availability*`, `kubernetes.*`,
//! `metrics.reporter.*`, `env.java.opts*`, file-system plugin credentials `s3.*`, …).
//! Why: the compute pool's configuration starts the JobManager and TaskManagers; the
//! statement configuration only plans and submits the job (domain.md §3.3). On a
//! SHARED pool the cluster already runs, so such keys can never apply.
//! How to fix: move the key to the pool's `clusterSpec.flinkConfiguration` or the
//! environment's `computePoolDefaults`.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::model::{Kind, Resource};
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct StmtClusterKeys;

const PREFIXES: &[&str] = &[
    "taskmanager.",
    "jobmanager.memory.",
    "jobmanager.rpc.",
    "high-availability",
    "kubernetes.",
    "metrics.reporter",
    "env.java.opts",
    "s3.",
    "s3a.",
    "fs.s3a.",
    "gs.",
    "fs.azure.",
    "blob.server.",
];

/// True for keys that only configure the cluster processes.
pub fn is_cluster_scoped(key: &str) -> bool {
    PREFIXES.iter().any(|p| key.starts_with(p))
}

fn scan(out: &mut Sink<'_>, r: &Resource, conf: Option<&Value>, base: &str, what: &str) {
    let Some(Value::Object(m)) = conf else { return };
    for key in m.keys().filter(|k| is_cluster_scoped(k)) {
        out.report(r, &pointer::push(base, key), format!("'{key}' in {what} does not configure the cluster"))
            .hint("move it to the compute pool's clusterSpec.flinkConfiguration (or the environment's computePoolDefaults)");
    }
}

impl Rule for StmtClusterKeys {
    fn id(&self) -> &'static str {
        "CMF-STMT-005"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Cluster-scoped Flink options in a statement or statementDefaults have no effect"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        // One walk over both kinds, so that large designs run it window by window.
        for r in cx.subjects_of_kinds(&[Kind::Statement, Kind::Environment]) {
            if r.kind == Kind::Statement {
                let base = r.spec_field(&["flinkConfiguration"]);
                scan(out, r, r.spec_get(&["flinkConfiguration"]), &base, "a statement");
                continue;
            }
            for branch in ["detached", "interactive"] {
                let path = ["statementDefaults", branch, "flinkConfiguration"];
                scan(out, r, r.spec_get(&path), &r.spec_field(&path), "statementDefaults");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_task_manager_keys() {
        let f = check(
            &StmtClusterKeys,
            "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  flinkConfiguration:\n    taskmanager.numberOfTaskSlots: '4'\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/taskmanager.numberOfTaskSlots".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_on_job_keys() {
        let f = check(
            &StmtClusterKeys,
            "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  flinkConfiguration: {execution.checkpointing.interval: 10s, state.backend.type: rocksdb}\n",
        );
        assert!(f.is_empty());
    }

    #[test]
    fn fires_on_cluster_keys_in_an_environments_statement_defaults() {
        let f = check(
            &StmtClusterKeys,
            "name: prod\nkubernetesNamespace: flink\nstatementDefaults:\n  detached:\n    flinkConfiguration: {taskmanager.numberOfTaskSlots: '4'}\n  interactive:\n    flinkConfiguration: {execution.checkpointing.interval: 10s}\n",
        );
        assert_eq!(
            pointers(&f),
            [(
                "/statementDefaults/detached/flinkConfiguration/taskmanager.numberOfTaskSlots"
                    .into(),
                Severity::Warning
            )]
        );
    }
}
