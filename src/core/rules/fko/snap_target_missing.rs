//! FKO-SNAP-003 — the snapshot target must exist in the snapshot's namespace.
//!
//! What it checks: a `spec.jobReference` naming no FlinkDeployment/FlinkSessionJob in the
//! snapshot's namespace, when the design models that namespace (or has a target of that
//! name elsewhere). The same reference is also checked as REF-SNAP-001.
//! Why: the operator fails the snapshot ("Target for snapshot … was not found").
//! How to fix: fix the name or kind, or create the snapshot in the job's namespace.

use crate::core::finding::Severity;
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
        use crate::core::graph::EdgeKind;
        for d in cx.graph().dangling.iter().filter(|d| d.reference.edge == EdgeKind::SnapshotTarget)
        {
            let Some(r) = cx.get(d.from) else { continue };
            let name = &d.reference.name;
            let elsewhere: Vec<&str> = cx
                .resources()
                .filter(|t| d.reference.targets.contains(&t.kind) && t.name() == name)
                .map(|t| t.namespace().unwrap_or("default"))
                .collect();
            if !d.scope_modelled && elsewhere.is_empty() {
                continue;
            }
            let ns = d.reference.namespace.as_deref().unwrap_or("default");
            let mut msg = format!("Target for snapshot {ns}/{name} was not found");
            if !elsewhere.is_empty() {
                msg.push_str(&format!(" (one of that name is in {})", elsewhere.join(", ")));
            }
            out.report(r, &d.reference.field, msg)
                .hint("fix jobReference.name/kind or the snapshot's namespace");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_when_the_job_is_elsewhere() {
        let y = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: app, namespace: a}\nspec: {}\n---\n\
                 apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {name: s, namespace: b}\nspec: {savepoint: {}, jobReference: {kind: FlinkDeployment, name: app}}\n";
        assert_eq!(
            pointers(&check(&SnapTargetMissing, y)),
            [("/spec/jobReference/name".into(), Severity::Error)]
        );
        assert!(check(&SnapTargetMissing, &y.replace("namespace: b", "namespace: a")).is_empty());
    }
}
