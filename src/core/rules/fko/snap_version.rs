//! FKO-SNAP-010 — FlinkStateSnapshot needs FKO ≥ 1.10.
//!
//! What it checks: FlinkStateSnapshots in a design that targets an FKO older than 1.10.
//! Why: the CRD and its controller arrived in FKO 1.10 (FLINK-35265); older operators do
//! not know the kind.
//! How to fix: upgrade the operator, or use `savepointTriggerNonce` on the deployment.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SnapVersion;

impl Rule for SnapVersion {
    fn id(&self) -> &'static str {
        "FKO-SNAP-010"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "FlinkStateSnapshot needs FKO 1.10 or newer"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if cx.targets.fko.at_least(1, 10) {
            return;
        }
        for r in cx.subjects_of_kind(Kind::FlinkStateSnapshot) {
            out.report(
                r,
                "/kind",
                format!("FlinkStateSnapshot needs FKO ≥ 1.10 (declared {})", cx.targets.fko),
            )
            .hint("upgrade the operator or trigger savepoints through the deployment");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    #[test]
    fn fires_on_old_operators() {
        let y = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {name: s}\nspec: {checkpoint: {}}\n";
        let old = Targets { fko: Version::new(1, 9, 0), ..Targets::default() };
        assert_eq!(
            pointers(&check_with(&SnapVersion, y, old)),
            [("/kind".into(), Severity::Warning)]
        );
        assert!(check(&SnapVersion, y).is_empty());
    }
}
