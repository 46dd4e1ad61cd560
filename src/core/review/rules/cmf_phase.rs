//! CMF-CHG-005 — stop, resume and rescale are allowed only in some statement phases.
//!
//! What it checks: from the baseline's `status.phase`: a stop outside PENDING, RUNNING,
//! FAILING; a resume outside STOPPED; a rescale outside PENDING, RUNNING, STOPPED, FAILING.
//! Why: CMF rejects the operation in other phases (manage-statements docs).
//! How to fix: wait for a phase that allows it, or recreate the statement.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct Phase;

impl ChangeRule for Phase {
    fn id(&self) -> &'static str {
        "CMF-CHG-005"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A statement operation not allowed in the statement's phase"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::PhaseForbids { operation, phase } = cx.cause() else { return None };
        Some(cx.finding(
            self,
            format!("CMF does not allow a {operation} in phase {phase}"),
            "wait for a phase that allows it, or recreate the statement",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{CMF_SQL, of_rule, review_of, review_with};

    #[test]
    fn fires_from_the_status_phase() {
        let phase = |p: &str| {
            CMF_SQL
                .replace("parallelism: 1}}", &format!("parallelism: 1}}, status: {{phase: {p}}}}}"))
        };
        let stop = CMF_SQL.replace("parallelism: 1", "parallelism: 1, stopped: true");
        let r = review_of(&phase("COMPLETED"), &stop);
        assert_eq!(of_rule(&r, "CMF-CHG-005").len(), 1, "{:?}", r.findings);
        assert!(of_rule(&review_of(&phase("RUNNING"), &stop), "CMF-CHG-005").is_empty());
        let _ = review_with;
        assert!(
            of_rule(&review_of(CMF_SQL, &stop), "CMF-CHG-005").is_empty(),
            "no status, no judgement"
        );
    }
}
