//! IMG-001 — the image's Flink version differs from `flinkVersion`.
//!
//! What it checks: deployment-like specs (FKO deployments, CMF applications, pools,
//! environment defaults) whose `image` is a Flink image (`flink`, `cp-flink`,
//! `cp-flink-sql`) with a version tag that differs from `flinkVersion` (`flink:1.20.1` is
//! Flink 1.20, `cp-flink:2.1.1-cp1-java21` is Flink 2.1).
//! Why: the operator picks its Flink client, configuration defaults and savepoint handling
//! by `flinkVersion`; a mismatched image fails at start-up or behaves subtly differently.
//! How to fix: set `flinkVersion` to the image's Flink version (or change the image).

use crate::core::finding::Severity;
use crate::core::flink::image;
use crate::core::flink::version::FlinkVersion;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct VersionMismatch;

impl Rule for VersionMismatch {
    fn id(&self) -> &'static str {
        "IMG-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "The Flink version of the image tag must match flinkVersion"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                let (Some(image), Some(declared)) =
                    (site.str(&["image"]), site.str(&["flinkVersion"]))
                else {
                    continue;
                };
                let (Some(from_tag), Some(from_spec)) =
                    (image::flink_version(image), FlinkVersion::parse_enum(declared.trim()))
                else {
                    continue;
                };
                if from_tag != from_spec {
                    out.report(
                        r,
                        &site.field(&["flinkVersion"]),
                        format!("image {image} is Flink {from_tag} but flinkVersion is {declared}"),
                    )
                    .hint(format!(
                        "set flinkVersion: {} (or use a Flink {from_spec} image)",
                        from_tag.enum_name()
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    /// A pool declaring Flink 1.19 with `image`.
    fn pool(image: &str) -> String {
        let v = FlinkVersion::new(1, 19).enum_name();
        format!(
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {{name: p}}\nspec:\n  clusterSpec:\n    \
                 flinkVersion: {v}\n    image: {image}\n"
        )
    }

    #[test]
    fn fires_on_a_newer_image() {
        let f = check(&VersionMismatch, &pool("confluentinc/cp-flink-sql:2.1.1-cp1-java21"));
        assert_eq!(pointers(&f), [("/spec/clusterSpec/flinkVersion".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(6));
        let declared = FlinkVersion::new(1, 19).enum_name();
        assert!(f[0].message.contains(&format!("is Flink 2.1 but flinkVersion is {declared}")));
    }

    #[test]
    fn silent_on_matching_or_custom_images() {
        assert!(check(&VersionMismatch, &pool("confluentinc/cp-flink-sql:1.19-cp8")).is_empty());
        assert!(check(&VersionMismatch, &pool("my-app:2.0.0")).is_empty());
    }
}
