//! CMF-VER-002 — CMF 2.4 features against an older CMF.
//!
//! What it checks: artifacts and `cmf://` URIs, savepoint schedules, a statement's
//! `upgradeMode` and the service-account allowlist (`core::cmf_features`, releases from
//! `CMF_FEATURES` in the version table) when the design targets a CMF release before the
//! one that introduced them.
//! Why: an older CMF has no artifact endpoints (404) and cannot resolve `cmf://`, and its
//! API does not know the new fields; the job fails to deploy or the field is dropped.
//! How to fix: target (and run) CMF 2.4 or newer, or remove the feature.

use crate::core::cmf_features::feature_uses;
use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct VersionFeatures24;

impl Rule for VersionFeatures24 {
    fn id(&self) -> &'static str {
        "CMF-VER-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Artifacts, savepoint schedules, statement upgradeMode and the allowlist need CMF 2.4"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let target = cx.targets.cmf;
        for r in cx.subjects() {
            for u in feature_uses(r) {
                if u.feature.in_release(target) {
                    continue;
                }
                out.report(
                    r,
                    &u.pointer,
                    format!(
                        "{}: needs CMF {}, the design targets CMF {target}",
                        u.feature.label(),
                        u.feature.since().minor_text()
                    ),
                )
                .hint("target CMF 2.4 or newer (CmfService node or --cmf-version), or remove it");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const DESIGN: &str = "name: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: Artifact\nmetadata: {name: job.jar}\nspec: {}\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: st}\nspec:\n  computePoolName: pool\n  statement: INSERT INTO a SELECT * FROM b\n  upgradeMode: savepoint\n  savepointSchedule: {cronExpression: '0 0 * * * *'}\n";

    #[test]
    fn fires_naming_each_feature_on_2_3() {
        let t = Targets { cmf: Version::new(2, 3, 1), ..Targets::default() };
        let f = check_with(&VersionFeatures24, DESIGN, t);
        assert_eq!(
            pointers(&f),
            [
                ("/kind".into(), Severity::Error),
                ("/spec/savepointSchedule".into(), Severity::Error),
                ("/spec/upgradeMode".into(), Severity::Error),
            ]
        );
        assert!(
            f[0].message
                .contains("artifacts (cmf:// URIs): needs CMF 2.4, the design targets CMF 2.3.1"),
            "{}",
            f[0].message
        );
        assert!(f[2].message.contains("statement upgradeMode: needs CMF 2.4"), "{}", f[2].message);
    }

    #[test]
    fn silent_on_2_4_and_later() {
        assert!(check(&VersionFeatures24, DESIGN).is_empty());
        let t = Targets { cmf: Version::new(2, 4, 0), ..Targets::default() };
        assert!(check_with(&VersionFeatures24, DESIGN, t).is_empty());
    }
}
