//! CMF-POOL-005 — compute pools run SQL on the Flink versions CMF supports.
//!
//! What it checks: the effective `clusterSpec.flinkVersion` of a pool (its own, else the
//! environment's `computePoolDefaults.clusterSpec.flinkVersion`) and the environment
//! default itself are SQL versions of the declared CMF release (the table
//! `core::flink::version::CMF_RELEASES`: Flink 1.19, and from CMF 2.5 also 2.3).
//! Why: a statement has no Flink version of its own; CMF only ships SQL runtimes for
//! those versions.
//! How to fix: set the default SQL version with a matching `cp-flink-sql` image.

use crate::core::finding::Severity;
use crate::core::flink::version::{self, enum_names};
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct PoolFlinkVersion;

fn report(cx: &Context<'_>, out: &mut Sink<'_>, r: &Resource, at: &str, v: &str, via: &str) {
    let ok = version::cmf(cx.targets.cmf).sql_versions();
    out.report(
        r,
        at,
        format!(
            "CMF {} runs SQL on {} only, not {v}{via}",
            cx.targets.cmf,
            enum_names(&ok, " or ")
        ),
    )
    .hint(format!(
        "set clusterSpec.flinkVersion to {} with a matching cp-flink-sql image",
        ok[0].enum_name()
    ));
}

impl Rule for PoolFlinkVersion {
    fn id(&self) -> &'static str {
        "CMF-POOL-005"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Compute pool flinkVersion must be a SQL version of the declared CMF release"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let release = version::cmf(cx.targets.cmf);
        let ok = |v: &&str| release.runs_sql_on(v);
        let default_path = ["computePoolDefaults", "clusterSpec", "flinkVersion"];
        for e in cx.of_kind(Kind::Environment) {
            if let Some(v) = e.spec_str(&default_path).filter(|v| !ok(v)) {
                report(cx, out, e, &e.spec_field(&default_path), v, " (computePoolDefaults)");
            }
        }
        for r in cx.of_kind(Kind::ComputePool) {
            if let Some(v) = r.spec_str(&["clusterSpec", "flinkVersion"]) {
                if !ok(&v) {
                    report(cx, out, r, &r.spec_field(&["clusterSpec", "flinkVersion"]), v, "");
                }
            } else if let Some(e) = cx.environment_of(r)
                && let Some(v) = e.spec_str(&default_path).filter(|v| !ok(v))
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
    use crate::core::flink::version::FlinkVersion;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    /// A pool on the SQL version CMF 2.5 adds.
    fn pool() -> String {
        let v = FlinkVersion::new(2, 3).enum_name();
        format!(
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {{name: pool1}}\nspec:\n  clusterSpec:\n    flinkVersion: {v}\n"
        )
    }

    #[test]
    fn fires_before_2_5_and_on_inherited_defaults() {
        for minor in [3, 4] {
            let t = Targets { cmf: Version::new(2, minor, 1), ..Targets::default() };
            let f = check_with(&PoolFlinkVersion, &pool(), t);
            assert_eq!(pointers(&f), [("/spec/clusterSpec/flinkVersion".into(), Severity::Error)]);
            assert_eq!(f[0].line, Some(6));
            let only = FlinkVersion::CMF_SQL_DEFAULT.enum_name();
            assert!(f[0].message.starts_with(&format!("CMF 2.{minor}.1 runs SQL on {only} only")));
        }
        let v = FlinkVersion::new(2, 1).enum_name();
        let env = format!(
            "name: dev-env\nkubernetesNamespace: flink\ncomputePoolDefaults:\n  clusterSpec: {{flinkVersion: {v}}}\n---\n"
        );
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
        assert!(check(&PoolFlinkVersion, &pool()).is_empty(), "the default target is CMF 2.5");
        let t = Targets { cmf: Version::new(2, 5, 3), ..Targets::default() };
        assert!(check_with(&PoolFlinkVersion, &pool(), t).is_empty());
    }
}
