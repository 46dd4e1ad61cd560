//! FKO-CHG-008 — a restart with `upgradeMode: stateless` drops the state of a job that
//! checkpoints.
//!
//! What it checks: the change restarts a running job (or resumes a suspended one) whose
//! upgrade mode is and was `stateless`, while the job checkpoints (an interval or a
//! checkpoint directory is configured).
//! Why: a stateless upgrade cancels the job and starts the new one from empty state; the
//! checkpoints are not used. A job that checkpoints usually has state worth keeping.
//! How to fix: take a savepoint and redeploy from it (`initialSavepointPath` and a new
//! `savepointRedeployNonce`), or switch to `upgradeMode: savepoint` first (no restart).

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct StatelessRestart;

impl ChangeRule for StatelessRestart {
    fn id(&self) -> &'static str {
        "FKO-CHG-008"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A stateless upgrade restarts a checkpointing job from empty state"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::StatelessRestartDropsState = cx.cause() else { return None };
        Some(cx.finding(
            self,
            "this change restarts the job with upgradeMode stateless: it starts from empty state although it checkpoints".into(),
            "take a savepoint and redeploy from it, or set upgradeMode: savepoint first (recorded without a restart)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{STATEFUL, deployment, of_rule, review_of};

    #[test]
    fn fires_on_a_stateless_restart_of_a_checkpointing_job() {
        let stateless = STATEFUL.replace("upgradeMode: savepoint", "upgradeMode: stateless");
        let before = deployment(&stateless);
        let r = review_of(&before, &deployment(&stateless.replace("flink:1.20", "flink:1.20.3")));
        assert_eq!(of_rule(&r, "FKO-CHG-008").len(), 1, "{:?}", r.findings);
        let no_checkpoints = stateless
            .replace("execution.checkpointing.dir: 's3://b/cp', ", "")
            .replace("execution.checkpointing.interval: 10s, ", "");
        let r = review_of(
            &deployment(&no_checkpoints),
            &deployment(&no_checkpoints.replace("flink:1.20", "flink:1.20.3")),
        );
        assert!(of_rule(&r, "FKO-CHG-008").is_empty(), "{:?}", r.findings);
        let ignored =
            stateless.replace("interval: 10s,", "interval: 10s, job.autoscaler.enabled: 'true',");
        let r = review_of(&before, &deployment(&ignored));
        assert!(of_rule(&r, "FKO-CHG-008").is_empty(), "no restart");
    }
}
