//! FKO-AS-001 — the scale-down max factor must not be negative.
//!
//! What it checks: `job.autoscaler.scale-down.max-factor` below 0.
//! Why: the operator's AutoscalerValidator rejects the deployment ("Invalid value in the
//! autoscaler config"); checked only when `job.autoscaler.enabled` is true (the legacy
//! `kubernetes.operator.job.autoscaler.` prefix is read too).
//! How to fix: use a factor ≥ 0 (e.g. 0.6 = scale down by at most 60 %).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::autoscaler::check_range;

/// See the module documentation.
pub struct AsScaleDown;

impl Rule for AsScaleDown {
    fn id(&self) -> &'static str {
        "FKO-AS-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "job.autoscaler.scale-down.max-factor must not be negative"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        check_range(cx, out, &["job.autoscaler.scale-down.max-factor"], Some(0.0), None, None);
    }
}

#[cfg(test)]
mod tests {
    use super::super::autoscaler::fixture::fd;
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_negative_factor_also_with_the_legacy_prefix() {
        let f = check(
            &AsScaleDown,
            &fd("    kubernetes.operator.job.autoscaler.scale-down.max-factor: \"-1\"\n"),
        );
        assert_eq!(
            pointers(&f),
            [(
                "/spec/flinkConfiguration/kubernetes.operator.job.autoscaler.scale-down.max-factor"
                    .into(),
                Severity::Error
            )]
        );
        assert_eq!(f[0].line, Some(7));
        assert!(
            check(&AsScaleDown, &fd("    job.autoscaler.scale-down.max-factor: \"0.5\"\n"))
                .is_empty()
        );
        let off = fd("    job.autoscaler.scale-down.max-factor: \"-1\"\n")
            .replace("enabled: 'true'", "enabled: 'false'");
        assert!(check(&AsScaleDown, &off).is_empty());
    }
}
