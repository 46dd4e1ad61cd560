//! CFG-CP-001 — savepoint upgrades (or CMF stop/resume) without periodic checkpoints.
//!
//! What it checks: FlinkDeployments, session jobs and CMF applications with
//! `job.upgradeMode: savepoint`, and detached CMF statements, whose effective
//! configuration has no `execution.checkpointing.interval`.
//! Why: without periodic checkpoints a failure restarts from the last savepoint or from
//! empty state (FKO sets 5 min only for `last-state`); CMF requires checkpointing for
//! INSERT INTO statements.
//! How to fix: set `execution.checkpointing.interval` (e.g. `1 min`).

use crate::core::config::Scope;
use crate::core::finding::Severity;
use crate::core::flink::sql::{StatementKind, classify};
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct NoCheckpoints;

const KEY: &str = "execution.checkpointing.interval";

impl Rule for NoCheckpoints {
    fn id(&self) -> &'static str {
        "CFG-CP-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "No periodic checkpoints for a job that is upgraded with savepoints or stopped/resumed"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let jobs = [Kind::FlinkDeployment, Kind::FlinkSessionJob, Kind::Application];
        // One walk: jobs and detached statements.
        for r in cx.subjects_of_kinds(&[jobs[0], jobs[1], jobs[2], Kind::Statement]) {
            if r.kind == Kind::Statement {
                detached_statement(cx, r, out);
                continue;
            }
            let savepoint = r.spec_str(&["job", "upgradeMode"]) == Some("savepoint");
            let has = cx.config(r.id, Scope::Cluster).is_some_and(|c| c.get(KEY).is_some());
            if savepoint && !has {
                out.report(r, "/spec/job/upgradeMode", "upgradeMode savepoint without periodic checkpoints")
                    .hint("set execution.checkpointing.interval: failures restart from the last savepoint or empty state");
            }
        }
    }
}

/// A detached statement without periodic checkpoints (CMF stops and resumes it from them).
fn detached_statement(cx: &Context<'_>, r: &Resource, out: &mut Sink<'_>) {
    if classify(r.spec_str(&["statement"]).unwrap_or("")) != StatementKind::Detached {
        return;
    }
    let has = [Scope::Job, Scope::Cluster]
        .iter()
        .any(|s| cx.config(r.id, *s).is_some_and(|c| c.get(KEY).is_some()));
    if !has {
        out.report(r, &r.spec_field(&["statement"]), "Detached statement without periodic checkpoints")
            .hint("set execution.checkpointing.interval on the statement, pool or environment statementDefaults.detached: CMF needs checkpoints to stop and resume");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_savepoint_mode_and_detached_statements() {
        let f = check(
            &NoCheckpoints,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
             spec:\n  job: {jarURI: local:///j.jar, upgradeMode: savepoint}\n---\n\
             apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: s}\n\
             spec: {statement: INSERT INTO t SELECT 1, computePoolName: p}\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/job/upgradeMode".into(), Severity::Warning),
                ("/spec/statement".into(), Severity::Warning)
            ]
        );
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_with_interval_last_state_or_select() {
        let f = check(
            &NoCheckpoints,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
             spec:\n  flinkConfiguration: {execution.checkpointing.interval: 10s}\n  job: {upgradeMode: savepoint}\n---\n\
             apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: b}\n\
             spec:\n  job: {upgradeMode: last-state}\n---\n\
             apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: s}\nspec: {statement: SELECT 1}\n",
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
