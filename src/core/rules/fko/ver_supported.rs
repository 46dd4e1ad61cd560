//! FKO-VER-002 — Flink versions the operator no longer supports.
//!
//! What it checks: a `flinkVersion` (in any deployment-like spec or environment default)
//! that the targeted FKO release's CRD still accepts but that is older than the oldest
//! Flink version the release runs (the table `core::flink::version::FKO_RELEASES`).
//! Why: the operator (since 1.9, through its webhook and validator) rejects Flink versions
//! it no longer supports.
//! How to fix: upgrade the job and image to a supported Flink version that is not
//! deprecated either.

use crate::core::finding::Severity;
use crate::core::flink::version::{self, FlinkVersion};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct VerSupported;

impl Rule for VerSupported {
    fn id(&self) -> &'static str {
        "FKO-VER-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Flink versions older than the operator supports are rejected"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let release = version::fko(cx.targets.fko);
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            let Some(v) = s.str(&["flinkVersion"]) else { continue };
            let Some(parsed) = FlinkVersion::parse_enum(v) else { continue };
            if !release.accepts(v) || release.supports(parsed) {
                continue;
            }
            let current = release.offered().first().map_or(String::new(), |o| o.enum_name());
            out.report(
                s.owner,
                &s.field(&["flinkVersion"]),
                format!("Flink {v} is not supported by this operator"),
            )
            .hint(format!(
                "upgrade to a supported Flink version ({current} or newer) and matching image"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(v: FlinkVersion) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{flinkVersion: {}}}\n",
            v.enum_name()
        )
    }

    #[test]
    fn fires_on_versions_older_than_the_oldest_supported() {
        let oldest = version::fko(crate::core::targets::DEFAULT_FKO).oldest_supported;
        let older = FlinkVersion::new(1, oldest.minor - 1);
        let f = check(&VerSupported, &fd(older));
        assert_eq!(pointers(&f), [("/spec/flinkVersion".into(), Severity::Error)]);
        assert!(f[0].message.contains(&older.enum_name()));
        // The hint names the oldest supported version that is not deprecated either.
        let offered = FlinkVersion::new(1, 19).enum_name();
        assert_eq!(
            f[0].hint,
            format!("upgrade to a supported Flink version ({offered} or newer) and matching image")
        );
        assert!(check(&VerSupported, &fd(oldest)).is_empty());
    }

    #[test]
    fn silent_on_versions_outside_the_crd_enum() {
        // FKO-VER-004 reports those.
        assert!(check(&VerSupported, &fd(FlinkVersion::new(1, 12))).is_empty());
    }
}
