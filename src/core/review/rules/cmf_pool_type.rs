//! CMF-CHG-001 — a compute pool's `type` is immutable.
//!
//! What it checks: `spec.type` of a ComputePool / FlinkComputePool changes
//! (DEDICATED ↔ SHARED).
//! Why: CMF rejects the update (CFK documents the field as immutable).
//! How to fix: create a pool of the new type under another name and move the statements
//! to it (each recreated from a savepoint).

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct PoolType;

impl ChangeRule for PoolType {
    fn id(&self) -> &'static str {
        "CMF-CHG-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A compute pool's type is immutable"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::PoolTypeChanged = cx.cause() else { return None };
        Some(cx.finding(
            self,
            "CMF rejects a change of a compute pool's type".into(),
            "create a pool of the new type under a new name and recreate its statements there",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{CMF_SQL, of_rule, review_of, review_with};

    #[test]
    fn fires_on_a_type_change_only() {
        let r = review_of(CMF_SQL, &CMF_SQL.replace("type: DEDICATED", "type: SHARED"));
        assert_eq!(of_rule(&r, "CMF-CHG-001").len(), 1, "{:?}", r.findings);
        assert_eq!(of_rule(&r, "CMF-CHG-001")[0].pointer, "/spec/type");
        let _ = review_with;
        assert!(
            of_rule(
                &review_of(CMF_SQL, &CMF_SQL.replace("memory: 2g", "memory: 4g")),
                "CMF-CHG-001"
            )
            .is_empty()
        );
    }
}
