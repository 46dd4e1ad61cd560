//! FKO-AS-002 — the scale-up max factor must not be negative.
//!
//! What it checks: `job.autoscaler.scale-up.max-factor` below 0.
//! Why: the operator's AutoscalerValidator rejects the deployment ("Invalid value in the
//! autoscaler config"); checked only when `job.autoscaler.enabled` is true (the legacy
//! `kubernetes.operator.job.autoscaler.` prefix is read too).
//! How to fix: use a factor ≥ 0.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::autoscaler::check_range;

/// See the module documentation.
pub struct AsScaleUp;

impl Rule for AsScaleUp {
    fn id(&self) -> &'static str {
        "FKO-AS-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "job.autoscaler.scale-up.max-factor must not be negative"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        check_range(cx, out, &["job.autoscaler.scale-up.max-factor"], Some(0.0), None, None);
    }
}

#[cfg(test)]
mod tests {
    use super::super::autoscaler::fixture::fd;
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_negative_factor() {
        assert_eq!(
            pointers(&check(&AsScaleUp, &fd("    job.autoscaler.scale-up.max-factor: -2\n"))),
            [(
                "/spec/flinkConfiguration/job.autoscaler.scale-up.max-factor".into(),
                Severity::Error
            )]
        );
        assert!(
            check(&AsScaleUp, &fd("    job.autoscaler.scale-up.max-factor: 100000\n")).is_empty()
        );
    }
}
