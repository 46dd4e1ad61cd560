//! CMF-SPS-001 — savepoint schedule cron expressions.
//!
//! What it checks: the `cronExpression` of every `savepointSchedule` (statements,
//! applications, the environment's statement and application defaults) and of its
//! blackout windows: six fields (second minute hour day-of-month month day-of-week) that
//! parse; a schedule whose triggers come less than 5 minutes apart; an expression that
//! never fires (warning); a job's schedule without `cronExpression` that its environment's
//! defaults do not supply either (warning: nothing to run; an environment's defaults block
//! may leave it out, since CMF merges it over each job's schedule field by field).
//! Why: CMF takes six-field expressions with a 5-minute minimum interval (CMF 2.4
//! OpenAPI `SavepointScheduleConfig.cronExpression`) and rejects others; one that never
//! fires takes no savepoint.
//! How to fix: write e.g. `0 0 */6 * * *` (every six hours on the hour).

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schedule::{self, MIN_INTERVAL_SECS, Schedule, cron::Cron};

/// See the module documentation.
pub struct ScheduleCron;

impl Rule for ScheduleCron {
    fn id(&self) -> &'static str {
        "CMF-SPS-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Savepoint schedule cron: six fields, at least 5 minutes apart, fires at all"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for (tokens, v) in schedule::schedules_of(r) {
                let base = r.spec_field(&tokens);
                let s = Schedule(v);
                let at = format!("{base}/cronExpression");
                // Environment defaults are partial by design (merged over each job's
                // schedule field by field), and a job may take its cron from them.
                let supplied = r.kind == Kind::Environment
                    || schedule::effective::effective(r, cx.environment_of(r))
                        .is_some_and(|e| e.fields.iter().any(|f| f.key == "cronExpression"));
                match s.cron() {
                    None if !s.paused() && !supplied => {
                        out.report(
                            r,
                            &base,
                            "the savepoint schedule has no cronExpression, so it never triggers",
                        )
                        .severity(Severity::Warning)
                        .hint("set cronExpression, e.g. '0 0 */6 * * *' (every six hours)");
                    }
                    None => {}
                    Some(text) => match Cron::parse(text) {
                        Err(e) => {
                            out.report(r, &at, format!("cronExpression '{text}': {e}"))
                                .hint("six fields: second minute hour day-of-month month day-of-week, e.g. '0 0 */6 * * *'");
                        }
                        Ok(c) => {
                            if let Some(gap) =
                                schedule::shortest_interval(&c).filter(|g| *g < MIN_INTERVAL_SECS)
                            {
                                out.report(r, &at, format!("cronExpression '{text}' triggers {gap} s apart; CMF's minimum interval is 5 minutes"))
                                    .hint("trigger at most every 5 minutes, e.g. '0 */5 * * * *'");
                            } else if schedule::never_fires(&c) {
                                out.report(r, &at, format!("cronExpression '{text}' never fires, so no periodic savepoint is taken"))
                                    .severity(Severity::Warning)
                                    .hint("check day-of-month and month (e.g. February has no 30th)");
                            }
                        }
                    },
                }
                for b in s.blackouts() {
                    let at = format!("{base}/blackoutWindows/{}/cronExpression", b.index);
                    let Some(text) = b.cron else {
                        out.report(
                            r,
                            &format!("{base}/blackoutWindows/{}", b.index),
                            "a blackout window needs cronExpression (the start of each window)",
                        )
                        .hint("e.g. '0 0 1 * * *' for a window starting at 01:00 every day");
                        continue;
                    };
                    if let Err(e) = Cron::parse(text) {
                        out.report(r, &at, format!("blackout cronExpression '{text}': {e}"))
                            .hint("six fields: second minute hour day-of-month month day-of-week");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::shared::statement_with_schedule as stmt;
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_bad_short_and_dead_expressions() {
        let f = check(&ScheduleCron, &stmt("{cronExpression: '0 * * * *'}"));
        assert_eq!(
            pointers(&f),
            [("/spec/savepointSchedule/cronExpression".into(), Severity::Error)]
        );
        assert!(f[0].message.contains("5 fields"), "{}", f[0].message);
        let f = check(&ScheduleCron, &stmt("{cronExpression: '0 * * * * *'}"));
        assert!(f[0].message.contains("60 s apart"), "{}", f[0].message);
        let f = check(&ScheduleCron, &stmt("{cronExpression: '0 0 0 30 2 *'}"));
        assert_eq!(
            pointers(&f),
            [("/spec/savepointSchedule/cronExpression".into(), Severity::Warning)]
        );
        let f = check(
            &ScheduleCron,
            &stmt(
                "{cronExpression: '0 0 * * * *', blackoutWindows: [{cronExpression: 'nightly'}]}",
            ),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/savepointSchedule/blackoutWindows/0/cronExpression".into(), Severity::Error)]
        );
    }

    #[test]
    fn silent_on_good_schedules() {
        assert!(check(&ScheduleCron, &stmt("{cronExpression: '0 */5 * * * *'}")).is_empty());
        assert!(
            check(
                &ScheduleCron,
                &stmt(
                    "{cronExpression: '@daily', blackoutWindows: [{cronExpression: '0 0 1 * * *'}]}"
                )
            )
            .is_empty()
        );
        assert!(check(&ScheduleCron, &stmt("{paused: true}")).is_empty());
    }

    #[test]
    fn a_missing_cron_is_judged_on_the_merged_schedule() {
        let env = |sched: &str| {
            format!(
                "name: dev\nkubernetesNamespace: flink\nstatementDefaults:\n  detached:\n    savepointSchedule: {sched}\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: st}}\nspec:\n  computePoolName: pool\n  statement: INSERT INTO a SELECT * FROM b\n  savepointSchedule: {{retention: {{keepLast: 3}}}}\n"
            )
        };
        // The environment supplies the cron; its own block may leave it out.
        assert!(check(&ScheduleCron, &env("{cronExpression: '0 0 */6 * * *'}")).is_empty());
        let f = check(&ScheduleCron, &env("{timezone: UTC}"));
        assert_eq!(pointers(&f), [("/spec/savepointSchedule".into(), Severity::Warning)]);
    }
}
