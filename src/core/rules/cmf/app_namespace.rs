//! CMF-APP-002 — `metadata.namespace` in a CMF REST payload is ignored.
//!
//! What it checks: a CMF REST payload (FlinkApplication, ComputePool, Statement, …) sets
//! `metadata.namespace`.
//! Why: CMF objects are not Kubernetes objects; the environment decides the namespace
//! (`kubernetesNamespace`), so the field only misleads the reader.
//! How to fix: remove `metadata.namespace`; set the namespace on the environment.

use crate::core::finding::Severity;
use crate::core::model::Form;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct AppNamespace;

impl Rule for AppNamespace {
    fn id(&self) -> &'static str {
        "CMF-APP-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "metadata.namespace is ignored in CMF REST payloads: the environment decides"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects().filter(|r| r.form == Form::CmfRest) {
            let Some(ns) = r.namespace() else { continue };
            let env_ns = cx.environment_of(r).and_then(|e| e.spec_str(&["kubernetesNamespace"]));
            let tail = match env_ns {
                Some(e) if e != ns => format!("; its environment runs it in '{e}'"),
                _ => String::new(),
            };
            out.report(
                r,
                "/metadata/namespace",
                format!("metadata.namespace '{ns}' is ignored by CMF{tail}"),
            )
            .hint("remove it; the environment's kubernetesNamespace decides where the job runs");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_and_names_the_environment_namespace() {
        let f = check(
            &AppNamespace,
            "name: dev-env\nkubernetesNamespace: team-a\n---\napiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: app1, namespace: flink}\n",
        );
        assert_eq!(pointers(&f), [("/metadata/namespace".into(), Severity::Warning)]);
        assert!(f[0].message.contains("team-a"));
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_on_cfk_crs() {
        let f = check(
            &AppNamespace,
            "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkApplication\nmetadata: {name: app1, namespace: operator}\n",
        );
        assert!(f.is_empty());
    }
}
