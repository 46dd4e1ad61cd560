//! CMF-SPS-006 — a freshness threshold the schedule can meet.
//!
//! What it checks: `freshnessThresholdHours` shorter than the schedule's interval (or
//! set on a paused schedule).
//! Why: CMF logs a SAVEPOINT_SLA_VIOLATION whenever the gap between successful periodic
//! savepoints exceeds the threshold; a threshold below the interval is violated after
//! every trigger, and the log warning becomes noise nobody reads.
//! How to fix: set the threshold above the interval (e.g. twice it), or trigger more often.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schedule::{self, Schedule, cron::Cron};

/// See the module documentation.
pub struct ScheduleFreshness;

impl Rule for ScheduleFreshness {
    fn id(&self) -> &'static str {
        "CMF-SPS-006"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "freshnessThresholdHours must exceed the schedule's interval"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for (tokens, v) in schedule::schedules_of(r) {
                let s = Schedule(v);
                let Some(hours) = s.freshness_hours() else { continue };
                let at = format!("{}/freshnessThresholdHours", r.spec_field(&tokens));
                if s.paused() {
                    out.report(
                        r,
                        &at,
                        "the schedule is paused, so its freshness threshold is always exceeded",
                    )
                    .severity(Severity::Info)
                    .hint("unpause the schedule or remove freshnessThresholdHours");
                    continue;
                }
                let interval = s.cron().and_then(|t| Cron::parse(t).ok()).and_then(|c| {
                    let fires = c.fires(
                        schedule::SIMULATION_START,
                        schedule::SIMULATION_START + schedule::SIMULATION_SECS,
                        4_000,
                    );
                    fires.windows(2).map(|w| w[1] - w[0]).max()
                });
                if let Some(gap) = interval.filter(|g| *g > hours * 3_600) {
                    out.report(r, &at, format!("freshnessThresholdHours {hours} is shorter than the longest gap between triggers ({} h), so CMF reports an SLA violation every time", gap / 3_600))
                        .hint("set the threshold above the longest gap, e.g. twice the interval");
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
    fn fires_on_a_threshold_below_the_interval() {
        let f = check(
            &ScheduleFreshness,
            &stmt("{cronExpression: '0 0 3 * * *', freshnessThresholdHours: 12}"),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/savepointSchedule/freshnessThresholdHours".into(), Severity::Warning)]
        );
        assert!(f[0].message.contains("(24 h)"), "{}", f[0].message);
    }

    #[test]
    fn silent_on_a_reachable_threshold() {
        assert!(
            check(
                &ScheduleFreshness,
                &stmt("{cronExpression: '0 0 */6 * * *', freshnessThresholdHours: 12}")
            )
            .is_empty()
        );
    }
}
