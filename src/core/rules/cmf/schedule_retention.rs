//! CMF-SPS-004 — savepoint retention that makes sense.
//!
//! What it checks: a schedule's `retention`: `keepWithin` must be an ISO-8601 duration
//! (error) and at least one trigger interval long (warning: otherwise it often keeps
//! nothing); every `keep*` count must be at least 1 (error); a retention with no rule
//! (warning); a calendar rule finer than the schedule (`keepHourly` on a daily schedule,
//! info: it keeps one savepoint per trigger anyway).
//! Why: CMF's `SavepointRetention` takes ISO-8601 durations and counts ≥ 1 (CMF 2.4
//! OpenAPI); a retention that keeps nothing deletes every periodic savepoint.
//! How to fix: e.g. `retention: {keepLast: 5, keepDaily: 7}`.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schedule::{self, RETENTION_KEYS, Schedule, cron::Cron, iso_duration_secs};

/// See the module documentation.
pub struct ScheduleRetention;

const CALENDAR: &[(&str, i64)] = &[("keepHourly", 3_600), ("keepDaily", 86_400)];

impl Rule for ScheduleRetention {
    fn id(&self) -> &'static str {
        "CMF-SPS-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Savepoint retention: ISO-8601 keepWithin, counts ≥ 1, at least one rule"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for (tokens, v) in schedule::schedules_of(r) {
                let base = format!("{}/retention", r.spec_field(&tokens));
                let s = Schedule(v);
                let Some(Value::Object(retention)) = s.retention() else { continue };
                let interval = s
                    .cron()
                    .and_then(|t| Cron::parse(t).ok())
                    .and_then(|c| schedule::shortest_interval(&c));
                if !RETENTION_KEYS.iter().any(|k| retention.contains_key(*k)) {
                    out.report(r, &base, "the retention has no rule (keepLast, keepWithin, keepHourly …), so it protects no periodic savepoint")
                        .severity(Severity::Warning)
                        .hint("e.g. keepLast: 5");
                }
                for (key, value) in retention {
                    let at = format!("{base}/{key}");
                    if key == "keepWithin" {
                        match value.as_str().map(iso_duration_secs) {
                            Some(Err(e)) => {
                                out.report(r, &at, e).hint("e.g. 'P7D' (seven days) or 'PT24H'");
                            }
                            Some(Ok(secs)) if interval.is_some_and(|i| secs < i) => {
                                out.report(r, &at, format!("keepWithin '{}' is shorter than the schedule's interval, so it often keeps no savepoint", value.as_str().unwrap_or("")))
                                    .severity(Severity::Warning)
                                    .hint("make keepWithin at least one interval long, or add keepLast");
                            }
                            _ => {}
                        }
                    } else if RETENTION_KEYS.contains(&key.as_str()) {
                        if value.as_i64().is_some_and(|n| n < 1) {
                            out.report(r, &at, format!("{key} must be at least 1"))
                                .hint("remove the rule or keep at least one savepoint");
                        } else if let Some((_, period)) = CALENDAR.iter().find(|(k, _)| k == key)
                            && interval.is_some_and(|i| i >= 2 * period)
                        {
                            out.report(r, &at, format!("{key} keeps one savepoint per period, but the schedule triggers less often"))
                                .severity(Severity::Info)
                                .hint("use keepLast or a coarser rule (keepDaily, keepWeekly)");
                        }
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

    fn stmt(retention: &str) -> String {
        format!(
            "name: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: st}}\nspec:\n  computePoolName: pool\n  statement: INSERT INTO a SELECT * FROM b\n  savepointSchedule: {{cronExpression: '0 0 3 * * *', retention: {retention}}}\n"
        )
    }

    #[test]
    fn fires_on_senseless_retention() {
        let p = "/spec/savepointSchedule/retention";
        assert_eq!(
            pointers(&check(&ScheduleRetention, &stmt("{}"))),
            [(p.into(), Severity::Warning)]
        );
        let f = check(&ScheduleRetention, &stmt("{keepWithin: 7 days}"));
        assert_eq!(pointers(&f), [(format!("{p}/keepWithin"), Severity::Error)]);
        let f = check(&ScheduleRetention, &stmt("{keepWithin: PT1H}"));
        assert_eq!(pointers(&f), [(format!("{p}/keepWithin"), Severity::Warning)]);
        let f = check(&ScheduleRetention, &stmt("{keepLast: 0}"));
        assert_eq!(pointers(&f), [(format!("{p}/keepLast"), Severity::Error)]);
        let f = check(&ScheduleRetention, &stmt("{keepHourly: 24}"));
        assert_eq!(pointers(&f), [(format!("{p}/keepHourly"), Severity::Info)]);
    }

    #[test]
    fn silent_on_sensible_retention() {
        assert!(
            check(&ScheduleRetention, &stmt("{keepLast: 5, keepWithin: P7D, keepDaily: 7}"))
                .is_empty()
        );
    }
}
