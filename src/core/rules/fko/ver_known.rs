//! FKO-VER-004 — `flinkVersion` must be in the CRD enum of the declared operator.
//!
//! What it checks: `flinkVersion` values outside the CRD enum of the targeted FKO release
//! (the table `core::flink::version::FKO_RELEASES`: the enum grows with the release);
//! anything not spelled exactly `vX_Y` is never known.
//! Why: the API server rejects values outside the CRD enum.
//! How to fix: use a version the operator knows, or upgrade the operator.

use crate::core::finding::Severity;
use crate::core::flink::version::{self, enum_names};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct VerKnown;

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
        let release = version::fko(cx.targets.fko);
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            let Some(v) = s.get(&["flinkVersion"]) else { continue };
            let text = crate::core::config::scalar_text(v);
            if !v.is_string() || !release.accepts(&text) {
                out.report(
                    s.owner,
                    &s.field(&["flinkVersion"]),
                    format!("FKO {} does not know flinkVersion '{text}'", cx.targets.fko),
                )
                .hint(format!(
                    "use one of {} (or upgrade the operator)",
                    enum_names(&release.crd_enum(), ", ")
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::flink::version::FlinkVersion;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    fn fd(v: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{flinkVersion: {v}}}\n"
        )
    }

    #[test]
    fn gated_by_operator_release() {
        // Newer than the 1.13 CRD enum, known to the default target's.
        let newer = FlinkVersion::new(2, 3).enum_name();
        assert!(check(&VerKnown, &fd(&newer)).is_empty());
        let old = Targets { fko: Version::new(1, 13, 0), ..Targets::default() };
        let f = check_with(&VerKnown, &fd(&newer), old);
        assert_eq!(pointers(&f), [("/spec/flinkVersion".into(), Severity::Error)]);
        let newest = FlinkVersion::new(2, 2).enum_name();
        assert!(f[0].hint.ends_with(&format!(", {newest} (or upgrade the operator)")));
        assert_eq!(pointers(&check(&VerKnown, &fd("'1.19'"))).len(), 1);
        // The FKO 1.15.0 Helm chart's CRD stops at Flink 2.2, although its Java enum has 2.3.
        let fko_1_15 = Targets { fko: Version::new(1, 15, 0), ..Targets::default() };
        let f = check_with(&VerKnown, &fd(&newer), fko_1_15);
        assert_eq!(pointers(&f), [("/spec/flinkVersion".into(), Severity::Error)]);
        assert_eq!(f[0].message, format!("FKO 1.15.0 does not know flinkVersion '{newer}'"));
        assert!(check_with(&VerKnown, &fd(&newest), fko_1_15).is_empty());
        let plain = FlinkVersion::new(1, 20).enum_name();
        assert_eq!(pointers(&check(&VerKnown, &fd(&format!("{plain} ")))).len(), 0);
        assert_eq!(pointers(&check(&VerKnown, &fd(&format!("'{plain} '")))).len(), 1);
    }
}
