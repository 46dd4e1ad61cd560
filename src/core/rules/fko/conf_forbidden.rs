//! FKO-CONF-001 — configuration keys the operator sets itself.
//!
//! What it checks: `kubernetes.namespace`, `kubernetes.cluster-id` or
//! `high-availability.cluster-id` in the effective configuration of a deployment (including
//! environment and operator defaults).
//! Why: the operator forces these from the resource's namespace and name, and its validator
//! rejects deployments that set them.
//! How to fix: remove the key; use `metadata.namespace` / `metadata.name` instead.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Seen, Sink};

/// See the module documentation.
pub struct ConfForbidden;

const FORBIDDEN: &[&str] =
    &["kubernetes.namespace", "kubernetes.cluster-id", "high-availability.cluster-id"];

impl Rule for ConfForbidden {
    fn id(&self) -> &'static str {
        "FKO-CONF-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Flink configuration must not set keys the operator forces"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut seen = Seen::default();
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            let conf = cx.site_conf(&s);
            for key in FORBIDDEN {
                let Some(hit) = conf.written(key) else { continue };
                let (r, at) = conf.place(&hit);
                if seen.first(r, &at) {
                    out.report(r, &at, format!("Forbidden Flink config key {key} (set by the operator)"))
                        .hint("remove it: the operator derives it from metadata.namespace / metadata.name");
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
    fn fires_on_forbidden_keys_once() {
        let f = check(
            &ConfForbidden,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
             spec:\n  flinkConfiguration:\n    kubernetes.cluster-id: x\n    kubernetes.jobmanager.replicas: '1'\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/kubernetes.cluster-id".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn reports_environment_defaults_once_at_the_environment() {
        let f = check(
            &ConfForbidden,
            "{name: dev, kubernetesNamespace: dev, flinkApplicationDefaults: {spec: {flinkConfiguration: {kubernetes.namespace: x}}}}\n---\n\
             {apiVersion: cmf.confluent.io/v1, kind: FlinkApplication, metadata: {name: app1}, spec: {}}\n---\n\
             {apiVersion: cmf.confluent.io/v1, kind: FlinkApplication, metadata: {name: app2}, spec: {}}\n",
        );
        assert_eq!(
            pointers(&f),
            [(
                "/flinkApplicationDefaults/spec/flinkConfiguration/kubernetes.namespace".into(),
                Severity::Error
            )]
        );
    }
}
