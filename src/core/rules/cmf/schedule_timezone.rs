//! CMF-SPS-002 — savepoint schedule time zones.
//!
//! What it checks: a `timezone` of a savepoint schedule or of one of its blackout windows
//! that is not shaped like a time zone id Java's `ZoneId` takes (IANA `Area/Location`,
//! `UTC`-like names, offsets such as `+02:00`); also a blackout window in another time
//! zone than its schedule (info: windows and triggers then drift apart twice a year).
//! Why: CMF evaluates the cron expression in that zone (IANA id; UTC when omitted); a
//! name like `Berlin` or `CEST` is not an id.
//! How to fix: use an IANA id such as `Europe/Berlin`.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schedule::{self, Schedule, timezone_problem};

/// See the module documentation.
pub struct ScheduleTimezone;

impl Rule for ScheduleTimezone {
    fn id(&self) -> &'static str {
        "CMF-SPS-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Savepoint schedule time zones must be IANA ids"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for (tokens, v) in schedule::schedules_of(r) {
                let base = r.spec_field(&tokens);
                let s = Schedule(v);
                if let Some(problem) = s.timezone().and_then(timezone_problem) {
                    out.report(r, &format!("{base}/timezone"), problem)
                        .hint("use an IANA time zone id such as 'Europe/Berlin' or 'UTC'");
                }
                for b in s.blackouts() {
                    let Some(tz) = b.timezone else { continue };
                    let at = format!("{base}/blackoutWindows/{}/timezone", b.index);
                    if let Some(problem) = timezone_problem(tz) {
                        out.report(r, &at, problem)
                            .hint("use an IANA time zone id such as 'Europe/Berlin' or 'UTC'");
                    } else if tz != s.timezone().unwrap_or("UTC") {
                        out.report(r, &at, format!("blackout window in time zone '{tz}' while the schedule runs in '{}'", s.timezone().unwrap_or("UTC")))
                            .severity(Severity::Info)
                            .hint("omit the window's timezone to use the schedule's");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn app(schedule: &str) -> String {
        format!(
            "name: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {{name: app}}\nspec:\n  savepointSchedule: {schedule}\n"
        )
    }

    #[test]
    fn fires_on_names_that_are_not_zone_ids() {
        let f = check(&ScheduleTimezone, &app("{cronExpression: '@daily', timezone: Berlin}"));
        assert_eq!(pointers(&f), [("/spec/savepointSchedule/timezone".into(), Severity::Warning)]);
        assert!(f[0].message.contains("'Europe/Berlin'"), "{}", f[0].message);
        let f = check(
            &ScheduleTimezone,
            &app(
                "{cronExpression: '@daily', blackoutWindows: [{cronExpression: '@daily', timezone: Asia/Tokyo}]}",
            ),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/savepointSchedule/blackoutWindows/0/timezone".into(), Severity::Info)]
        );
    }

    #[test]
    fn silent_on_ids() {
        assert!(check(&ScheduleTimezone, &app("{cronExpression: '@daily', timezone: Europe/Berlin, blackoutWindows: [{cronExpression: '@daily', timezone: Europe/Berlin}]}")).is_empty());
    }
}
