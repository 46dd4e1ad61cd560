//! CMF-CHG-003 — a compute pool cannot change on CMF < 2.3 while statements use it.
//!
//! What it checks: any change of a compute pool when the targeted CMF is older than 2.3
//! and statements use the pool.
//! Why: CMF before 2.3 has no compute-pool update (PUT came with 2.3): the pool must be
//! deleted and created again, and a pool in use cannot be deleted (409).
//! How to fix: stop and delete the statements, recreate the pool, recreate the statements
//! (from savepoints); or move to CMF ≥ 2.3.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct PoolNoUpdate;

impl ChangeRule for PoolNoUpdate {
    fn id(&self) -> &'static str {
        "CMF-CHG-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Compute pools cannot be updated before CMF 2.3 while statements use them"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::PoolWithoutUpdate { statements } = cx.cause() else { return None };
        Some(cx.finding(self, format!("CMF {} cannot update a compute pool, and cannot delete it while statements use it ({})", cx.targets.cmf, statements.join(", ")), "stop and delete the statements, recreate the pool, then recreate the statements from savepoints"))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{CMF_SQL, of_rule, review_of, review_with};
    use crate::core::targets::{Targets, Version};

    #[test]
    fn fires_before_cmf_2_3_only() {
        let old = Targets { cmf: Version::new(2, 2, 0), ..Targets::default() };
        let after = CMF_SQL.replace("memory: 2g", "memory: 4g");
        let r = review_with(CMF_SQL, &after, old);
        assert_eq!(of_rule(&r, "CMF-CHG-003").len(), 1, "{:?}", r.findings);
        assert!(of_rule(&review_of(CMF_SQL, &after), "CMF-CHG-003").is_empty());
    }
}
