//! FKO-RES-005 — `resource` is ignored when `resources` is set.
//!
//! What it checks: a JobManager or TaskManager with both the `resource` shorthand and
//! Kubernetes `resources` requirements.
//! Why: the operator (1.16+) takes cpu and memory from `resources` and ignores `resource`,
//! so edits to `resource` silently have no effect.
//! How to fix: keep one of the two.

use crate::core::finding::Severity;
use crate::core::flink::version::FkoFeature;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ResBoth;

impl Rule for ResBoth {
    fn id(&self) -> &'static str {
        "FKO-RES-005"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "resource is ignored because resources is set"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        // Older CRDs have no `resources` (OPS-FKO-005): the validator never sees it.
        if !FkoFeature::ResourceRequirements.in_release(cx.targets.fko) {
            return;
        }
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            for c in ["jobManager", "taskManager"] {
                if s.get(&[c, "resource"]).is_some() && s.get(&[c, "resources"]).is_some() {
                    out.report(
                        s.owner,
                        &s.field(&[c, "resource"]),
                        format!("{c}.resource is ignored because {c}.resources is set"),
                    )
                    .hint("keep either resource or resources");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_when_both_are_set() {
        let fd = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  jobManager: {resource: {cpu: 1}, resources: {requests: {cpu: 1}}}\n  taskManager: {resource: {cpu: 1}}\n";
        let f = check(&ResBoth, fd);
        assert_eq!(pointers(&f), [("/spec/jobManager/resource".into(), Severity::Info)]);
        let fko_1_15 = crate::core::targets::Targets {
            fko: crate::core::targets::Version::new(1, 15, 0),
            ..Default::default()
        };
        let old = crate::core::rules::testing::check_with(&ResBoth, fd, fko_1_15);
        assert!(old.is_empty(), "FKO 1.15 ignores resources (OPS-FKO-005 says so)");
    }
}
