//! CMF-CHG-002 — a statement's SQL is immutable.
//!
//! What it checks: `spec.statement` of an existing Statement / FlinkStatement changes.
//! Why: CMF rejects the update; a statement's SQL is fixed once it is created (CFK docs).
//! How to fix: stop the statement (savepoint), create the new SQL as a new statement and
//! start it from that savepoint (update with `startFromSavepoint`), then delete the old one.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct Sql;

impl ChangeRule for Sql {
    fn id(&self) -> &'static str {
        "CMF-CHG-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A statement's SQL is immutable"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::StatementSqlChanged = cx.cause() else { return None };
        Some(cx.finding(
            self,
            "CMF rejects a change of a statement's SQL".into(),
            "create the new SQL as a new statement, started from a savepoint of this one",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{CMF_SQL, of_rule, review_of, review_with};

    #[test]
    fn fires_on_new_sql_only() {
        let r = review_of(CMF_SQL, &CMF_SQL.replace("SELECT * FROM b", "SELECT id FROM b"));
        assert_eq!(of_rule(&r, "CMF-CHG-002").len(), 1, "{:?}", r.findings);
        let _ = review_with;
        assert!(
            of_rule(
                &review_of(CMF_SQL, &CMF_SQL.replace("parallelism: 1", "parallelism: 2")),
                "CMF-CHG-002"
            )
            .is_empty()
        );
    }
}
