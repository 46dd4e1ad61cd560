//! CMF-POOL-005 — compute pools run SQL on the Flink versions CMF supports.
//!
//! What it checks: the effective `clusterSpec.flinkVersion` of a pool (its own, else the
//! environment's `computePoolDefaults.clusterSpec.flinkVersion`) and the environment
//! default itself are SQL versions of the declared CMF: `v1_19` before CMF 2.5, `v1_19`
//! or `v2_3` from 2.5.
//! Why: a statement has no Flink version of its own; CMF only ships SQL runtimes for
//! those versions.
//! How to fix: set `flinkVersion: v1_19` with a matching `cp-flink-sql:1.19-cpN` image.

use crate::core::finding::Severity;
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

use super::util::sql_flink_versions;

/// See the module documentation.
pub struct PoolFlinkVersion;

fn report(cx: &Context<'_>, out: &mut Sink<'_>, r: &Resource, at: &str, v: &str, via: &str) {
    let ok = sql_flink_versions(cx);
    out.report(
        r,
        at,
        format!("CMF {} runs SQL on {} only, not {v}{via}", cx.targets.cmf, ok.join(" or ")),
    )
    .hint(format!("set clusterSpec.flinkVersion to {} with a matching cp-flink-sql image", ok[0]));
}

impl Rule for PoolFlinkVersion {
    fn id(&self) -> &'static str {
        "CMF-POOL-005"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Compute pool flinkVersion must be a SQL version of the declared CMF (v1_19; v2_3 from 2.5)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let ok = sql_flink_versions(cx);
        let default_path = ["computePoolDefaults", "clusterSpec", "flinkVersion"];
        for e in cx.of_kind(Kind::Environment) {
            if let Some(v) = e.spec_str(&default_path).filter(|v| !ok.contains(v)) {
                report(cx, out, e, &e.spec_field(&default_path), v, " (computePoolDefaults)");
            }
        }
        for r in cx.of_kind(Kind::ComputePool) {
            if let Some(v) = r.spec_str(&["clusterSpec", "flinkVersion"]) {
                if !ok.contains(&v) {
                    report(cx, out, r, &r.spec_field(&["clusterSpec", "flinkVersion"]), v, "");
                }
            } else if let Some(e) = cx.environment_of(r)
                && let Some(v) = e.spec_str(&default_path).filter(|v| !ok.contains(v))
            {
                let via = format!(" (inherited from environment '{}')", e.name());
                report(cx, out, r, &r.spec_field(&["clusterSpec"]), v, &via);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const POOL: &str = "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\nspec:\n  clusterSpec:\n    flinkVersion: v2_3\n";

    #[test]
    fn fires_before_2_5_and_on_inherited_defaults() {
        let f = check(&PoolFlinkVersion, POOL);
        assert_eq!(pointers(&f), [("/spec/clusterSpec/flinkVersion".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(6));
        let env = "name: dev-env\nkubernetesNamespace: flink\ncomputePoolDefaults:\n  clusterSpec: {flinkVersion: v2_1}\n---\n";
        let pool = "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\nspec:\n  clusterSpec: {}\n";
        let f = check(&PoolFlinkVersion, &format!("{env}{pool}"));
        assert_eq!(
            pointers(&f),
            [
                ("/computePoolDefaults/clusterSpec/flinkVersion".into(), Severity::Error),
                ("/spec/clusterSpec".into(), Severity::Error)
            ]
        );
    }

    #[test]
    fn silent_on_2_3_with_cmf_2_5() {
        let t = Targets { cmf: Version::new(2, 5, 0), ..Targets::default() };
        assert!(check_with(&PoolFlinkVersion, POOL, t).is_empty());
    }
}
