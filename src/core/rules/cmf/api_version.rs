//! CMF-API-001 — CMF REST payloads use `apiVersion: cmf.confluent.io/v1` and a CMF kind.
//!
//! What it checks: a document whose `apiVersion` is in the `cmf.confluent.io` group but
//! is not `cmf.confluent.io/v1` (e.g. `v1alpha1`), or whose `kind` is not a CMF kind.
//! Why: the CMF 2.x OpenAPI bodies carry `apiVersion: cmf.confluent.io/v1`; the alpha
//! version only survives for application events. A kind that is not a CMF kind cannot be
//! created at all (error); `v1alpha1` with a CMF kind is still accepted by CMF 2.x (its
//! OpenAPI does not restrict `apiVersion`, and published examples post it), so it is a
//! warning.
//! How to fix: write `apiVersion: cmf.confluent.io/v1` and a CMF kind (FlinkApplication,
//! ComputePool, Statement, KafkaCatalog, KafkaDatabase, Secret, EnvironmentSecretMapping…).

use crate::core::finding::Severity;
use crate::core::model::{CMF_API, Kind};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ApiVersion;

impl Rule for ApiVersion {
    fn id(&self) -> &'static str {
        "CMF-API-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "CMF REST payloads use apiVersion cmf.confluent.io/v1 and a CMF kind"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            let api = r.api_version();
            if !api.starts_with("cmf.confluent.io/") {
                continue;
            }
            if r.kind == Kind::Unknown {
                out.report(r, "/kind", format!("'{}' is not a CMF REST kind", r.kind_str()))
                    .hint("use one of Environment, FlinkApplication, ComputePool, Statement, KafkaCatalog, KafkaDatabase, Secret, EnvironmentSecretMapping");
            } else if api != CMF_API {
                out.report(
                    r,
                    "/apiVersion",
                    format!("apiVersion '{api}' is not the documented CMF REST API version"),
                )
                .severity(Severity::Warning)
                .hint("write apiVersion: cmf.confluent.io/v1");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_v1alpha1_and_unknown_kind() {
        let f = check(
            &ApiVersion,
            "apiVersion: cmf.confluent.io/v1alpha1\nkind: FlinkApplication\nmetadata: {name: app1}\n---\napiVersion: cmf.confluent.io/v1\nkind: FlinkDeployment\nmetadata: {name: app2}\n",
        );
        assert_eq!(
            pointers(&f),
            [("/apiVersion".into(), Severity::Warning), ("/kind".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(1));
        assert!(f[0].message.contains("v1alpha1"));
    }

    #[test]
    fn silent_on_v1() {
        let f = check(
            &ApiVersion,
            "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\n",
        );
        assert!(f.is_empty());
    }
}
