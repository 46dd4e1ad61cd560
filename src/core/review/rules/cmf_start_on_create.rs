//! CMF-CHG-006 — `startFromSavepoint` on a statement being created.
//!
//! What it checks: a statement the baseline does not have, with `spec.startFromSavepoint`.
//! Why: CMF honours `startFromSavepoint` only when a statement is updated (OpenAPI: "Works
//! only with update Statement"); the new statement starts from empty state. A warning:
//! the OpenAPI does not say the create is rejected.
//! How to fix: create the statement with `stopped: true`, then update it with
//! `startFromSavepoint` and `stopped: false`.

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct StartOnCreate;

impl ChangeRule for StartOnCreate {
    fn id(&self) -> &'static str {
        "CMF-CHG-006"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "startFromSavepoint on a new statement is not honoured"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::StartFromSavepointOnCreate = cx.cause() else { return None };
        Some(cx.finding(self, "startFromSavepoint works only when a statement is updated: this new statement starts from empty state".into(), "create it with stopped: true, then update it with startFromSavepoint and stopped: false"))
    }
}

#[cfg(test)]
mod tests {
    use crate::core::review::rules::testing::{CMF_SQL, of_rule, review_of, review_with};

    #[test]
    fn fires_on_create_only() {
        let with = CMF_SQL.replace(
            "parallelism: 1",
            "parallelism: 1, startFromSavepoint: {initialSavepointPath: 's3://b/sp/1'}",
        );
        let base = CMF_SQL.split("\n---\n").take(2).collect::<Vec<_>>().join("\n---\n");
        let r = review_of(&base, &with);
        assert_eq!(of_rule(&r, "CMF-CHG-006").len(), 1, "{:?}", r.findings);
        let _ = review_with;
        assert!(
            of_rule(&review_of(CMF_SQL, &with), "CMF-CHG-006").is_empty(),
            "an update honours it"
        );
    }
}
