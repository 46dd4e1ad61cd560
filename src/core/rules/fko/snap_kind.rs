//! FKO-SNAP-001 — a snapshot is a savepoint or a checkpoint.
//!
//! What it checks: FlinkStateSnapshots with neither or both of `spec.savepoint` and `spec.checkpoint`.
//! Why: the operator's validator rejects them.
//! How to fix: keep exactly one (`checkpoint: {}` for a checkpoint).

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SnapKind;

impl Rule for SnapKind {
    fn id(&self) -> &'static str {
        "FKO-SNAP-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Exactly one of spec.savepoint or spec.checkpoint must be set"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::FlinkStateSnapshot) {
            let sp = r.spec_get(&["savepoint"]).is_some_and(|v| !v.is_null());
            let cp = r.spec_get(&["checkpoint"]).is_some_and(|v| !v.is_null());
            if sp == cp {
                let (at, what) = if sp {
                    (r.spec_field(&["checkpoint"]), "both are set")
                } else {
                    (r.spec_pointer().to_string(), "neither is set")
                };
                out.report(
                    r,
                    &at,
                    format!("Exactly one of checkpoint or savepoint must be set ({what})"),
                )
                .hint("keep either spec.savepoint or spec.checkpoint");
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
    fn fires_on_none_or_both() {
        assert_eq!(
            pointers(&check(
                &SnapKind,
                &format!("{SNAP}spec: {{savepoint: {{}}, checkpoint: {{}}}}\n")
            )),
            [("/spec/checkpoint".into(), Severity::Error)]
        );
        assert_eq!(
            pointers(&check(&SnapKind, &format!("{SNAP}spec: {{backoffLimit: 1}}\n"))),
            [("/spec".into(), Severity::Error)]
        );
        assert!(check(&SnapKind, &format!("{SNAP}spec: {{checkpoint: {{}}}}\n")).is_empty());
    }
}
