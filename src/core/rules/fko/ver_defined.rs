//! FKO-VER-001 — `spec.flinkVersion` must be defined.
//!
//! What it checks: FlinkDeployments, blue/green templates, CMF applications and compute-pool
//! `clusterSpec`s without `flinkVersion` (after the environment defaults are merged in).
//! Why: the operator's validator rejects a deployment whose Flink version is unknown.
//! How to fix: set `flinkVersion` (e.g. `v1_20`) to match the image.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct VerDefined;

impl Rule for VerDefined {
    fn id(&self) -> &'static str {
        "FKO-VER-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "spec.flinkVersion must be defined"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            if s.complete() && s.merged(&["flinkVersion"]).is_none() {
                out.report(s.owner, &s.field(&["flinkVersion"]), "Flink version must be defined")
                    .hint("set flinkVersion to the Flink version of the image, e.g. v1_20");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_version_unless_the_environment_sets_it() {
        let f = check(
            &VerDefined,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
             spec: {image: flink}\n---\n\
             {name: dev, kubernetesNamespace: dev, computePoolDefaults: {clusterSpec: {flinkVersion: v1_19}}}\n---\n\
             {apiVersion: cmf.confluent.io/v1, kind: ComputePool, metadata: {name: pool}, spec: {clusterSpec: {image: x}}}\n",
        );
        assert_eq!(pointers(&f), [("/spec/flinkVersion".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(4));
    }
}
