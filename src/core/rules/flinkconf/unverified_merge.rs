//! CFG-LAYER-004 — CMF merges of fields other than `flinkConfiguration`.
//!
//! What it checks: fields of a FlinkApplication spec (resources, pod templates, image,
//! service account, …) also set in the environment's `flinkApplicationDefaults.spec`,
//! and compute-pool `clusterSpec` fields also set (to the same value) in
//! `computePoolDefaults.clusterSpec` — conflicting pool values are CFG-LAYER-002's.
//! Why: CMF does not document how these merge; the studio assumes the environment wins
//! for applications and the pool wins for pools.
//! How to fix: verify with the application instance's `status.spec` (or the generated
//! FlinkDeployment), or set the field in one place.

use super::shared::overlapping_fields;
use crate::core::finding::Severity;
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct UnverifiedMerge;

impl Rule for UnverifiedMerge {
    fn id(&self) -> &'static str {
        "CFG-LAYER-004"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Field set in both environment defaults and the object; CMF merge semantics undocumented"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let hint = "merge semantics for this field are not documented by CMF; verify with the instance status";
        // One walk over both kinds, so that large designs run it window by window.
        for r in cx.subjects_of_kinds(&[Kind::Application, Kind::ComputePool]) {
            let Some(env) = cx.environment_of(r) else { continue };
            match r.kind {
                Kind::ComputePool => pool(r, env, out, hint),
                _ => application(r, env, out, hint),
            }
        }
    }
}

/// An application's `spec` fields that its environment's `flinkApplicationDefaults` also
/// set (the application's value is assumed to win).
fn application(r: &Resource, env: &Resource, out: &mut Sink<'_>, hint: &str) {
    for (field, mine, theirs) in
        overlapping_fields(r, &[], env, &["flinkApplicationDefaults", "spec"])
    {
        let msg = format!(
            "spec.{field} is also set by environment '{}' ({theirs}); assumed to win",
            env.name()
        );
        out.report(r, &mine.pointer, msg).hint(hint);
    }
}

/// A compute pool's `clusterSpec` fields that its environment's `computePoolDefaults`
/// also set.
fn pool(r: &Resource, env: &Resource, out: &mut Sink<'_>, hint: &str) {
    let fields =
        overlapping_fields(r, &["clusterSpec"], env, &["computePoolDefaults", "clusterSpec"]);
    for (field, mine, _) in fields.into_iter().filter(|(_, m, t)| m.value == *t) {
        let msg = format!(
            "clusterSpec.{field} is also set in environment '{}' computePoolDefaults",
            env.name()
        );
        out.report(r, &mine.pointer, msg).hint(hint);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_fields_set_in_both_but_not_on_flink_configuration() {
        let f = check(
            &UnverifiedMerge,
            "name: prod\nkubernetesNamespace: flink\nflinkApplicationDefaults:\n  spec:\n    \
             taskManager: {resource: {memory: 4g}}\n    flinkConfiguration: {pipeline.name: e}\n---\n\
             apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\nspec:\n  \
             taskManager:\n    resource: {memory: 2g, cpu: 1}\n  flinkConfiguration: {pipeline.name: a}\n",
        );
        assert_eq!(pointers(&f), [("/spec/taskManager/resource/memory".into(), Severity::Info)]);
        assert!(f[0].message.contains("(4g)"));
        assert_eq!(f[0].line, Some(13));
    }

    #[test]
    fn fires_on_a_pool_field_its_environment_sets_alike() {
        let env = "name: prod\nkubernetesNamespace: flink\ncomputePoolDefaults:\n  clusterSpec:\n    \
             taskManager: {resource: {memory: 4g}}\n---\n";
        let pool = |memory: &str| {
            format!(
                "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkComputePool\nmetadata: {{name: p}}\n\
                 spec:\n  flinkEnvironment: prod\n  clusterSpec:\n    taskManager: {{resource: {{memory: {memory}}}}}\n"
            )
        };
        let f = check(&UnverifiedMerge, &format!("{env}{}", pool("4g")));
        assert_eq!(
            pointers(&f),
            [("/spec/clusterSpec/taskManager/resource/memory".into(), Severity::Info)]
        );
        assert!(check(&UnverifiedMerge, &format!("{env}{}", pool("2g"))).is_empty());
    }
}
