//! CMF-CHG-004 — a compute pool update while statements run on it.
//!
//! What it checks: a compute pool change (CMF ≥ 2.3) while statements that use the pool
//! run (the baseline's status says so, or their spec is not stopped).
//! Why: CMF answers 409 ("Compute Pool cannot be updated (e.g., statements running)").
//! An error when the baseline's status confirms the statements run; a warning when that
//! is only assumed from their spec.
//! How to fix: stop the statements (each takes a savepoint), update the pool, resume them.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct PoolRunning;

impl ChangeRule for PoolRunning {
    fn id(&self) -> &'static str {
        "CMF-CHG-004"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A compute pool update while statements run on it gets 409"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::PoolUpdateWhileRunning { statements, confirmed } = cx.cause() else {
            return None;
        };
        let mut f = cx.finding(
            self,
            format!(
                "CMF answers 409 to this compute-pool update while statements run on it ({})",
                statements.join(", ")
            ),
            "stop the statements, update the pool, then resume them",
        );
        if *confirmed {
            f.severity(Severity::Error);
        }
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use crate::core::finding::Severity;
    use crate::core::review::rules::testing::{CMF_SQL, of_rule, review_of, review_with};

    #[test]
    fn fires_while_statements_run() {
        let after = CMF_SQL.replace("memory: 2g", "memory: 4g");
        let r = review_of(CMF_SQL, &after);
        assert_eq!(of_rule(&r, "CMF-CHG-004")[0].severity, Severity::Warning, "{:?}", r.findings);
        let live =
            CMF_SQL.replace("parallelism: 1}}", "parallelism: 1}, status: {phase: RUNNING}}");
        assert_eq!(of_rule(&review_of(&live, &after), "CMF-CHG-004")[0].severity, Severity::Error);
        let stopped = |t: &str| t.replace("parallelism: 1", "parallelism: 1, stopped: true");
        let _ = review_with;
        assert!(of_rule(&review_of(&stopped(CMF_SQL), &stopped(&after)), "CMF-CHG-004").is_empty());
    }
}
