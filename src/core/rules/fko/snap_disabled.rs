//! FKO-SNAP-009 — snapshot resources disabled in the operator.
//!
//! What it checks: an FKO installation node whose configuration sets
//! `kubernetes.operator.snapshot.resource.enabled: false` while the design has FlinkStateSnapshots.
//! Why: the operator then ignores FlinkStateSnapshot resources (and keeps using the legacy
//! savepoint fields of the deployment status).
//! How to fix: enable the option, or trigger savepoints another way.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SnapDisabled;

impl Rule for SnapDisabled {
    fn id(&self) -> &'static str {
        "FKO-SNAP-009"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "FlinkStateSnapshot resources are disabled in the operator"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        use crate::core::config::flatten;
        use crate::core::pointer;
        let key = "kubernetes.operator.snapshot.resource.enabled";
        if cx.of_kind(Kind::FlinkStateSnapshot).next().is_none() {
            return;
        }
        for op in cx.subjects_of_kind(Kind::FkoInstall) {
            let Some(conf) = op.spec_get(&["defaultConfiguration"]) else { continue };
            if flatten(conf).get(key).is_some_and(|v| v.trim().eq_ignore_ascii_case("false")) {
                out.report(
                    op,
                    &pointer::push(&op.spec_field(&["defaultConfiguration"]), key),
                    "Snapshot CRs are not processed by this operator",
                )
                .hint("set kubernetes.operator.snapshot.resource.enabled: true");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_when_disabled_and_used() {
        let op = "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {name: fko}\nspec: {defaultConfiguration: {kubernetes.operator.snapshot.resource.enabled: 'false'}}\n";
        let snap = "---\napiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {name: s}\nspec: {checkpoint: {}}\n";
        assert_eq!(
            pointers(&check(&SnapDisabled, &format!("{op}{snap}"))),
            [(
                "/spec/defaultConfiguration/kubernetes.operator.snapshot.resource.enabled".into(),
                Severity::Info
            )]
        );
        assert!(check(&SnapDisabled, op).is_empty());
    }
}
