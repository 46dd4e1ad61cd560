//! FKO-HC-001 — cluster health checks need JobManager deployment recovery.
//!
//! What it checks: `kubernetes.operator.cluster.health-check.enabled: true` while
//! `kubernetes.operator.jm-deployment-recovery.enabled: false`.
//! Why: the operator's validator rejects this combination: an unhealthy cluster can only be
//! restarted through deployment recovery.
//! How to fix: enable `kubernetes.operator.jm-deployment-recovery.enabled` or disable health checks.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Seen, Sink};

/// See the module documentation.
pub struct HealthCheck;

impl Rule for HealthCheck {
    fn id(&self) -> &'static str {
        "FKO-HC-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Deployment recovery must be enabled for health checks"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut seen = Seen::default();
        for s in cx.sites().filter(|s| s.complete()) {
            let conf = cx.site_conf(&s);
            let Some(hit) = conf.written("kubernetes.operator.cluster.health-check.enabled") else {
                continue;
            };
            if hit.value.trim().eq_ignore_ascii_case("true")
                && conf.is_false("kubernetes.operator.jm-deployment-recovery.enabled")
            {
                let (r, at) = conf.place(&hit);
                if seen.first(r, &at) {
                    out.report(r, &at, "Deployment recovery must be enabled for health checks")
                        .hint("set kubernetes.operator.jm-deployment-recovery.enabled: true or disable the health check");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(recovery: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  flinkConfiguration:\n    kubernetes.operator.cluster.health-check.enabled: true\n    kubernetes.operator.jm-deployment-recovery.enabled: {recovery}\n"
        )
    }

    #[test]
    fn fires_when_recovery_is_disabled() {
        let f = check(&HealthCheck, &fd("false"));
        assert_eq!(
            pointers(&f),
            [(
                "/spec/flinkConfiguration/kubernetes.operator.cluster.health-check.enabled".into(),
                Severity::Error
            )]
        );
        assert_eq!(f[0].line, Some(6));
        assert!(check(&HealthCheck, &fd("true")).is_empty());
    }
}
