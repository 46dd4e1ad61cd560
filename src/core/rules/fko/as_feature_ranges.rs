//! FKO-AS-007 — ranges of optional autoscaler features.
//!
//! What it checks, each only when its feature is enabled (as the operator's main branch
//! does): `job.autoscaler.observed-scalability.coefficient-min` within [0.01, 1] (with
//! `observed-scalability.enabled`), `job.autoscaler.scaling.effectiveness.threshold` within
//! [0, 1] (with `scaling.effectiveness.detection.enabled`), `job.autoscaler.memory.tuning.overhead`
//! within [0, 1] (with `memory.tuning.enabled`).
//! Why: the operator's AutoscalerValidator rejects the deployment.
//! How to fix: use a value in the range, or disable the feature.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::autoscaler::{Range, check_ranges};

/// See the module documentation.
pub struct AsFeatureRanges;

impl Rule for AsFeatureRanges {
    fn id(&self) -> &'static str {
        "FKO-AS-007"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Coefficient, effectiveness threshold or memory overhead out of range for an enabled autoscaler feature"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let keys = [
            ["job.autoscaler.observed-scalability.coefficient-min"],
            ["job.autoscaler.scaling.effectiveness.threshold"],
            ["job.autoscaler.memory.tuning.overhead"],
        ];
        let flags = [
            "job.autoscaler.observed-scalability.enabled",
            "job.autoscaler.scaling.effectiveness.detection.enabled",
            "job.autoscaler.memory.tuning.enabled",
        ];
        let lows = [0.01, 0.0, 0.0];
        let ranges: Vec<Range<'_>> =
            (0..3).map(|i| (&keys[i][..], Some(lows[i]), Some(1.0), Some(flags[i]))).collect();
        check_ranges(cx, out, &ranges);
    }
}

#[cfg(test)]
mod tests {
    use super::super::autoscaler::fixture::fd;
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn only_when_the_feature_is_on() {
        let c = "    job.autoscaler.observed-scalability.coefficient-min: 0.001\n";
        assert!(check(&AsFeatureRanges, &fd(c)).is_empty());
        let on = format!("{c}    job.autoscaler.observed-scalability.enabled: 'true'\n");
        assert_eq!(
            pointers(&check(&AsFeatureRanges, &fd(&on))),
            [(
                "/spec/flinkConfiguration/job.autoscaler.observed-scalability.coefficient-min"
                    .into(),
                Severity::Error
            )]
        );
    }
}
