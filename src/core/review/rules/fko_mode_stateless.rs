//! FKO-CHG-006 — `upgradeMode` switched to `stateless` on a stateful job.
//!
//! What it checks: `job.upgradeMode` goes from `savepoint` or `last-state` to `stateless`.
//! Why: the operator suspends and restores by the **new** upgrade mode: the upgrade that
//! comes with this change (or the next one, if the change alone restarts nothing) starts
//! the job from empty state.
//! How to fix: apply the other changes with the old upgrade mode first, then switch the
//! mode alone (the operator records it without a restart); or keep the stateful mode.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct ModeStateless;

impl ChangeRule for ModeStateless {
    fn id(&self) -> &'static str {
        "FKO-CHG-006"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "upgradeMode changed from savepoint/last-state to stateless on a stateful job"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::ModeToStateless { from, restarts_now } = cx.cause() else { return None };
        let when = if *restarts_now {
            "this change restarts the job"
        } else {
            "the next upgrade restarts the job"
        };
        Some(cx.finding(
            self,
            format!("upgradeMode {from} → stateless: {when} from empty state, dropping the state {from} would have carried"),
            "apply the other changes with the old upgrade mode first, then change the mode alone",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{STATEFUL, deployment, of_rule, review_of};

    #[test]
    fn fires_when_the_mode_drops_state() {
        let before = deployment(STATEFUL);
        let alone =
            deployment(&STATEFUL.replace("upgradeMode: savepoint", "upgradeMode: stateless"));
        let r = review_of(&before, &alone);
        let f = of_rule(&r, "FKO-CHG-006");
        assert_eq!(f.len(), 1, "{:?}", r.findings);
        assert!(f[0].message.contains("the next upgrade"), "{}", f[0].message);
        let with_image = deployment(
            &STATEFUL
                .replace("upgradeMode: savepoint", "upgradeMode: stateless")
                .replace("flink:1.20", "flink:1.20.3"),
        );
        let f = review_of(&before, &with_image);
        assert!(of_rule(&f, "FKO-CHG-006")[0].message.contains("this change restarts"));
        let last_state =
            deployment(&STATEFUL.replace("upgradeMode: savepoint", "upgradeMode: last-state"));
        assert!(of_rule(&review_of(&before, &last_state), "FKO-CHG-006").is_empty());
    }
}
