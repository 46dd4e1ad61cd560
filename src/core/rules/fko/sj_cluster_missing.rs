//! FKO-SJ-004 — the session cluster must exist in the session job's namespace.
//!
//! What it checks: a FlinkSessionJob whose `deploymentName` names no FlinkDeployment of the
//! input in its own namespace, under the reference policy (`rules::missing`: a warning
//! naming what must exist, an error for complete designs); a deployment of that name in
//! another namespace is named as the likely mistake. (REF-SJ-001 of domain.md.)
//! Why: the operator looks the cluster up by name in the job's namespace only; the job
//! stays unsubmitted.
//! How to fix: create the session FlinkDeployment in the same namespace or fix the name.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::missing::{Missing, dangling, report_missing, scope_text};
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
        for (r, d) in dangling(cx, &[EdgeKind::SessionCluster]) {
            let name = &d.reference.name;
            let elsewhere: Vec<&str> = cx
                .named(Kind::FlinkDeployment, name)
                .map(|f| f.namespace().unwrap_or("default"))
                .collect();
            let hint = if elsewhere.is_empty() {
                "create the session FlinkDeployment in the job's namespace, or fix deploymentName / metadata.namespace".to_string()
            } else {
                format!(
                    "the input has a FlinkDeployment '{name}' in {}, but the operator looks the session cluster up in the job's namespace only: fix deploymentName or metadata.namespace",
                    elsewhere.join(", ")
                )
            };
            report_missing(
                cx,
                out,
                r,
                d,
                Missing {
                    what: "session cluster (FlinkDeployment)",
                    scope: &scope_text(&d.reference),
                    hint: &hint,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    #[test]
    fn fires_across_namespaces() {
        let f = check(
            &SjClusterMissing,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: c, namespace: flink}\nspec: {}\n---\napiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {name: j, namespace: jobs}\nspec: {deploymentName: c, job: {}}\n",
        );
        assert_eq!(pointers(&f), [("/spec/deploymentName".into(), Severity::Warning)]);
        assert!(f[0].message.contains("'c' in namespace 'jobs' is not in the input"));
        assert!(f[0].hint.contains("in flink"));
    }

    #[test]
    fn a_cluster_kept_elsewhere_must_exist() {
        let job = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {name: j}\nspec: {deploymentName: c, job: {}}\n";
        let f = check(&SjClusterMissing, job);
        assert_eq!(pointers(&f), [("/spec/deploymentName".into(), Severity::Warning)]);
        assert!(f[0].message.ends_with("it must already exist in the cluster"));
        let f = check_complete(&SjClusterMissing, job);
        assert_eq!(pointers(&f), [("/spec/deploymentName".into(), Severity::Error)]);
    }
}
