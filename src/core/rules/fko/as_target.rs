//! FKO-AS-003 — the target utilization is a fraction.
//!
//! What it checks: `job.autoscaler.utilization.target` (formerly `target.utilization`)
//! outside [0, 1].
//! Why: the operator's AutoscalerValidator rejects the deployment ("Invalid value in the
//! autoscaler config"); checked only when `job.autoscaler.enabled` is true (the legacy
//! `kubernetes.operator.job.autoscaler.` prefix is read too).
//! How to fix: write a fraction such as 0.7 (not a percentage).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::autoscaler::check_range;

/// See the module documentation.
pub struct AsTarget;

impl Rule for AsTarget {
    fn id(&self) -> &'static str {
        "FKO-AS-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "job.autoscaler.utilization.target must be within [0, 1]"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        check_range(
            cx,
            out,
            &["job.autoscaler.utilization.target", "job.autoscaler.target.utilization"],
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
    fn fires_on_percentages() {
        assert_eq!(
            pointers(&check(&AsTarget, &fd("    job.autoscaler.target.utilization: 70\n"))),
            [(
                "/spec/flinkConfiguration/job.autoscaler.target.utilization".into(),
                Severity::Error
            )]
        );
        assert!(check(&AsTarget, &fd("    job.autoscaler.utilization.target: 0.7\n")).is_empty());
    }
}
