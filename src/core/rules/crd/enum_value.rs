//! CRD-ENUM-001 — values outside a CRD enum.
//!
//! What it checks: enum fields of the FKO CRDs (`job.state`: running/suspended,
//! `job.upgradeMode`: stateless/savepoint/last-state, `mode`: native/standalone, …) and
//! `imagePullPolicy` (Always/IfNotPresent/Never), in FKO CRs and in CMF specs that become
//! FlinkDeployments. Values are case-sensitive. `flinkVersion` is left to FKO-VER-004 (it
//! depends on the operator release) and FlinkStateSnapshot enums to FKO-SNAP-004.
//! Why: the API server rejects the resource (Kubernetes rejects unknown pull policies).
//! How to fix: use one of the allowed values, spelled exactly.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schema::IssueKind;

use super::shared::{ends_with, issues_of, show, targets_of};

/// See the module documentation.
pub struct EnumValue;

const PULL_POLICIES: &[&str] = &["Always", "IfNotPresent", "Never"];

impl Rule for EnumValue {
    fn id(&self) -> &'static str {
        "CRD-ENUM-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Value outside the CRD enum (job.state, job.upgradeMode, mode, imagePullPolicy, …)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        // One subject walk: the resource's schema issues, then its pull policies.
        for r in cx.subjects() {
            for f in issues_of(cx, r) {
                let IssueKind::Enum { allowed } = &f.issue.kind else { continue };
                if f.owner.kind == Kind::FlinkStateSnapshot
                    || ends_with(&f.issue.pointer, &["flinkVersion"])
                {
                    continue;
                }
                out.report(
                    f.owner,
                    &f.issue.pointer,
                    format!("{} is not allowed here", show(&f.issue.value)),
                )
                .hint(format!("allowed values: {}", allowed.join(", ")));
            }
            for t in targets_of(r) {
                let Some(dep) = t.deployment_spec else { continue };
                let at = format!("{dep}/imagePullPolicy");
                let Some(v) = t.value.pointer(&at) else { continue };
                if !v.as_str().is_some_and(|p| PULL_POLICIES.contains(&p)) {
                    let ptr = format!("{}{}", t.base, at);
                    out.report(
                        t.owner,
                        &ptr,
                        format!("imagePullPolicy {} is not a Kubernetes pull policy", show(v)),
                    )
                    .hint(format!("allowed values: {}", PULL_POLICIES.join(", ")));
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
    fn fires_on_capitalised_values() {
        let f = check(
            &EnumValue,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  flinkVersion: v9_9\n  imagePullPolicy: always\n  mode: Native\n  job: {upgradeMode: last-state, state: running}\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/mode".into(), Severity::Error),
                ("/spec/imagePullPolicy".into(), Severity::Error)
            ]
        );
        assert_eq!(f[0].line, Some(7));
        assert!(f[0].hint.contains("native, standalone"));
    }

    #[test]
    fn checks_cmf_applications_too() {
        let f = check(
            &EnumValue,
            "{apiVersion: cmf.confluent.io/v1, kind: FlinkApplication, metadata: {name: app1}, spec: {job: {upgradeMode: Stateless}}}\n",
        );
        assert_eq!(pointers(&f), [("/spec/job/upgradeMode".into(), Severity::Error)]);
    }
}
