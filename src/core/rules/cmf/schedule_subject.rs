//! CMF-SPS-005 — a savepoint schedule on a statement that takes no savepoints.
//!
//! What it checks: `savepointSchedule` on a statement that runs no Flink job (DDL such
//! as `CREATE TABLE`, or `SHOW`/`DESCRIBE`, which CMF runs itself), and on a statement
//! whose `upgradeMode` is `stateless` (info: the savepoints are taken but never used to
//! resume it).
//! Why: savepoints are images of a running job's state; a statement without a job has
//! none, so the schedule never produces anything.
//! How to fix: remove the schedule, or put it on the INSERT statement that runs the job.

use crate::core::finding::Severity;
use crate::core::flink::sql::classify;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ScheduleSubject;

impl Rule for ScheduleSubject {
    fn id(&self) -> &'static str {
        "CMF-SPS-005"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A savepoint schedule on a statement that runs no Flink job"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Statement) {
            if r.spec_get(&["savepointSchedule"]).is_none() {
                continue;
            }
            let at = r.spec_field(&["savepointSchedule"]);
            let kind = classify(r.spec_str(&["statement"]).unwrap_or(""));
            if kind.runs_inside_cmf() {
                out.report(r, &at, format!("statement '{}' runs no Flink job (CMF runs it itself), so its savepoint schedule never takes a savepoint", r.name()))
                    .hint("remove savepointSchedule, or schedule the INSERT statement that runs the job");
            } else if r.spec_str(&["upgradeMode"]) == Some("stateless") {
                out.report(r, &at, "upgradeMode stateless: the scheduled savepoints are never used to resume this statement")
                    .severity(Severity::Info)
                    .hint("use upgradeMode savepoint, or restore manually with startFromSavepoint");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn stmt(sql: &str, extra: &str) -> String {
        format!(
            "name: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: st}}\nspec:\n  computePoolName: pool\n  statement: {sql}\n  savepointSchedule: {{cronExpression: '@daily'}}\n{extra}"
        )
    }

    #[test]
    fn fires_on_statements_without_a_job() {
        let f = check(&ScheduleSubject, &stmt("CREATE TABLE t (a INT)", ""));
        assert_eq!(pointers(&f), [("/spec/savepointSchedule".into(), Severity::Warning)]);
        let f = check(
            &ScheduleSubject,
            &stmt("INSERT INTO a SELECT * FROM b", "  upgradeMode: stateless\n"),
        );
        assert_eq!(pointers(&f), [("/spec/savepointSchedule".into(), Severity::Info)]);
    }

    #[test]
    fn silent_on_jobs() {
        assert!(
            check(
                &ScheduleSubject,
                &stmt("INSERT INTO a SELECT * FROM b", "  upgradeMode: savepoint\n")
            )
            .is_empty()
        );
    }
}
