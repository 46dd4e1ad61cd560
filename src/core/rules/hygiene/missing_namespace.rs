//! EXP-004 — namespaced objects without `metadata.namespace`.
//!
//! What it checks: Kubernetes objects of namespaced kinds (ServiceAccount, Secret,
//! ConfigMap, PVC, Role, RoleBinding), FKO CRs and CFK CRs without `metadata.namespace`.
//! Why: kubectl puts them in the current context's namespace, which differs between
//! people and CI; references between them (service accounts, session clusters,
//! CMFRestClass) then break.
//! How to fix: set `metadata.namespace` explicitly.

use crate::core::finding::Severity;
use crate::core::model::Form;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct MissingNamespace;

impl Rule for MissingNamespace {
    fn id(&self) -> &'static str {
        "EXP-004"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Namespaced object without metadata.namespace lands in kubectl's current namespace"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            let namespaced = match r.form {
                Form::FkoCr | Form::CfkCr => true,
                Form::Kubernetes => !r.kind.is_cluster_scoped(),
                _ => false,
            };
            if namespaced && r.namespace().is_none() {
                out.report(r, "/metadata", format!("{} '{}' has no metadata.namespace", r.kind_str(), r.name()))
                    .hint("set metadata.namespace explicitly; kubectl would use the current context's namespace");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_namespace() {
        let f = check(
            &MissingNamespace,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata:\n  name: j\n",
        );
        assert_eq!(pointers(&f), [("/metadata".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(4));
    }

    #[test]
    fn silent_on_cluster_scoped_and_cmf_objects() {
        let f = check(
            &MissingNamespace,
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: p}\n",
        );
        assert!(f.is_empty());
    }
}
