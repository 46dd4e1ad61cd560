//! CMF-CHG-010 — a running stateful CMF application or statement is removed.
//!
//! What it checks: an application or statement of the baseline that the new design no
//! longer has, while it runs with checkpoints or a stateful upgrade mode.
//! Why: deleting it (`fstudio apply --delete-missing`, `confluent flink … delete`) cancels
//! its job; its savepoints are deleted with it unless detached.
//! How to fix: take a savepoint and detach it (`confluent flink savepoint detach`) before
//! deleting.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct Deleted;

impl ChangeRule for Deleted {
    fn id(&self) -> &'static str {
        "CMF-CHG-010"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Removing a running stateful CMF application or statement deletes its state"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::RunningJobDeleted { cmf: true } = cx.cause() else { return None };
        Some(cx.finding(
            self,
            "removing this running job deletes its state with it".into(),
            "take a savepoint and detach it before deleting",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{CMF_SQL, of_rule, review_of};

    #[test]
    fn fires_for_a_running_statement_only() {
        let without = CMF_SQL.split("\n---\n").take(2).collect::<Vec<_>>().join("\n---\n");
        let r = review_of(CMF_SQL, &without);
        assert_eq!(of_rule(&r, "CMF-CHG-010").len(), 1, "{:?}", r.findings);
        let stopped = CMF_SQL.replace("parallelism: 1", "parallelism: 1, stopped: true");
        assert!(of_rule(&review_of(&stopped, &without), "CMF-CHG-010").is_empty());
    }
}
