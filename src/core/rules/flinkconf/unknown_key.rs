//! CFG-KEY-002 — unknown keys close to a known one (did-you-mean).
//!
//! What it checks: keys the option catalog does not know for the resource's Flink
//! version and the targeted operator release, when a known key is within edit distance
//! 2, differs only in case or token order, is a curated frequent mistake, when the key
//! exists in other Flink versions, or when it is an option of another FKO release (the
//! autoscaler keys FKO 1.16 added, on a 1.15 target).
//! Why: Flink and the operator ignore unknown keys silently (keys are case-sensitive), so
//! a typo leaves the intended setting at its default.
//! How to fix: use the suggested key, or the key valid for your Flink version and operator.

use super::malformed_key::is_malformed;
use super::shared::maps;
use crate::core::finding::Severity;
use crate::core::options::{Catalog, catalog_for, operator_releases_knowing};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct UnknownKey;

impl Rule for UnknownKey {
    fn id(&self) -> &'static str {
        "CFG-KEY-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Unknown configuration key close to a known one (did you mean …?)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let cat = catalog_for(cx.targets.fko);
        for m in maps(cx) {
            for i in m.items() {
                if is_malformed(&i.key) || cat.is_known(&i.key, m.version) {
                    continue;
                }
                let releases = operator_releases_knowing(&i.key, m.version);
                if let Some(first) = releases.first() {
                    let msg = format!(
                        "'{}' is an option of FKO {}; FKO {} ignores it",
                        i.key,
                        releases.iter().map(|r| r.minor_text()).collect::<Vec<_>>().join(", "),
                        cx.targets.fko
                    );
                    out.report(m.owner, &i.pointer, msg)
                        .hint(format!("upgrade the operator to {first} or remove the key"));
                } else if let Some(o) = cat.lookup_any(&i.key) {
                    let versions: Vec<String> =
                        o.versions.versions().iter().map(ToString::to_string).collect();
                    let versions = versions.join(", ");
                    let msg = format!(
                        "'{}' does not exist in Flink {} (only in {versions})",
                        i.key, m.version
                    );
                    out.report(m.owner, &i.pointer, msg)
                        .hint("use the key of your Flink version or change spec.flinkVersion");
                } else if let Some(s) = cat.suggest(&i.key, m.version) {
                    out.report(
                        m.owner,
                        &i.pointer,
                        format!("Unknown key '{}' — did you mean '{s}'?", i.key),
                    )
                    .hint(format!("rename the key to '{s}' (keys are case-sensitive)"));
                }
            }
        }
    }
}

/// True when the catalog has neither the key nor a suggestion for it.
pub fn unknown_without_suggestion(
    cat: &Catalog,
    key: &str,
    v: crate::core::flink::version::FlinkVersion,
) -> bool {
    !is_malformed(key)
        && !cat.is_known(key, v)
        && cat.lookup_any(key).is_none()
        && cat.suggest(key, v).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::flink::version::FlinkVersion;
    use crate::core::rules::testing::{check, pointers};

    /// A FlinkDeployment on Flink 1.18 (its CRD spelling from the version table).
    fn doc() -> String {
        let v = FlinkVersion::new(1, 18).enum_name();
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
                       spec:\n  flinkVersion: {v}\n  flinkConfiguration:\n"
        )
    }

    #[test]
    fn suggests_the_intended_key() {
        let doc = doc();
        let f = check(
            &UnknownKey,
            &format!(
                "{doc}    taskmanager.numberOfTaskslots: '2'\n    state.checkpoints.interval: 10s\n    \
                 rest.profiling.enabled: 'true'\n"
            ),
        );
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!(
            pointers(&f)[0],
            ("/spec/flinkConfiguration/taskmanager.numberOfTaskslots".into(), Severity::Warning)
        );
        assert!(f[0].message.contains("did you mean 'taskmanager.numberOfTaskSlots'"));
        assert_eq!(f[0].line, Some(7));
        assert!(f[1].message.contains("execution.checkpointing.interval"));
        assert!(f[2].message.contains("does not exist in Flink 1.18"), "{}", f[2].message);
    }

    #[test]
    fn operator_keys_are_judged_by_the_targeted_operator_release() {
        use crate::core::rules::testing::check_with;
        use crate::core::targets::{Targets, Version};
        let doc = format!("{}    job.autoscaler.scaling.parallelism-alignment.mode: OFF\n", doc());
        assert!(check(&UnknownKey, &doc).is_empty(), "FKO 1.16 (the default) knows it");
        let fko_1_15 = Targets { fko: Version::new(1, 15, 0), ..Targets::default() };
        let f = check_with(&UnknownKey, &doc, fko_1_15);
        assert_eq!(pointers(&f).len(), 1, "{f:?}");
        assert_eq!(
            f[0].message,
            "'job.autoscaler.scaling.parallelism-alignment.mode' is an option of FKO 1.16; \
             FKO 1.15.0 ignores it"
        );
        assert_eq!(f[0].hint, "upgrade the operator to 1.16.0 or remove the key");
    }

    #[test]
    fn silent_on_known_open_and_far_keys() {
        let doc = doc();
        let f = check(
            &UnknownKey,
            &format!(
                "{doc}    state.checkpoints.dir: s3://b\n    s3.access-key: x\n    \
                 metrics.reporter.prom.factory.class: x\n    my.company.setting: x\n"
            ),
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
