//! FKO-AS-006 — memory thresholds are fractions.
//!
//! What it checks: `job.autoscaler.memory.gc-pressure.threshold` and
//! `job.autoscaler.memory.heap-usage.threshold` outside [0, 1].
//! Why: the operator's AutoscalerValidator rejects the deployment ("Invalid value in the
//! autoscaler config"); checked only when `job.autoscaler.enabled` is true (the legacy
//! `kubernetes.operator.job.autoscaler.` prefix is read too).
//! How to fix: write fractions such as 0.3 / 0.9.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::autoscaler::check_range;

/// See the module documentation.
pub struct AsThresholds;

impl Rule for AsThresholds {
    fn id(&self) -> &'static str {
        "FKO-AS-006"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Autoscaler memory thresholds must be within [0, 1]"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        check_range(
            cx,
            out,
            &[
                "job.autoscaler.memory.gc-pressure.threshold",
                "job.autoscaler.memory.heap-usage.threshold",
            ],
            Some(0.0),
            Some(1.0),
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::autoscaler::fixture::fd;
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_outside_unit_interval() {
        assert_eq!(
            pointers(&check(
                &AsThresholds,
                &fd("    job.autoscaler.memory.heap-usage.threshold: 1.5\n")
            )),
            [(
                "/spec/flinkConfiguration/job.autoscaler.memory.heap-usage.threshold".into(),
                Severity::Error
            )]
        );
        assert!(
            check(&AsThresholds, &fd("    job.autoscaler.memory.gc-pressure.threshold: 0.3\n"))
                .is_empty()
        );
    }
}
