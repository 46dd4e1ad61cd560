//! FKO-VER-003 — Flink versions deprecated by the declared operator release.
//!
//! What it checks: a `flinkVersion` that the targeted FKO release marks deprecated (the
//! table `core::flink::version::FKO_RELEASES`; the message names the release that first
//! deprecated it).
//! Why: FKO supports only the last four Flink minors; deprecated versions are removed in a
//! later release and receive no fixes.
//! How to fix: plan an upgrade to a current Flink version.

use crate::core::finding::Severity;
use crate::core::flink::version::{self, FlinkVersion, fko_deprecated_since};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct VerDeprecated;

impl Rule for VerDeprecated {
    fn id(&self) -> &'static str {
        "FKO-VER-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Flink version deprecated by the declared operator release"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let fko = cx.targets.fko;
        let release = version::fko(fko);
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            let Some(v) = s.str(&["flinkVersion"]) else { continue };
            let Some(parsed) = FlinkVersion::parse_enum(v).filter(|p| release.is_deprecated(*p))
            else {
                continue;
            };
            let since = fko_deprecated_since(parsed).unwrap_or(release.release);
            out.report(
                s.owner,
                &s.field(&["flinkVersion"]),
                format!("Flink {v} is deprecated in FKO {fko} (since {})", since.minor_text()),
            )
            .hint("upgrade to one of the four newest Flink minors the operator supports");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    fn fd(v: FlinkVersion) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{flinkVersion: {}}}\n",
            v.enum_name()
        )
    }

    #[test]
    fn fires_from_the_deprecating_release_on() {
        let deprecated_1_13 = FlinkVersion::new(1, 17);
        let f = check(&VerDeprecated, &fd(deprecated_1_13));
        assert_eq!(pointers(&f), [("/spec/flinkVersion".into(), Severity::Warning)]);
        assert!(f[0].message.ends_with("(since 1.13)"), "{}", f[0].message);
        let old = Targets { fko: Version::new(1, 12, 0), ..Targets::default() };
        assert!(check_with(&VerDeprecated, &fd(deprecated_1_13), old).is_empty());
        let deprecated_1_11 = FlinkVersion::new(1, 16);
        assert_eq!(check_with(&VerDeprecated, &fd(deprecated_1_11), old).len(), 1);
    }

    #[test]
    fn silent_on_current_versions() {
        assert!(check(&VerDeprecated, &fd(FlinkVersion::new(1, 19))).is_empty());
    }
}
