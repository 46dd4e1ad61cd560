//! CMF-POOL-001 — a compute pool needs `type` and `clusterSpec`.
//!
//! What it checks: ComputePool / FlinkComputePool `spec.type` is present and one of
//! `DEDICATED`, `SHARED`; `spec.clusterSpec` is present and an object.
//! Why: both are required by the OpenAPI `ComputePoolSpec`; CMF answers 400 otherwise.
//! How to fix: add `type: DEDICATED` (one cluster per statement) or `SHARED` (CMF 2.3+,
//! one session cluster) and a `clusterSpec` (flinkVersion, image, resources).

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct PoolSpec;

impl Rule for PoolSpec {
    fn id(&self) -> &'static str {
        "CMF-POOL-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A compute pool needs type (DEDICATED|SHARED) and clusterSpec"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::ComputePool) {
            match r.spec_get(&["type"]) {
                None => {
                    out.report(r, "/spec", format!("compute pool '{}' has no spec.type", r.name()))
                        .hint("add type: DEDICATED or type: SHARED");
                }
                Some(t) if !matches!(t.as_str(), Some("DEDICATED" | "SHARED")) => {
                    out.report(
                        r,
                        &r.spec_field(&["type"]),
                        format!("pool type {t} is not DEDICATED or SHARED"),
                    )
                    .hint("use DEDICATED or SHARED (upper case)");
                }
                Some(_) => {}
            }
            if r.spec_get(&["clusterSpec"]).is_none_or(|c| !c.is_object()) {
                out.report(r, "/spec", format!("compute pool '{}' has no spec.clusterSpec", r.name()))
                    .hint("add clusterSpec with flinkVersion, image, jobManager and taskManager resources");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_lower_case_type_and_missing_cluster_spec() {
        let f = check(
            &PoolSpec,
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\nspec:\n  type: dedicated\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/type".into(), Severity::Error), ("/spec".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_on_a_complete_pool() {
        let f = check(
            &PoolSpec,
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\nspec:\n  type: SHARED\n  clusterSpec: {}\n",
        );
        assert!(f.is_empty());
    }
}
