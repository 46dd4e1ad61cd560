//! FKO-AS-009 — numeric autoscaler options must be numbers.
//!
//! What it checks: the numeric autoscaler options (max factors, utilization target,
//! boundary, min/max, memory thresholds, coefficients, parallelism bounds, …) set to
//! something that is not a number (e.g. `70%`).
//! Why: the operator's AutoscalerValidator rejects it ("Invalid value in the autoscaler config").
//! How to fix: write a plain number.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::autoscaler::{enabled, number, report};
use crate::core::rules::Seen;

/// See the module documentation.
pub struct AsNumeric;

const NUMERIC: &[&str] = &[
    "scale-down.max-factor",
    "scale-up.max-factor",
    "utilization.target",
    "target.utilization",
    "target.utilization.boundary",
    "utilization.max",
    "utilization.min",
    "memory.gc-pressure.threshold",
    "memory.heap-usage.threshold",
    "observed-scalability.coefficient-min",
    "observed-scalability.min-observations",
    "scaling.effectiveness.threshold",
    "memory.tuning.overhead",
    "vertex.max-parallelism",
    "vertex.min-parallelism",
    "history.max.count",
];

impl Rule for AsNumeric {
    fn id(&self) -> &'static str {
        "FKO-AS-009"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Numeric autoscaler option is not a number"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut seen = Seen::default();
        for conf in enabled(cx) {
            for k in NUMERIC {
                if let Some((None, hit)) = number(&conf, &format!("job.autoscaler.{k}")) {
                    report(
                        out,
                        &mut seen,
                        &hit,
                        format!(
                            "Invalid value in the autoscaler config: {} = '{}' is not a number",
                            hit.key, hit.value
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_percent_signs() {
        let y = |v: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  flinkConfiguration: {{job.autoscaler.enabled: 'true', job.autoscaler.utilization.target: '{v}'}}\n"
            )
        };
        assert_eq!(
            pointers(&check(&AsNumeric, &y("70%"))),
            [(
                "/spec/flinkConfiguration/job.autoscaler.utilization.target".into(),
                Severity::Error
            )]
        );
        assert!(check(&AsNumeric, &y("0.7")).is_empty());
    }
}
