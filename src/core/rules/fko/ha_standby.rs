//! FKO-HA-002 — standby JobManagers need high availability.
//!
//! What it checks: `jobManager.replicas` greater than 1 while the effective configuration
//! enables no HA.
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: the operator's validator rejects more than one JobManager without HA (leader
//! election needs it).
//! How to fix: enable HA (`high-availability.type: kubernetes` and a storage dir) or use one replica.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Seen, Sink, supplied_outside};

use crate::core::cluster::Located;

/// See the module documentation.
pub struct HaStandby;

impl Rule for HaStandby {
    fn id(&self) -> &'static str {
        "FKO-HA-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Standby JobManagers (replicas > 1) need high availability"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut seen = Seen::default();
        for s in cx.sites().filter(|s| s.complete()) {
            let Some(Located { value: v, resource: r, pointer: at, .. }) =
                s.locate(&["jobManager", "replicas"])
            else {
                continue;
            };
            if v.as_i64().is_some_and(|n| n > 1)
                && !cx.site_conf(&s).ha_active()
                && seen.first(r, &at)
            {
                let f =
                    out.report(r, &at, format!("{v} JobManager replicas need high availability"));
                f.hint("enable high-availability.type: kubernetes (with high-availability.storageDir) or use 1 replica");
                supplied_outside(cx, f, s.supplied_outside());
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
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  flinkConfiguration: {{{conf}}}\n  jobManager: {{replicas: 2}}\n"
        )
    }

    #[test]
    fn fires_without_ha() {
        let f = check(&HaStandby, &fd(""));
        assert_eq!(pointers(&f), [("/spec/jobManager/replicas".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(6));
        assert!(check(&HaStandby, &fd("high-availability: {type: kubernetes}")).is_empty());
    }

    #[test]
    fn amazon_emr_high_availability_counts() {
        let emr = |ha: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{emrReleaseLabel: emr-7.9.0-flink-latest, jobManager: {{replicas: 2, highAvailabilityEnabled: {ha}, storageDir: 's3://b/ha'}}}}\n"
            )
        };
        assert!(check(&HaStandby, &emr("true")).is_empty());
        assert_eq!(check(&HaStandby, &emr("false")).len(), 1);
    }

    #[test]
    fn a_pool_wins_over_its_environment_defaults() {
        // The pool's own single JobManager wins over computePoolDefaults' two (§3.3).
        let env = "{name: dev, kubernetesNamespace: dev, computePoolDefaults: {clusterSpec: {jobManager: {replicas: 2}}}}\n---\n";
        let pool = |jm: &str| {
            format!(
                "{env}{{apiVersion: cmf.confluent.io/v1, kind: ComputePool, metadata: {{name: p}}, spec: {{type: DEDICATED, clusterSpec: {{{jm}}}}}}}\n"
            )
        };
        assert!(check(&HaStandby, &pool("jobManager: {replicas: 1}")).is_empty());
        assert_eq!(
            pointers(&check(&HaStandby, &pool(""))),
            [("/computePoolDefaults/clusterSpec/jobManager/replicas".into(), Severity::Error)]
        );
    }

    #[test]
    fn an_environment_outside_the_design_may_enable_ha() {
        let app = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkApplication\n\
            metadata: {name: a, namespace: confluent}\nspec: {flinkEnvironment: prod, jobManager: {replicas: 2}}\n";
        assert_eq!(
            pointers(&check(&HaStandby, app)),
            [("/spec/jobManager/replicas".into(), Severity::Warning)]
        );
    }
}
