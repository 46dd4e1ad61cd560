//! Safe sequences for changes the operator refuses or that would lose state: take a
//! savepoint the user controls, then get the new spec running from it.

use super::super::facts::{Facts, Shape, UpgradeMode};
use super::super::steps::{self, CmfTarget, Step, Target};
use super::super::verdict::{Cause, Reason};
use super::Cx;

/// Placeholder for a directory the user must choose.
const DURABLE_DIR: &str = "s3://<bucket>/savepoints";

/// The kubectl target of an FKO resource.
pub(super) fn fko_target<'f>(f: &'f Facts<'_>) -> Option<Target<'f>> {
    let kind = match f.shape {
        Shape::ApplicationCluster | Shape::SessionCluster => "FlinkDeployment",
        Shape::SessionJob => "FlinkSessionJob",
        Shape::BlueGreen => "FlinkBlueGreenDeployment",
        _ => return None,
    };
    Some(Target { kind, namespace: f.resource.namespace(), name: f.resource.name() })
}

/// The Confluent CLI target of a CMF application or statement.
pub(super) fn cmf_target<'f>(f: &'f Facts<'_>) -> Option<CmfTarget<'f>> {
    let noun = match f.shape {
        Shape::CmfApplication => "application",
        Shape::Statement => "statement",
        _ => return None,
    };
    Some(CmfTarget {
        noun,
        environment: f.environment.as_deref().unwrap_or("<environment>"),
        name: f.resource.name(),
    })
}

/// The file the new design keeps a resource in.
pub(super) fn file<'f>(f: &'f Facts<'_>) -> Option<&'f str> {
    f.resource.origin.as_ref().map(|o| o.file.as_str())
}

fn next_nonce(b: &Facts<'_>) -> i64 {
    b.job.as_ref().and_then(|j| j.redeploy_nonce).unwrap_or(0) + 1
}

/// Updates a CMF application: through CMF for a REST payload, with kubectl for a CFK
/// FlinkApplication (CFK would overwrite a change made in CMF directly).
fn apply_application(t: CmfTarget<'_>, a: &Facts<'_>) -> Step {
    if a.resource.form == crate::core::model::Form::CfkCr {
        let k = Target {
            kind: "FlinkApplication",
            namespace: a.resource.namespace(),
            name: a.resource.name(),
        };
        return steps::kubectl_apply(k, file(a), "CFK updates the application in CMF");
    }
    steps::cmf_application_update(t, file(a))
}

/// Savepoint, then redeploy the new spec from it with a new `savepointRedeployNonce`.
pub(super) fn carry_by_hand(_cx: &Cx<'_, '_>, b: &Facts<'_>, a: &Facts<'_>) -> Vec<Step> {
    carry(b, a, None)
}

fn carry(b: &Facts<'_>, a: &Facts<'_>, dir: Option<&str>) -> Vec<Step> {
    let nonce = next_nonce(b);
    if let Some(t) = cmf_target(a).filter(|_| a.shape == Shape::CmfApplication) {
        return vec![
            steps::cmf_savepoint(t),
            steps::edit(format!(
                "In the new application spec set job.initialSavepointPath to that savepoint's status.path and job.savepointRedeployNonce: {nonce}"
            )),
            apply_application(t, a),
        ];
    }
    let Some(t) = fko_target(b).filter(|_| b.shape != Shape::BlueGreen) else { return Vec::new() };
    vec![
        steps::fko_savepoint(t, dir),
        steps::edit(format!(
            "In the new manifest set job.initialSavepointPath: \"$SAVEPOINT\" and job.savepointRedeployNonce: {nonce} (a new value makes the operator redeploy from that savepoint)"
        )),
        steps::kubectl_apply(t, file(a), "redeploys from the savepoint"),
        steps::fko_wait_running(t),
    ]
}

/// The safe sequence for a change the operator accepts but that would lose (or risk) state.
pub(super) fn safe_steps(
    cx: &Cx<'_, '_>,
    b: &Facts<'_>,
    a: &Facts<'_>,
    reasons: &[Reason],
) -> Vec<Step> {
    let _ = cx;
    if let Some(from) = reasons.iter().find_map(|r| match &r.cause {
        Cause::ModeToStateless { from, restarts_now: true } => Some(from.clone()),
        _ => None,
    }) && let Some(t) = fko_target(a)
    {
        return vec![
            steps::edit(format!(
                "Keep job.upgradeMode: {from} in the new manifest for this change"
            )),
            steps::kubectl_apply(t, file(a), &format!("upgrades with {from}, carrying the state")),
            steps::fko_wait_running(t),
            steps::edit(
                "Then set job.upgradeMode: stateless (the operator records it without a restart)",
            ),
            steps::kubectl_apply(t, file(a), "records the new upgrade mode"),
        ];
    }
    let durable = reasons.iter().any(|r| matches!(r.cause, Cause::NonDurableState { .. }));
    let mut out = carry(b, a, durable.then_some(DURABLE_DIR));
    if let Some((from, to)) = reasons.iter().find_map(|r| match &r.cause {
        Cause::MajorVersionCrossing { from, to } => Some((from.clone(), to.clone())),
        _ => None,
    }) {
        out.insert(
            0,
            steps::edit(format!(
                "Before the change: restore a copy of the job on {to} from a savepoint in a staging namespace; keep the savepoint to go back to {from}"
            )),
        );
    }
    if b.upgrade_mode() == UpgradeMode::Stateless
        && a.upgrade_mode() == UpgradeMode::Stateless
        && !out.is_empty()
    {
        out.push(steps::edit("Consider upgradeMode: savepoint (with a savepoint directory) so the next upgrade carries the state by itself"));
    }
    out
}

/// Refused changes (cluster type, deployment mode, session cluster): savepoint, delete,
/// create the new resource from the savepoint.
pub(super) fn recreate(_cx: &Cx<'_, '_>, b: &Facts<'_>, a: &Facts<'_>) -> Vec<Step> {
    let (Some(old), Some(new)) = (fko_target(b), fko_target(a)) else { return Vec::new() };
    let mut out = Vec::new();
    let stateful = b.job.is_some() && (b.has_state() || b.upgrade_mode() != UpgradeMode::Stateless);
    if stateful {
        out.push(steps::fko_savepoint(old, None));
    }
    out.push(steps::kubectl_delete(old));
    if stateful && a.job.is_some() {
        out.push(steps::edit("In the new manifest set job.initialSavepointPath: \"$SAVEPOINT\" (read at first deployment)"));
    }
    out.push(steps::kubectl_apply(new, file(a), "creates it anew"));
    out
}

/// A last-state-suspended job whose Flink version changes: restore on the old version first.
pub(super) fn version_after_suspend(_cx: &Cx<'_, '_>, b: &Facts<'_>, a: &Facts<'_>) -> Vec<Step> {
    let Some(t) = fko_target(a) else { return Vec::new() };
    let old = super::job::version_text(b);
    vec![
        steps::edit(format!(
            "Set flinkVersion back to {old} (and the image that goes with it) and job.state: running"
        )),
        steps::kubectl_apply(t, file(a), "restores the job on its current version"),
        steps::fko_wait_running(t),
        steps::edit(
            "Then apply the new flinkVersion: the running job is upgraded with a savepoint",
        ),
        steps::kubectl_apply(t, file(a), "upgrades the Flink version"),
    ]
}
