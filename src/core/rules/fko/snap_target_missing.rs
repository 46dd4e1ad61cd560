//! FKO-SNAP-003 — the snapshot target must exist in the snapshot's namespace.
//!
//! What it checks: a `spec.jobReference` naming no FlinkDeployment/FlinkSessionJob of the
//! input in the snapshot's namespace, under the reference policy (`rules::missing`); a
//! target of that name in another namespace is named as the likely mistake.
//! (REF-SNAP-001 of domain.md.)
//! Why: the operator fails the snapshot ("Target for snapshot … was not found").
//! How to fix: fix the name or kind, or create the snapshot in the job's namespace.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::missing::{Missing, dangling, report_missing, scope_text};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SnapTargetMissing;

impl Rule for SnapTargetMissing {
    fn id(&self) -> &'static str {
        "FKO-SNAP-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Snapshot target not found in the snapshot's namespace"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for (r, d) in dangling(cx, &[EdgeKind::SnapshotTarget]) {
            let name = &d.reference.name;
            let elsewhere: Vec<&str> = cx
                .resources()
                .filter(|t| d.reference.targets.contains(&t.kind) && t.name() == name)
                .map(|t| t.namespace().unwrap_or("default"))
                .collect();
            let hint = if elsewhere.is_empty() {
                "fix jobReference.name/kind or the snapshot's namespace: the operator fails the snapshot (\"Target for snapshot … was not found\")".to_string()
            } else {
                format!(
                    "the input has one of that name in {}, but the operator looks the target up in the snapshot's namespace only",
                    elsewhere.join(", ")
                )
            };
            let what = match d.reference.targets {
                [Kind::FlinkSessionJob] => "snapshot target (FlinkSessionJob)",
                _ => "snapshot target (FlinkDeployment)",
            };
            report_missing(
                cx,
                out,
                r,
                d,
                Missing { what, scope: &scope_text(&d.reference), hint: &hint },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    #[test]
    fn fires_when_the_job_is_elsewhere() {
        let y = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: app, namespace: a}\nspec: {}\n---\n\
                 apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {name: s, namespace: b}\nspec: {savepoint: {}, jobReference: {kind: FlinkDeployment, name: app}}\n";
        let f = check(&SnapTargetMissing, y);
        assert_eq!(pointers(&f), [("/spec/jobReference/name".into(), Severity::Warning)]);
        assert!(f[0].hint.contains("in a,"), "{}", f[0].hint);
        assert_eq!(
            pointers(&check_complete(&SnapTargetMissing, y)),
            [("/spec/jobReference/name".into(), Severity::Error)]
        );
        assert!(check(&SnapTargetMissing, &y.replace("namespace: b", "namespace: a")).is_empty());
    }
}
