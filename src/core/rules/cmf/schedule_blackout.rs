//! CMF-SPS-003 — blackout windows that swallow the whole schedule.
//!
//! What it checks: a savepoint schedule whose every trigger over a simulated year falls
//! inside one of its blackout windows (windows in the schedule's time zone; expressions
//! using `L`, `W` or `#` are not simulated), and a window's `durationMinutes` below 1.
//! Why: CMF skips triggers inside a blackout and does not retry them, so such a schedule
//! never takes a savepoint; CMF rejects a duration below 1 minute.
//! How to fix: shorten or move the windows, or trigger at other times.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schedule::{self, Schedule, cron::Cron};

/// See the module documentation.
pub struct ScheduleBlackout;

impl Rule for ScheduleBlackout {
    fn id(&self) -> &'static str {
        "CMF-SPS-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Blackout windows must leave some savepoint triggers"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for (tokens, v) in schedule::schedules_of(r) {
                let base = r.spec_field(&tokens);
                let s = Schedule(v);
                let blackouts = s.blackouts();
                for b in &blackouts {
                    if b.minutes < 1 {
                        out.report(
                            r,
                            &format!("{base}/blackoutWindows/{}/durationMinutes", b.index),
                            format!("durationMinutes {} is below CMF's minimum of 1", b.minutes),
                        )
                        .severity(Severity::Error)
                        .hint("give the window a length of at least 1 minute (default 60)");
                    }
                }
                let Some(c) = s.cron().and_then(|t| Cron::parse(t).ok()) else { continue };
                let zone = s.timezone().unwrap_or("UTC");
                let windows: Option<Vec<(Cron, i64)>> = blackouts
                    .iter()
                    .filter(|b| b.timezone.unwrap_or(zone) == zone && b.minutes >= 1)
                    .map(|b| b.cron.and_then(|t| Cron::parse(t).ok()).map(|c| (c, b.minutes)))
                    .collect();
                let Some(windows) = windows else { continue };
                if schedule::blacked_out_entirely(&c, &windows) == Some(true) {
                    out.report(r, &format!("{base}/blackoutWindows"), "every trigger of this savepoint schedule falls inside a blackout window, so it never takes a savepoint")
                        .hint("shorten or move the blackout windows, or change cronExpression");
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
    fn fires_when_the_windows_cover_every_trigger() {
        let f = check(
            &ScheduleBlackout,
            &stmt(
                "{cronExpression: '0 0 2 * * *', blackoutWindows: [{cronExpression: '0 0 1 * * *', durationMinutes: 180}]}",
            ),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/savepointSchedule/blackoutWindows".into(), Severity::Warning)]
        );
        let f = check(
            &ScheduleBlackout,
            &stmt(
                "{cronExpression: '0 0 2 * * *', blackoutWindows: [{cronExpression: '0 0 1 * * *', durationMinutes: 0}]}",
            ),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/savepointSchedule/blackoutWindows/0/durationMinutes".into(), Severity::Error)]
        );
    }

    #[test]
    fn silent_when_triggers_remain() {
        assert!(check(&ScheduleBlackout, &stmt("{cronExpression: '0 0 * * * *', blackoutWindows: [{cronExpression: '0 0 1 * * *', durationMinutes: 120}]}")).is_empty());
        // A window in another zone is not simulated.
        assert!(check(&ScheduleBlackout, &stmt("{cronExpression: '0 0 2 * * *', blackoutWindows: [{cronExpression: '0 0 1 * * *', durationMinutes: 180, timezone: Asia/Tokyo}]}")).is_empty());
    }
}
