//! CMF-CHG-008 — a statement moves to another compute pool.
//!
//! What it checks: `spec.computePoolName` of an existing statement changes.
//! Why: CMF does not document moving a statement between pools: expect a rejection, or a
//! new job on the other pool that does not carry the old state.
//! How to fix: stop the statement (savepoint) and create a new statement on the other pool
//! started from that savepoint.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct StatementPool;

impl ChangeRule for StatementPool {
    fn id(&self) -> &'static str {
        "CMF-CHG-008"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A statement moves to another compute pool"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::StatementPoolMoved { from, to } = cx.cause() else { return None };
        Some(cx.finding(self, format!("moving a statement from compute pool {from} to {to} is not documented by CMF"), "stop it with a savepoint and create a new statement on the other pool from that savepoint"))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{CMF_SQL, of_rule, review_of, review_with};

    #[test]
    fn fires_on_a_pool_move_only() {
        let moved = CMF_SQL.replace("computePoolName: pool", "computePoolName: other");
        let r = review_of(CMF_SQL, &moved);
        assert_eq!(of_rule(&r, "CMF-CHG-008").len(), 1, "{:?}", r.findings);
        let _ = review_with;
        assert!(
            of_rule(
                &review_of(CMF_SQL, &CMF_SQL.replace("parallelism: 1", "parallelism: 3")),
                "CMF-CHG-008"
            )
            .is_empty()
        );
    }
}
