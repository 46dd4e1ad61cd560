//! FKO-SNAP-002 — a snapshot needs a job reference.
//!
//! What it checks: FlinkStateSnapshots without `spec.jobReference` (or its `name`), unless
//! they describe an existing savepoint (`savepoint.alreadyExists: true`).
//! Why: the operator's validator rejects them ("Job reference must be supplied").
//! How to fix: set `jobReference: {kind: FlinkDeployment, name: …}`.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SnapJobReference;

impl Rule for SnapJobReference {
    fn id(&self) -> &'static str {
        "FKO-SNAP-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A snapshot needs spec.jobReference (unless the savepoint already exists)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::FlinkStateSnapshot) {
            let exists =
                r.spec_get(&["savepoint", "alreadyExists"]).and_then(|v| v.as_bool()) == Some(true);
            if !exists && r.spec_str(&["jobReference", "name"]).is_none_or(|n| n.trim().is_empty())
            {
                out.report(r, &r.spec_field(&["jobReference"]), "Job reference must be supplied")
                    .hint("set jobReference: {kind: FlinkDeployment, name: <deployment>}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};
    const SNAP: &str =
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {name: s}\n";

    #[test]
    fn fires_without_reference() {
        assert_eq!(
            pointers(&check(&SnapJobReference, &format!("{SNAP}spec: {{savepoint: {{}}}}\n"))),
            [("/spec/jobReference".into(), Severity::Error)]
        );
        assert!(
            check(
                &SnapJobReference,
                &format!("{SNAP}spec: {{savepoint: {{alreadyExists: true, path: x}}}}\n")
            )
            .is_empty()
        );
    }
}
