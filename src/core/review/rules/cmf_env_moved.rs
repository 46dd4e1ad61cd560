//! CMF-CHG-007 — an environment's `kubernetesNamespace` or `kubernetesClusterName` changes.
//!
//! What it checks: either field of an existing environment changes.
//! Why: CMF 2.4 documents both as immutable after creation and answers 400 (error from
//! CMF 2.4 on); before, the docs are silent and the applications, pools and statements of
//! the environment may be orphaned in the old namespace (warning).
//! How to fix: create a new environment and move the applications and statements to it
//! (from savepoints).

use super::{ChangeCx, ChangeRule};
use crate::core::finding::{Finding, Severity};
use crate::core::flink::version::CmfFeature;
use crate::core::review::verdict::Cause;

/// See the module documentation.
pub struct EnvMoved;

impl ChangeRule for EnvMoved {
    fn id(&self) -> &'static str {
        "CMF-CHG-007"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "An environment's kubernetesNamespace or kubernetesClusterName changes"
    }
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding> {
        let Cause::EnvironmentMoved { field } = cx.cause() else { return None };
        let immutable = CmfFeature::ImmutableEnvironmentPlacement.in_release(cx.targets.cmf);
        let mut f = if immutable {
            cx.finding(self, format!("CMF {} rejects the update: an environment's {field} cannot be changed after creation", cx.targets.cmf), "create a new environment and move the applications and statements to it")
        } else {
            cx.finding(self, format!("changing an environment's {field} is not documented before CMF 2.4 (immutable from 2.4): its Flink resources may be orphaned"), "create a new environment and move the applications and statements to it")
        };
        if immutable {
            f.severity(Severity::Error);
        }
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use crate::core::finding::Severity;
    use crate::core::review::rules::testing::{CMF_SQL, of_rule, review_of, review_with};
    use crate::core::targets::{Targets, Version};

    #[test]
    fn error_from_cmf_2_4_warning_before() {
        let moved = CMF_SQL.replace("kubernetesNamespace: apps", "kubernetesNamespace: apps2");
        let old = Targets { cmf: Version::new(2, 3, 1), ..Targets::default() };
        let r = review_with(CMF_SQL, &moved, old);
        assert_eq!(of_rule(&r, "CMF-CHG-007")[0].severity, Severity::Warning, "{:?}", r.findings);
        let new = Targets { cmf: Version::new(2, 4, 0), ..Targets::default() };
        assert_eq!(
            of_rule(&review_with(CMF_SQL, &moved, new), "CMF-CHG-007")[0].severity,
            Severity::Error
        );
        let defaults = CMF_SQL.replace("kubernetesNamespace: apps", "kubernetesNamespace: apps, statementDefaults: {detached: {flinkConfiguration: {a: b}}}");
        assert!(of_rule(&review_of(CMF_SQL, &defaults), "CMF-CHG-007").is_empty());
    }
}
