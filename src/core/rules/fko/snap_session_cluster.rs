//! FKO-SNAP-006 — nothing to snapshot on a session cluster.
//!
//! What it checks: a FlinkStateSnapshot whose target is a FlinkDeployment without
//! `spec.job` (a session cluster).
//! Why: snapshots are taken of a job; a session cluster has none of its own (snapshot its
//! FlinkSessionJobs instead).
//! How to fix: reference the FlinkSessionJob (`kind: FlinkSessionJob`).

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SnapSessionCluster;

impl Rule for SnapSessionCluster {
    fn id(&self) -> &'static str {
        "FKO-SNAP-006"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Snapshot of a session cluster (it has no job)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        use crate::core::graph::EdgeKind;
        for r in cx.subjects_of_kind(Kind::FlinkStateSnapshot) {
            for t in cx.targets_of(r, EdgeKind::SnapshotTarget) {
                if t.kind == Kind::FlinkDeployment
                    && t.spec_get(&["job"]).is_none_or(|j| j.is_null())
                {
                    out.report(
                        r,
                        &r.spec_field(&["jobReference", "name"]),
                        format!("'{}' is a session cluster: nothing to snapshot", t.name()),
                    )
                    .hint("reference one of its FlinkSessionJobs (kind: FlinkSessionJob)");
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
    fn fires_on_session_clusters() {
        let y = |s: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: c}}\nspec: {s}\n---\napiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {{name: s}}\nspec: {{checkpoint: {{}}, jobReference: {{kind: FlinkDeployment, name: c}}}}\n"
            )
        };
        assert_eq!(
            pointers(&check(&SnapSessionCluster, &y("{}"))),
            [("/spec/jobReference/name".into(), Severity::Warning)]
        );
        assert!(check(&SnapSessionCluster, &y("{job: {jarURI: 'local:///a.jar'}}")).is_empty());
    }
}
