//! FKO-AS-011 — how the autoscaler aligns parallelism changed in FKO 1.16.
//!
//! What it checks, on FKO 1.16+ targets and configurations that enable the autoscaler
//! (deployments, blue/green templates, session jobs, CMF applications; operator defaults
//! included):
//! * neither `job.autoscaler.scaling.parallelism-alignment.mode` nor the deprecated
//!   `job.autoscaler.scaling.key-group.partitions.adjust.mode` is set (info): the
//!   configuration relied on the old default, `EVENLY_SPREAD`, and now gets `BALANCED`;
//! * both are set (warning): the deprecated key is ignored.
//!
//! Why: FKO 1.16 (FLIP-586, `ParallelismAligner.resolve`) reads the new key first, the
//! deprecated key only when the new one is unset, and falls back to `BALANCED`: a scaling
//! that no divisor of the key groups or partitions preserves is applied rather than
//! blocked with a `ScalingLimited` event, and mild skew is accepted (128 key groups and a
//! target of 24 gives 26, not 32). A key of FKO 1.16 on an older target is CFG-KEY-002;
//! the deprecated key alone is CFG-KEY-005.
//!
//! How to fix: set `job.autoscaler.scaling.parallelism-alignment.mode` to `EVENLY_SPREAD`
//! to keep aligning to exact divisors, or to `BALANCED` to accept the new default; remove
//! the deprecated key.

use std::collections::BTreeSet;

use crate::core::config::{EffectiveConfig, Entry, Scope};
use crate::core::finding::Severity;
use crate::core::flink::version::FkoFeature;
use crate::core::model::{Kind, ResourceId};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct AsAlignmentMode;

const MODE: &str = "job.autoscaler.scaling.parallelism-alignment.mode";
const LEGACY: &str = "job.autoscaler.scaling.key-group.partitions.adjust.mode";
const ENABLED: &str = "job.autoscaler.enabled";

/// The kinds whose jobs the operator's autoscaler scales.
const SCALED: &[Kind] = &[
    Kind::FlinkDeployment,
    Kind::FlinkBlueGreenDeployment,
    Kind::FlinkSessionJob,
    Kind::Application,
];

fn enabled(c: &EffectiveConfig) -> Option<&Entry> {
    c.get(ENABLED).filter(|e| e.value.trim().eq_ignore_ascii_case("true"))
}

impl Rule for AsAlignmentMode {
    fn id(&self) -> &'static str {
        "FKO-AS-011"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Autoscaler parallelism alignment: BALANCED by default from FKO 1.16; the deprecated key is ignored when the new one is set"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let feature = FkoFeature::ParallelismAlignmentMode;
        if !feature.in_release(cx.targets.fko) {
            return;
        }
        let mut seen: BTreeSet<(ResourceId, String)> = BTreeSet::new();
        for c in cx.configs().iter().filter(|c| c.scope == Scope::Cluster) {
            let Some(on) = enabled(c) else { continue };
            if !cx.get(c.resource).is_some_and(|r| SCALED.contains(&r.kind)) {
                continue;
            }
            let (mode, legacy) = (c.get(MODE), c.get(LEGACY));
            let (entry, finding) = match (mode, legacy) {
                (None, None) => (on, None),
                (Some(_), Some(legacy)) => (legacy, Some(Severity::Warning)),
                _ => continue,
            };
            let Some((r, at)) = entry
                .source
                .resource_id
                .and_then(|id| cx.get(id))
                .map(|r| (r, entry.source.path.clone()))
            else {
                continue;
            };
            if !seen.insert((r.id, at.clone())) {
                continue;
            }
            let since = feature.since().minor_text();
            match finding {
                None => {
                    out.report(
                        r,
                        &at,
                        format!(
                            "The autoscaler aligns parallelism with BALANCED from FKO {since} \
                             (before: EVENLY_SPREAD, which kept the parallelism when no divisor fit)"
                        ),
                    )
                    .hint(format!(
                        "set {MODE}: EVENLY_SPREAD to keep aligning to exact divisors, or BALANCED to make the new default explicit"
                    ));
                }
                Some(severity) => {
                    out.report(
                        r,
                        &at,
                        format!(
                            "{LEGACY} is ignored: {MODE} is set (FKO {since} reads the deprecated key only without it)"
                        ),
                    )
                    .severity(severity)
                    .hint(format!("remove {LEGACY}"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    fn fd(conf: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
             spec:\n  flinkConfiguration:\n    job.autoscaler.enabled: 'true'\n{conf}"
        )
    }

    #[test]
    fn notes_the_new_default_where_the_old_one_was_relied_on() {
        let f = check(&AsAlignmentMode, &fd(""));
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/job.autoscaler.enabled".into(), Severity::Info)]
        );
        assert!(f[0].message.contains("BALANCED from FKO 1.16"), "{}", f[0].message);
        assert!(f[0].hint.contains(&format!("{MODE}: EVENLY_SPREAD")));
        let old = Targets { fko: Version::new(1, 15, 0), ..Targets::default() };
        assert!(check_with(&AsAlignmentMode, &fd(""), old).is_empty());
    }

    #[test]
    fn warns_when_the_deprecated_key_is_ignored() {
        let both = format!("    {MODE}: BALANCED\n    {LEGACY}: EVENLY_SPREAD\n");
        let f = check(&AsAlignmentMode, &fd(&both));
        assert_eq!(
            pointers(&f),
            [(format!("/spec/flinkConfiguration/{LEGACY}"), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(8));
    }

    #[test]
    fn silent_with_one_of_the_keys_or_without_the_autoscaler() {
        assert!(check(&AsAlignmentMode, &fd(&format!("    {MODE}: OFF\n"))).is_empty());
        assert!(
            check(&AsAlignmentMode, &fd(&format!("    {LEGACY}: MAXIMIZE_UTILISATION\n")))
                .is_empty()
        );
        let off = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
                   spec:\n  flinkConfiguration:\n    job.autoscaler.enabled: 'false'\n";
        assert!(check(&AsAlignmentMode, off).is_empty());
    }
}
