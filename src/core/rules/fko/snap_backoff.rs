//! FKO-SNAP-011 — `backoffLimit: -1` retries without limit only from FKO 1.16.
//!
//! What it checks: a FlinkStateSnapshot with `spec.backoffLimit: -1` while the design
//! targets an FKO release before 1.16 (`FkoFeature::UnlimitedSnapshotBackoff`).
//! Why: up to 1.15 the controller failed the snapshot once `failures > backoffLimit`,
//! which with −1 is true on the first error: the snapshot is FAILED without a single retry
//! (FLINK-39967, fixed in 1.16, where −1 means unlimited retries as documented). The
//! default is −1, so an unset limit behaves the same; only the explicit value states an
//! intent the operator does not honour.
//! How to fix: set a positive `backoffLimit` (e.g. 3), or upgrade the operator to 1.16.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::flink::version::FkoFeature;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SnapBackoff;

impl Rule for SnapBackoff {
    fn id(&self) -> &'static str {
        "FKO-SNAP-011"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "FlinkStateSnapshot backoffLimit -1 fails on the first error before FKO 1.16"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let feature = FkoFeature::UnlimitedSnapshotBackoff;
        if feature.in_release(cx.targets.fko) {
            return;
        }
        for r in cx.subjects_of_kind(Kind::FlinkStateSnapshot) {
            if r.spec_get(&["backoffLimit"]).and_then(Value::as_i64) != Some(-1) {
                continue;
            }
            out.report(
                r,
                &r.spec_field(&["backoffLimit"]),
                format!(
                    "backoffLimit -1 means unlimited retries only from FKO {}: FKO {} fails the snapshot on its first error",
                    feature.since().minor_text(),
                    cx.targets.fko
                ),
            )
            .hint("set a positive backoffLimit (e.g. 3), or upgrade the operator to 1.16");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    fn snap(limit: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {{name: s}}\n\
             spec:\n  backoffLimit: {limit}\n  savepoint: {{}}\n"
        )
    }

    #[test]
    fn fires_on_minus_one_before_1_16() {
        let old = Targets { fko: Version::new(1, 15, 0), ..Targets::default() };
        let f = check_with(&SnapBackoff, &snap("-1"), old);
        assert_eq!(pointers(&f), [("/spec/backoffLimit".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(5));
        assert!(f[0].message.ends_with("FKO 1.15.0 fails the snapshot on its first error"));
    }

    #[test]
    fn silent_on_1_16_and_on_positive_limits() {
        assert!(check(&SnapBackoff, &snap("-1")).is_empty(), "the default target is FKO 1.16");
        let old = Targets { fko: Version::new(1, 13, 0), ..Targets::default() };
        assert!(check_with(&SnapBackoff, &snap("3"), old).is_empty());
    }
}
