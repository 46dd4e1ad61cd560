//! FKO-CHG-010 — state carried across a Flink major version (1.x → 2.x).
//!
//! What it checks: a stateful upgrade whose `flinkVersion` changes its major version.
//! Why: Flink 2.0 upgraded Kryo (2 → 5) and serializes Java collections in POJOs
//! differently: operator state serialized that way in 1.x does not restore in 2.x, and the
//! job fails after the old one was stopped. Other state (Avro, Flink types, SQL) restores.
//! How to fix: check the job's serializers; restore a copy from a savepoint on the new
//! version in staging first; keep the savepoint to go back.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct MajorVersion;

impl ChangeRule for MajorVersion {
    fn id(&self) -> &'static str {
        "FKO-CHG-010"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "State carried across a Flink major version may not restore"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::MajorVersionCrossing { from, to } = cx.cause() else { return None };
        Some(cx.finding(
            self,
            format!("flinkVersion {from} → {to} carries state across a major version: Kryo-serialized state and POJOs with collections do not restore"),
            "restore a copy from a savepoint on the new version in staging first, and keep that savepoint to roll back",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{STATEFUL, deployment, of_rule, review_of};

    #[test]
    fn fires_across_a_major_version_only() {
        let before = deployment(STATEFUL);
        let two = deployment(&STATEFUL.replace("v1_20", "v2_0").replace("flink:1.20", "flink:2.0"));
        let r = review_of(&before, &two);
        assert_eq!(of_rule(&r, "FKO-CHG-010").len(), 1, "{:?}", r.findings);
        assert_eq!(of_rule(&r, "FKO-CHG-010")[0].pointer, "/spec/flinkVersion");
        let minor =
            deployment(&STATEFUL.replace("v1_20", "v1_19").replace("flink:1.20", "flink:1.19"));
        assert!(of_rule(&review_of(&before, &minor), "FKO-CHG-010").is_empty());
    }
}
