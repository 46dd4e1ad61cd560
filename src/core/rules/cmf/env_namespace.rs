//! CMF-ENV-001 — an environment names its Kubernetes namespace.
//!
//! What it checks: a CMF environment (REST body or CFK `FlinkEnvironment`) has
//! `kubernetesNamespace` (and, as a REST body, a name).
//! Why: both are required by the OpenAPI `Environment` schema; CMF answers 400 without
//! them, and every application, pool and statement of the environment runs there.
//! How to fix: add `kubernetesNamespace: <namespace>` (the namespace must exist).

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct EnvNamespace;

impl Rule for EnvNamespace {
    fn id(&self) -> &'static str {
        "CMF-ENV-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A CMF environment needs a name and a kubernetesNamespace"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Environment) {
            if r.spec_str(&["kubernetesNamespace"]).is_none_or(|n| n.trim().is_empty()) {
                out.report(
                    r,
                    r.spec_pointer(),
                    format!("environment '{}' has no kubernetesNamespace", r.name()),
                )
                .hint("add kubernetesNamespace: the namespace where its Flink clusters run");
            }
            if r.name().is_empty() {
                out.report(r, "", "the environment has no name")
                    .hint("add name (or metadata.name on CMF 2.3+)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_a_cfk_environment_without_namespace() {
        let f = check(
            &EnvNamespace,
            "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkEnvironment\nmetadata: {name: env1}\nspec:\n  flinkApplicationDefaults: {}\n",
        );
        assert_eq!(pointers(&f), [("/spec".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_on_a_complete_rest_body() {
        assert!(
            check(&EnvNamespace, "{\"name\": \"dev-env\", \"kubernetesNamespace\": \"flink\"}")
                .is_empty()
        );
    }
}
