//! FKO-AS-010 — the metrics window must span reconciliations.
//!
//! What it checks: `job.autoscaler.metrics.window` (default 15 min) shorter than
//! `kubernetes.operator.reconcile.interval` (default 60 s).
//! Why: the autoscaler collects one sample per reconciliation; with fewer than two samples
//! in the window it never scales (the operator's main branch rejects it).
//! How to fix: lengthen the window or shorten the reconcile interval.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::autoscaler::{duration_secs, enabled, report};
use crate::core::rules::Seen;

/// See the module documentation.
pub struct AsMetricsWindow;

impl Rule for AsMetricsWindow {
    fn id(&self) -> &'static str {
        "FKO-AS-010"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Autoscaler metrics window shorter than the reconcile interval"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut seen = Seen::default();
        for conf in enabled(cx) {
            let Some(hit) = conf.written("job.autoscaler.metrics.window") else { continue };
            let interval = conf.written("kubernetes.operator.reconcile.interval");
            let secs = interval.as_ref().map_or(Some(60.0), |h| duration_secs(&h.value));
            if let (Some(w), Some(i)) = (duration_secs(&hit.value), secs)
                && w < i
            {
                let shown = interval.map_or("60 s (default)".to_string(), |h| h.value);
                report(
                    out,
                    &mut seen,
                    &hit,
                    format!(
                        "metrics window {} is shorter than the reconcile interval {shown}",
                        hit.value
                    ),
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
    fn fires_on_short_windows() {
        let y = |w: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  flinkConfiguration: {{job.autoscaler.enabled: 'true', job.autoscaler.metrics.window: '{w}'}}\n"
            )
        };
        assert_eq!(
            pointers(&check(&AsMetricsWindow, &y("30s"))),
            [("/spec/flinkConfiguration/job.autoscaler.metrics.window".into(), Severity::Error)]
        );
        assert!(check(&AsMetricsWindow, &y("3m")).is_empty());
    }
}
