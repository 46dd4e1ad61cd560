//! CMF-CHG-009 — stopping or rescaling a statement keeps no state.
//!
//! What it checks: a statement stopped or rescaled whose upgrade mode keeps nothing:
//! `spec.upgradeMode: stateless` (CMF ≥ 2.4), CMF 2.4's default when the pool lacks a
//! checkpoint or savepoint directory, or a savepoint directory on storage that does not
//! survive.
//! Why: the statement comes back with empty state: it re-reads its sources from the
//! configured start offsets and loses aggregates, joins and deduplication state.
//! How to fix: give the pool checkpoint and savepoint directories on durable storage and
//! `upgradeMode: savepoint`, or accept a fresh start.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct StateDropped;

impl ChangeRule for StateDropped {
    fn id(&self) -> &'static str {
        "CMF-CHG-009"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A statement stop or rescale keeps no state"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::StatementStateDropped { operation, why } = cx.cause() else { return None };
        Some(cx.finding(self, format!("this {operation} keeps no state: {why}"), "give the compute pool checkpoint and savepoint directories on durable storage and use upgradeMode: savepoint"))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{CMF_SQL, of_rule, review_of, review_with};
    use crate::core::targets::{Targets, Version};

    #[test]
    fn fires_when_a_stop_keeps_nothing() {
        let stop = CMF_SQL.replace("parallelism: 1", "parallelism: 1, stopped: true");
        assert!(of_rule(&review_of(CMF_SQL, &stop), "CMF-CHG-009").is_empty());
        let cmf24 = Targets { cmf: Version::new(2, 4, 0), ..Targets::default() };
        let r = review_with(
            CMF_SQL,
            &stop.replace("stopped: true", "stopped: true, upgradeMode: stateless"),
            cmf24,
        );
        assert_eq!(of_rule(&r, "CMF-CHG-009").len(), 1, "{:?}", r.findings);
        assert_eq!(of_rule(&r, "CMF-CHG-009")[0].pointer, "/spec/stopped");
    }
}
