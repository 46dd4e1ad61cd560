//! FKO-SJ-009 — cluster-scoped options in a session job.
//!
//! What it checks: keys in a FlinkSessionJob `flinkConfiguration` that configure the cluster
//! processes (`taskmanager.*`, `jobmanager.*`, `kubernetes.*` other than
//! `kubernetes.operator.*`, `high-availability*`, `metrics.reporter.*`).
//! Why: a session job runs in an existing cluster; only job-level options take effect.
//! How to fix: set them on the session FlinkDeployment.

use crate::core::config::flatten;
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SjClusterKeys;

/// True for options that configure the cluster processes rather than a job.
pub fn cluster_scoped(key: &str) -> bool {
    ["taskmanager.", "jobmanager.", "metrics.reporter.", "high-availability"]
        .iter()
        .any(|p| key.starts_with(p))
        || (key.starts_with("kubernetes.") && !key.starts_with("kubernetes.operator."))
}

impl Rule for SjClusterKeys {
    fn id(&self) -> &'static str {
        "FKO-SJ-009"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Cluster-scoped option in a session job has no effect"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::FlinkSessionJob) {
            let Some(conf) = r.spec_get(&["flinkConfiguration"]) else { continue };
            let base = r.spec_field(&["flinkConfiguration"]);
            for k in flatten(conf).keys().filter(|k| cluster_scoped(k)) {
                let at = if conf.get(k.as_str()).is_some() {
                    pointer::push(&base, k)
                } else {
                    base.clone()
                };
                out.report(r, &at, format!("{k} has no effect in a session job"))
                    .hint("set it on the session FlinkDeployment's flinkConfiguration");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_cluster_keys_only() {
        let f = check(
            &SjClusterKeys,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {name: j}\nspec:\n  flinkConfiguration:\n    taskmanager.numberOfTaskSlots: '4'\n    kubernetes.operator.periodic.savepoint.interval: 1h\n    pipeline.name: x\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/taskmanager.numberOfTaskSlots".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(6));
    }
}
