//! FKO-VER-003 — Flink versions deprecated by the declared operator release.
//!
//! What it checks: `flinkVersion` v1_15 (deprecated since FKO 1.10), v1_16 (1.11), v1_17 and
//! v1_18 (1.13), against the targeted FKO version.
//! Why: FKO supports only the last four Flink minors; deprecated versions are removed in a
//! later release and receive no fixes.
//! How to fix: plan an upgrade to a current Flink version.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct VerDeprecated;

/// The FKO release that deprecated a Flink version, if any.
fn deprecated_since(v: &str) -> Option<(u32, u32)> {
    match v {
        "v1_15" => Some((1, 10)),
        "v1_16" => Some((1, 11)),
        "v1_17" | "v1_18" => Some((1, 13)),
        _ => None,
    }
}

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
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            let Some(v) = s.str(&["flinkVersion"]) else { continue };
            if let Some((maj, min)) = deprecated_since(v).filter(|(a, b)| fko.at_least(*a, *b)) {
                out.report(
                    s.owner,
                    &s.field(&["flinkVersion"]),
                    format!("Flink {v} is deprecated in FKO {fko} (since {maj}.{min})"),
                )
                .hint("upgrade to one of the four newest Flink minors the operator supports");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const FD: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec: {flinkVersion: v1_17}\n";

    #[test]
    fn fires_from_the_deprecating_release_on() {
        assert_eq!(
            pointers(&check(&VerDeprecated, FD)),
            [("/spec/flinkVersion".into(), Severity::Warning)]
        );
        let old = Targets { fko: Version::new(1, 12, 0), ..Targets::default() };
        assert!(check_with(&VerDeprecated, FD, old).is_empty());
    }
}
