//! CFG-HA-003 — ZooKeeper HA on Confluent Platform Flink.
//!
//! What it checks: `high-availability.type: zookeeper` in CMF objects (applications,
//! pools, environment defaults) or in FKO resources running a `cp-flink` image.
//! Why: community notes say Confluent Platform Flink supports Kubernetes HA only
//! (unverified).
//! How to fix: use `high-availability.type: kubernetes` — or verify ZooKeeper support
//! with Confluent.

use super::shared::maps;
use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct HaZookeeper;

impl Rule for HaZookeeper {
    fn id(&self) -> &'static str {
        "CFG-HA-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "ZooKeeper HA on Confluent Platform Flink (documented to support Kubernetes HA only — verify)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx) {
            let cp_image = m
                .site_field(&["image"])
                .and_then(|(v, _)| v.as_str())
                .is_some_and(|i| i.contains("cp-flink"));
            if !(m.cmf() || cp_image) {
                continue;
            }
            for i in m.items_for("high-availability.type") {
                if i.value.trim().eq_ignore_ascii_case("zookeeper") {
                    out.report(m.owner, &i.pointer, "ZooKeeper HA on Confluent Platform Flink")
                        .hint("Confluent Platform Flink is documented (community notes) to support Kubernetes HA only — verify, or use high-availability.type: kubernetes");
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
    fn fires_on_cmf_objects_and_cp_images_only() {
        let f = check(
            &HaZookeeper,
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\n\
             spec:\n  flinkConfiguration:\n    high-availability: zookeeper\n---\n\
             apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: b}\n\
             spec:\n  image: flink:1.20\n  flinkConfiguration:\n    high-availability: zookeeper\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/high-availability".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(6));
    }
}
