//! FKO-AS-005 — utilization bounds around the target.
//!
//! What it checks: `job.autoscaler.utilization.max` outside [target, 1] and
//! `job.autoscaler.utilization.min` outside [0, target], where target is
//! `job.autoscaler.utilization.target` (default 0.7).
//! Why: the operator's AutoscalerValidator (FKO 1.11+) rejects the deployment; checked only
//! when `job.autoscaler.enabled` is true.
//! How to fix: keep min ≤ target ≤ max within [0, 1].

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::autoscaler::{enabled, number, report};
use crate::core::rules::Seen;

/// See the module documentation.
pub struct AsMinMax;

impl Rule for AsMinMax {
    fn id(&self) -> &'static str {
        "FKO-AS-005"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "utilization.max must be within [target, 1] and utilization.min within [0, target]"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut seen = Seen::default();
        for conf in enabled(cx) {
            let target = number(&conf, "job.autoscaler.utilization.target")
                .or_else(|| number(&conf, "job.autoscaler.target.utilization"))
                .and_then(|(n, _)| n)
                .unwrap_or(0.7);
            if let Some((Some(max), hit)) = number(&conf, "job.autoscaler.utilization.max")
                && !(target..=1.0).contains(&max)
            {
                report(
                    out,
                    &mut seen,
                    &hit,
                    format!("utilization.max {max} must be within [target {target}, 1]"),
                );
            }
            if let Some((Some(min), hit)) = number(&conf, "job.autoscaler.utilization.min")
                && !(0.0..=target).contains(&min)
            {
                report(
                    out,
                    &mut seen,
                    &hit,
                    format!("utilization.min {min} must be within [0, target {target}]"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::autoscaler::fixture::fd;
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn checks_against_the_target() {
        let f = check(
            &AsMinMax,
            &fd(
                "    job.autoscaler.utilization.target: 0.8\n    job.autoscaler.utilization.max: 0.75\n    job.autoscaler.utilization.min: 0.3\n",
            ),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/job.autoscaler.utilization.max".into(), Severity::Error)]
        );
        assert!(check(&AsMinMax, &fd("    job.autoscaler.utilization.max: 0.9\n    job.autoscaler.utilization.min: 0.5\n")).is_empty());
    }
}
