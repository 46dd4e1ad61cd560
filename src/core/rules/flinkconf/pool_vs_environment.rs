//! CFG-LAYER-002 — compute pool and environment `computePoolDefaults` disagree.
//!
//! What it checks: a key of the pool's `clusterSpec.flinkConfiguration`, or any other
//! `clusterSpec` field, also set with a different value in the environment's
//! `computePoolDefaults.clusterSpec`.
//! Why: which one wins is not documented (domain.md §3.3); the studio assumes the pool.
//! How to fix: set the value in one place, or verify with the generated FlinkDeployment.

use super::shared::{layer_conflicts, overlapping_fields};
use crate::core::config::{Layer, Scope};
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct PoolVsEnvironment;

const HINT: &str =
    "precedence between pool and environment defaults is undocumented; set it in one place";

impl Rule for PoolVsEnvironment {
    fn id(&self) -> &'static str {
        "CFG-LAYER-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Compute pool and environment computePoolDefaults set the same key differently"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::ComputePool) {
            if let Some(c) = cx.config(r.id, Scope::Cluster) {
                for (e, lost) in
                    layer_conflicts(c, Layer::ComputePool, Layer::EnvironmentPoolDefaults)
                {
                    let msg = format!(
                        "{}={} here, {} in computePoolDefaults; shown value assumes the pool wins",
                        e.key, e.value, lost.value
                    );
                    out.report(r, &e.source.path, msg).hint(HINT);
                }
            }
            let Some(env) = cx.environment_of(r) else { continue };
            for (field, mine, theirs) in overlapping_fields(
                r,
                &["clusterSpec"],
                env,
                &["computePoolDefaults", "clusterSpec"],
            ) {
                if mine.value != theirs {
                    let msg = format!(
                        "clusterSpec.{field}={} here, {theirs} in computePoolDefaults; shown value assumes the pool wins",
                        mine.value
                    );
                    out.report(r, &mine.pointer, msg).hint(HINT);
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
    fn fires_on_conflicting_keys_and_fields() {
        let f = check(
            &PoolVsEnvironment,
            "name: prod\nkubernetesNamespace: flink\ncomputePoolDefaults:\n  clusterSpec:\n    image: a:1\n    \
             flinkConfiguration: {rest.port: '1', web.cancel.enable: 'false'}\n---\n\
             apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: p}\nspec:\n  clusterSpec:\n    \
             image: b:2\n    flinkConfiguration: {rest.port: '2', web.cancel.enable: 'false'}\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/clusterSpec/flinkConfiguration/rest.port".into(), Severity::Warning),
                ("/spec/clusterSpec/image".into(), Severity::Warning)
            ]
        );
        assert_eq!(f[1].line, Some(13));
    }
}
