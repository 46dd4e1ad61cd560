//! CFG-KEY-005 — deprecated keys.
//!
//! What it checks: keys that are deprecated aliases in the resource's Flink version
//! (`state.backend`, `state.checkpoints.dir` from 1.20, `high-availability`,
//! `kubernetes.operator.job.autoscaler.*`, …) and options deprecated as a whole, in that
//! Flink version or in the targeted operator release
//! (`job.autoscaler.scaling.key-group.partitions.adjust.mode` from FKO 1.16).
//! Why: aliases keep working but hide the canonical name that newer docs and layers use,
//! and deprecated options disappear in later Flink releases.
//! How to fix: use the canonical key.

use super::shared::maps;
use crate::core::finding::Severity;
use crate::core::options::catalog_for;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct DeprecatedKey;

impl Rule for DeprecatedKey {
    fn id(&self) -> &'static str {
        "CFG-KEY-005"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Deprecated configuration key; prefer the canonical key for the Flink version"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let cat = catalog_for(cx.targets.fko);
        for m in maps(cx) {
            for i in m.items() {
                let canonical = cat.canonical(&i.key, m.version);
                if canonical != i.key {
                    let msg = format!(
                        "'{}' is deprecated: prefer {canonical} for Flink {}",
                        i.key, m.version
                    );
                    out.report(m.owner, &i.pointer, msg)
                        .hint(format!("rename the key to '{canonical}'"));
                } else if let Some(o) =
                    cat.lookup(&i.key, m.version).filter(|o| o.deprecated && o.key == i.key)
                {
                    let (msg, hint) = if o.operator {
                        let fko = cx.targets.fko;
                        let msg = format!("Option '{}' is deprecated in FKO {fko}", i.key);
                        (msg, "check the operator's release notes for its replacement")
                    } else {
                        let msg =
                            format!("Option '{}' is deprecated in Flink {}", i.key, m.version);
                        (msg, "check the Flink release notes for its replacement")
                    };
                    out.report(m.owner, &i.pointer, msg).hint(hint);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::flink::version::FlinkVersion;
    use crate::core::rules::testing::{check, pointers};

    fn doc(version: &str, key: &str) -> String {
        let version = FlinkVersion::parse(version).expect("a version").enum_name();
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
             spec:\n  flinkVersion: {version}\n  flinkConfiguration:\n    {key}: x\n"
        )
    }

    #[test]
    fn fires_on_aliases_of_the_version() {
        let f = check(&DeprecatedKey, &doc("2.0", "state.checkpoints.dir"));
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/state.checkpoints.dir".into(), Severity::Info)]
        );
        assert!(f[0].message.contains("prefer execution.checkpointing.dir for Flink 2.0"));
        assert_eq!(f[0].line, Some(7));
    }

    #[test]
    fn operator_options_are_deprecated_per_operator_release() {
        use crate::core::rules::testing::check_with;
        use crate::core::targets::{Targets, Version};
        let key = "job.autoscaler.scaling.key-group.partitions.adjust.mode";
        let f = check(&DeprecatedKey, &doc("1.20", key));
        assert_eq!(pointers(&f), [(format!("/spec/flinkConfiguration/{key}"), Severity::Info)]);
        assert_eq!(f[0].message, format!("Option '{key}' is deprecated in FKO 1.16.0"));
        let fko_1_15 = Targets { fko: Version::new(1, 15, 0), ..Targets::default() };
        assert!(check_with(&DeprecatedKey, &doc("1.20", key), fko_1_15).is_empty());
    }

    #[test]
    fn silent_where_the_key_is_canonical() {
        assert!(check(&DeprecatedKey, &doc("1.18", "state.checkpoints.dir")).is_empty());
        assert!(check(&DeprecatedKey, &doc("2.0", "execution.checkpointing.dir")).is_empty());
    }
}
