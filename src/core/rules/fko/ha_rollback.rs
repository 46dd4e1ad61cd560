//! FKO-HA-001 — rollback needs high availability.
//!
//! What it checks: `kubernetes.operator.deployment.rollback.enabled: true` while the
//! effective configuration enables no HA (`high-availability.type` unset or NONE).
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: the operator's validator rejects rollback without HA (it needs HA metadata to
//! restore the last stable spec).
//! How to fix: enable HA (`high-availability.type: kubernetes` plus `high-availability.storageDir`)
//! or disable rollback.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Seen, Sink, supplied_outside};

/// See the module documentation.
pub struct HaRollback;

impl Rule for HaRollback {
    fn id(&self) -> &'static str {
        "FKO-HA-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "HA must be enabled for rollback support"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut seen = Seen::default();
        for s in cx.sites().filter(|s| s.complete()) {
            let key = "kubernetes.operator.deployment.rollback.enabled";
            let conf = cx.site_conf(&s);
            let Some(hit) =
                conf.written(key).filter(|h| h.value.trim().eq_ignore_ascii_case("true"))
            else {
                continue;
            };
            if !conf.ha_active() {
                let (r, at) = conf.place(&hit);
                if seen.first(r, &at) {
                    let f = out.report(r, &at, "HA must be enabled for rollback support");
                    f.hint("set high-availability.type: kubernetes and high-availability.storageDir, or disable rollback");
                    supplied_outside(cx, f, s.supplied_outside());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(conf: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  flinkConfiguration: {{kubernetes.operator.deployment.rollback.enabled: 'true'{conf}}}\n"
        )
    }

    #[test]
    fn fires_without_ha_only() {
        let f = check(&HaRollback, &fd(""));
        assert_eq!(
            pointers(&f),
            [(
                "/spec/flinkConfiguration/kubernetes.operator.deployment.rollback.enabled".into(),
                Severity::Error
            )]
        );
        assert!(check(&HaRollback, &fd(", high-availability: kubernetes")).is_empty());
        assert_eq!(check(&HaRollback, &fd(", high-availability.type: NONE")).len(), 1);
    }
}
