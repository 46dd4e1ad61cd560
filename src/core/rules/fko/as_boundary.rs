//! FKO-AS-004 — the utilization boundary must not be negative.
//!
//! What it checks: `job.autoscaler.target.utilization.boundary` below 0.
//! Why: the operator's AutoscalerValidator rejects the deployment ("Invalid value in the
//! autoscaler config"); checked only when `job.autoscaler.enabled` is true (the legacy
//! `kubernetes.operator.job.autoscaler.` prefix is read too).
//! How to fix: use a value ≥ 0 (e.g. 0.1).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::autoscaler::check_range;

/// See the module documentation.
pub struct AsBoundary;

impl Rule for AsBoundary {
    fn id(&self) -> &'static str {
        "FKO-AS-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "job.autoscaler.target.utilization.boundary must not be negative"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        check_range(
            cx,
            out,
            &["job.autoscaler.target.utilization.boundary"],
            Some(0.0),
            None,
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
    fn fires_on_negative_boundary() {
        assert_eq!(
            pointers(&check(
                &AsBoundary,
                &fd("    job.autoscaler.target.utilization.boundary: -0.1\n")
            )),
            [(
                "/spec/flinkConfiguration/job.autoscaler.target.utilization.boundary".into(),
                Severity::Error
            )]
        );
        assert!(
            check(&AsBoundary, &fd("    job.autoscaler.target.utilization.boundary: 0.1\n"))
                .is_empty()
        );
    }
}
