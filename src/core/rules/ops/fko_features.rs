//! OPS-FKO-005 — FKO features newer than the declared operator version.
//!
//! What it checks: nested maps in `spec.flinkConfiguration` of FKO CRs while the design
//! targets FKO < 1.13 (older CRDs only take string→string maps), and
//! `jobManager.resources` / `taskManager.resources` (Kubernetes ResourceRequirements)
//! while it targets FKO < 1.16, the release that added them (`FkoFeature::ResourceRequirements`).
//! (FlinkStateSnapshot and blue/green versions are FKO-SNAP-010 and BG-001.)
//! Why: the API server prunes or rejects unknown shapes; the setting silently vanishes.
//! How to fix: flatten the configuration to dotted keys; use `resource.cpu/memory` (or
//! upgrade the operator to 1.16).

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::flink::version::FkoFeature;
use crate::core::model::Form;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct FkoFeatures;

impl Rule for FkoFeatures {
    fn id(&self) -> &'static str {
        "OPS-FKO-005"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "FKO feature newer than the declared operator version"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let v = cx.targets.fko;
        let resources = FkoFeature::ResourceRequirements;
        let has_resources = resources.in_release(v);
        for r in cx.subjects().filter(|r| r.form == Form::FkoCr) {
            if !v.at_least(1, 13)
                && let Some(Value::Object(m)) = r.spec_get(&["flinkConfiguration"])
            {
                for (k, _) in m.iter().filter(|(_, v)| v.is_object()) {
                    out.report(r, &r.spec_field(&["flinkConfiguration", k]), format!("nested flinkConfiguration '{k}' needs FKO 1.13; the design targets FKO {v}"))
                        .hint("write dotted keys with string values (e.g. 'state.backend.type: rocksdb')");
                }
            }
            for part in ["jobManager", "taskManager"] {
                if !has_resources && r.spec_get(&[part, "resources"]).is_some() {
                    out.report(
                        r,
                        &r.spec_field(&[part, "resources"]),
                        format!(
                            "{part}.resources needs FKO {}; the design targets FKO {v}",
                            resources.since().minor_text()
                        ),
                    )
                    .severity(Severity::Warning)
                    .hint(format!(
                        "use {part}.resource.cpu / {part}.resource.memory, or upgrade the operator"
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const DEP: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d}\nspec:\n  flinkConfiguration:\n    state: {backend.type: rocksdb}\n";

    #[test]
    fn fires_on_nested_config_before_1_13() {
        let t = Targets { fko: Version::new(1, 12, 0), ..Targets::default() };
        let f = check_with(&FkoFeatures, DEP, t);
        assert_eq!(pointers(&f), [("/spec/flinkConfiguration/state".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_on_1_15() {
        let t = Targets { fko: Version::new(1, 15, 0), ..Targets::default() };
        assert!(check_with(&FkoFeatures, DEP, t).is_empty());
    }

    const RESOURCES: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d}\nspec:\n  jobManager:\n    resources: {requests: {memory: 2Gi}}\n";

    #[test]
    fn resources_need_fko_1_16() {
        let old = Targets { fko: Version::new(1, 15, 0), ..Targets::default() };
        let f = check_with(&FkoFeatures, RESOURCES, old);
        assert_eq!(pointers(&f), [("/spec/jobManager/resources".into(), Severity::Warning)]);
        assert_eq!(
            f[0].message,
            "jobManager.resources needs FKO 1.16; the design targets FKO 1.15.0"
        );
        assert_eq!(f[0].line, Some(6));
        assert!(check(&FkoFeatures, RESOURCES).is_empty(), "the default target is FKO 1.16");
    }
}
