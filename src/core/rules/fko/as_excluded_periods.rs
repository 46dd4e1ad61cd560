//! FKO-AS-008 — excluded periods must parse.
//!
//! What it checks: `job.autoscaler.excluded.periods`: `;`-separated entries, each a daily
//! time range (`9:30-10:50`, `9:30:30-10:50:20`), a Quartz cron expression
//! (`* * 9-11,14-16 ? * 2-6`), or both joined by `&&`.
//! Why: the operator (CalendarUtils, FKO 1.8+) rejects unparsable periods.
//! How to fix: follow the documented formats.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::autoscaler::{enabled, report};
use crate::core::rules::Seen;

/// See the module documentation.
pub struct AsExcludedPeriods;

fn time(t: &str) -> bool {
    let parts: Vec<&str> = t.split(':').collect();
    let limits = [23, 59, 59];
    (2..=3).contains(&parts.len())
        && parts.iter().zip(limits).all(|(p, max)| {
            !p.is_empty() && p.len() <= 2 && p.parse::<u32>().is_ok_and(|n| n <= max)
        })
}

fn daily_range(t: &str) -> bool {
    t.split_once('-').is_some_and(|(a, b)| time(a.trim()) && time(b.trim()))
}

fn cron(t: &str) -> bool {
    let fields: Vec<&str> = t.split_whitespace().collect();
    (6..=7).contains(&fields.len())
        && fields
            .iter()
            .all(|f| f.chars().all(|c| c.is_ascii_alphanumeric() || "*?,/-#".contains(c)))
}

/// True when an excluded-periods value parses.
pub fn periods_ok(v: &str) -> bool {
    v.split(';').map(str::trim).filter(|e| !e.is_empty()).all(|e| {
        let parts: Vec<&str> = e.split("&&").map(str::trim).collect();
        match parts.as_slice() {
            [one] => daily_range(one) || cron(one),
            [a, b] => (daily_range(a) && cron(b)) || (cron(a) && daily_range(b)),
            _ => false,
        }
    })
}

impl Rule for AsExcludedPeriods {
    fn id(&self) -> &'static str {
        "FKO-AS-008"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "job.autoscaler.excluded.periods must be time ranges or cron expressions"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut seen = Seen::default();
        for conf in enabled(cx) {
            if let Some(hit) = conf.written("job.autoscaler.excluded.periods")
                && !periods_ok(&hit.value)
            {
                report(
                    out,
                    &mut seen,
                    &hit,
                    format!("Cannot parse excluded periods '{}'", hit.value),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn parses_documented_forms() {
        assert!(periods_ok("9:30:30-10:50:20;* * 9-11,14-16 ? * 2-6"));
        assert!(periods_ok("9:30-10:50 && * * * ? * 2-6"));
        assert!(!periods_ok("weekends"));
        assert!(!periods_ok("25:00-26:00"));
        let f = check(
            &AsExcludedPeriods,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  flinkConfiguration: {job.autoscaler.enabled: 'true', job.autoscaler.excluded.periods: nights}\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/job.autoscaler.excluded.periods".into(), Severity::Error)]
        );
    }
}
