//! FKO-SJ-003 — session jobs need a session cluster.
//!
//! What it checks: a FlinkSessionJob whose `deploymentName` names a FlinkDeployment that
//! has `spec.job` (an application cluster).
//! Why: the operator's validator rejects it ("Cannot submit a session job to an
//! application cluster").
//! How to fix: point `deploymentName` at a FlinkDeployment without `spec.job`.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SjApplicationCluster;

impl Rule for SjApplicationCluster {
    fn id(&self) -> &'static str {
        "FKO-SJ-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Cannot submit a session job to an application cluster"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::FlinkSessionJob) {
            for d in cx.targets_of(r, EdgeKind::SessionCluster) {
                if d.spec_get(&["job"]).is_some_and(|j| !j.is_null()) {
                    out.report(
                        r,
                        &r.spec_field(&["deploymentName"]),
                        format!("'{}' is an application cluster (it has spec.job)", d.name()),
                    )
                    .hint("target a session FlinkDeployment (one without spec.job)");
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
    fn fires_on_application_clusters() {
        let y = |d: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: c}}\nspec: {d}\n---\napiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {{name: j}}\nspec: {{deploymentName: c, job: {{}}}}\n"
            )
        };
        let f = check(&SjApplicationCluster, &y("{job: {jarURI: 'local:///a.jar'}}"));
        assert_eq!(pointers(&f), [("/spec/deploymentName".into(), Severity::Error)]);
        assert!(check(&SjApplicationCluster, &y("{image: flink}")).is_empty());
    }
}
