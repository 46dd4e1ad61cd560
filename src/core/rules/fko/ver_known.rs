//! FKO-VER-004 — `flinkVersion` must be in the CRD enum of the declared operator.
//!
//! What it checks: `flinkVersion` values the targeted FKO release does not know: FKO ≤ 1.12
//! knows up to `v2_0`, 1.13–1.14 up to `v2_2`, 1.15 up to `v2_4`; anything not of the
//! form `vX_Y` is never known.
//! Why: the API server rejects values outside the CRD enum.
//! How to fix: use a version the operator knows, or upgrade the operator.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::targets::Version;

/// See the module documentation.
pub struct VerKnown;

/// Every `flinkVersion` any FKO release knows, oldest first.
pub const FLINK_VERSIONS: &[&str] = &[
    "v1_13", "v1_14", "v1_15", "v1_16", "v1_17", "v1_18", "v1_19", "v1_20", "v2_0", "v2_1", "v2_2",
    "v2_3", "v2_4",
];

/// The `flinkVersion` values known to FKO release `fko`.
pub fn known_versions(fko: Version) -> &'static [&'static str] {
    let newest = if fko.at_least(1, 15) {
        "v2_4"
    } else if fko.at_least(1, 13) {
        "v2_2"
    } else {
        "v2_0"
    };
    let end =
        FLINK_VERSIONS.iter().position(|v| *v == newest).map_or(FLINK_VERSIONS.len(), |i| i + 1);
    &FLINK_VERSIONS[..end]
}

impl Rule for VerKnown {
    fn id(&self) -> &'static str {
        "FKO-VER-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "flinkVersion not in the CRD enum of the declared operator release"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let known = known_versions(cx.targets.fko);
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            let Some(v) = s.get(&["flinkVersion"]) else { continue };
            let text = crate::core::config::scalar_text(v);
            if !v.is_string() || !known.contains(&text.as_str()) {
                out.report(
                    s.owner,
                    &s.field(&["flinkVersion"]),
                    format!("FKO {} does not know flinkVersion '{text}'", cx.targets.fko),
                )
                .hint(format!("use one of {} (or upgrade the operator)", known.join(", ")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::Targets;

    fn fd(v: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{flinkVersion: {v}}}\n"
        )
    }

    #[test]
    fn gated_by_operator_release() {
        assert!(check(&VerKnown, &fd("v2_3")).is_empty());
        let old = Targets { fko: Version::new(1, 13, 0), ..Targets::default() };
        let f = check_with(&VerKnown, &fd("v2_3"), old);
        assert_eq!(pointers(&f), [("/spec/flinkVersion".into(), Severity::Error)]);
        assert_eq!(pointers(&check(&VerKnown, &fd("'1.19'"))).len(), 1);
        assert_eq!(pointers(&check(&VerKnown, &fd("v1_20 "))).len(), 0);
    }
}
