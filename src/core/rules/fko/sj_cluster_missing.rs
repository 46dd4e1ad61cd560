//! FKO-SJ-004 — the session cluster must exist in the session job's namespace.
//!
//! What it checks: a FlinkSessionJob whose `deploymentName` names no FlinkDeployment in its
//! own namespace, when the design models that namespace's deployments (or has a deployment
//! of that name in another namespace). The same reference is also checked as REF-SJ-001.
//! Why: the operator looks the cluster up by name in the job's namespace only; the job
//! stays unsubmitted.
//! How to fix: create the session FlinkDeployment in the same namespace or fix the name.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SjClusterMissing;

impl Rule for SjClusterMissing {
    fn id(&self) -> &'static str {
        "FKO-SJ-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Session cluster not found in the session job's namespace"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for d in cx.graph().dangling.iter().filter(|d| d.reference.edge == EdgeKind::SessionCluster)
        {
            let Some(r) = cx.get(d.from) else { continue };
            let name = &d.reference.name;
            let ns = d.reference.namespace.as_deref().unwrap_or("default");
            let elsewhere: Vec<&str> = cx
                .of_kind(Kind::FlinkDeployment)
                .filter(|f| f.name() == name)
                .map(|f| f.namespace().unwrap_or("default"))
                .collect();
            if !d.scope_modelled && elsewhere.is_empty() {
                continue;
            }
            let mut msg = format!("Session cluster '{name}' not found in namespace {ns}");
            if !elsewhere.is_empty() {
                msg.push_str(&format!(
                    " (a FlinkDeployment of that name is in {})",
                    elsewhere.join(", ")
                ));
            }
            out.report(r, &d.reference.field, msg)
                .hint("create the session FlinkDeployment in the same namespace, or fix deploymentName / metadata.namespace");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_across_namespaces() {
        let f = check(
            &SjClusterMissing,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: c, namespace: flink}\nspec: {}\n---\napiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {name: j, namespace: jobs}\nspec: {deploymentName: c, job: {}}\n",
        );
        assert_eq!(pointers(&f), [("/spec/deploymentName".into(), Severity::Error)]);
        assert!(f[0].message.contains("in flink"));
    }

    #[test]
    fn silent_when_the_namespace_is_not_modelled() {
        let f = check(
            &SjClusterMissing,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {name: j}\nspec: {deploymentName: c, job: {}}\n",
        );
        assert!(f.is_empty());
    }
}
