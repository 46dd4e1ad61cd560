//! CMF-POOL-004 — `clusterSpec` must not set `serviceAccount` or `job`.
//!
//! What it checks: a compute pool's `clusterSpec` (or the environment's
//! `computePoolDefaults.clusterSpec`) sets `serviceAccount` or `job`.
//! Why: CMF uses its own service account and fills in the job (jar, entry class,
//! arguments, parallelism, state) for every statement; the compute-pools docs forbid both.
//! How to fix: remove them; set parallelism on the statement.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct PoolManagedFields;

impl Rule for PoolManagedFields {
    fn id(&self) -> &'static str {
        "CMF-POOL-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "clusterSpec.serviceAccount and clusterSpec.job are managed by CMF"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let places = [
            (Kind::ComputePool, &["clusterSpec"][..]),
            (Kind::Environment, &["computePoolDefaults", "clusterSpec"][..]),
        ];
        for (kind, base) in places {
            for r in cx.of_kind(kind) {
                for field in ["serviceAccount", "job"] {
                    let mut path = base.to_vec();
                    path.push(field);
                    if r.spec_get(&path).is_some() {
                        out.report(
                            r,
                            &r.spec_field(&path),
                            format!("clusterSpec.{field} is managed by CMF"),
                        )
                        .hint(format!(
                            "remove clusterSpec.{field}; CMF sets it for every statement"
                        ));
                    }
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
    fn fires_on_service_account_and_job() {
        let f = check(
            &PoolManagedFields,
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\nspec:\n  clusterSpec:\n    serviceAccount: flink\n    job: {parallelism: 2}\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/clusterSpec/serviceAccount".into(), Severity::Error),
                ("/spec/clusterSpec/job".into(), Severity::Error)
            ]
        );
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_on_a_clean_pool() {
        let v = crate::core::flink::version::FlinkVersion::CMF_SQL_DEFAULT.enum_name();
        let f = check(
            &PoolManagedFields,
            &format!(
                "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {{name: pool1}}\nspec:\n  clusterSpec: {{flinkVersion: {v}}}\n"
            ),
        );
        assert!(f.is_empty());
    }
}
