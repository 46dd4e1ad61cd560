//! Jobs the operator upgrades: FlinkDeployments in application mode, FlinkSessionJobs,
//! and CMF applications (CMF runs each as an application-mode FlinkDeployment).
//!
//! Order, as in the operator: `validateSpecChange` / `validateFlinkVersion` may refuse the
//! new spec; otherwise the spec diff decides (IGNORE: recorded; SAVEPOINT_REDEPLOY:
//! redeploy from `initialSavepointPath`; SCALE: in place when supported), and a change of
//! a running job suspends it the way the **new** `upgradeMode` says and restores it
//! (`AbstractJobReconciler.getJobUpgrade`).

use super::super::facts::{Facts, Shape, UpgradeMode};
use super::super::specdiff::{DeployMode, DiffType, SpecDiff, spec_diff};
use super::super::verdict::{Action, Cause, Downtime, Fate, Reason, Verdict, Which};
use super::evidence::Notes;
use super::{Cx, plans, state};
use crate::core::review::conf::keys;

/// A FlinkDeployment switching between session and application cluster: refused.
pub(in crate::core::review) fn cluster_type_switch(
    cx: &Cx<'_, '_>,
    b: &Facts<'_>,
    a: &Facts<'_>,
) -> Verdict {
    let to_app = a.shape == Shape::ApplicationCluster;
    let message = if to_app {
        "Cannot switch from session to job cluster"
    } else {
        "Cannot switch from job to session cluster"
    };
    let mut v = refused(message, a);
    v.reasons.push(Reason {
        cause: Cause::ClusterTypeSwitch { message: message.into() },
        pointer: a.field(&["job"]),
    });
    let mut notes = Notes::default();
    notes.field(
        Which::Before,
        b,
        &["job"],
        if to_app { "deployed as a session cluster (no job)" } else { "deployed with a job" },
    );
    notes.field(
        Which::After,
        a,
        &["job"],
        if to_app { "the new spec has a job" } else { "the new spec has no job" },
    );
    v.evidence = notes.0;
    v.steps = plans::recreate(cx, b, a);
    v
}

fn refused(message: &str, a: &Facts<'_>) -> Verdict {
    let who =
        if a.shape == Shape::CmfApplication { "The operator CMF drives" } else { "The operator" };
    Verdict::new(
        Action::Refuse,
        format!("{who} refuses the new spec: \"{message}\". The running job is not touched."),
        Fate::Untouched,
        "nothing is applied: the job keeps running with the deployed spec",
    )
    .rollback(true, "nothing was applied")
}

/// The operator's `validateSpecChange` and `validateFlinkVersion` for a job.
fn refusal(cx: &Cx<'_, '_>, b: &Facts<'_>, a: &Facts<'_>) -> Option<Verdict> {
    let mut notes = Notes::default();
    let (cause, message, pointer) = if b.mode != a.mode {
        notes.field(Which::Before, b, &["mode"], format!("deployed in {} mode", b.mode.as_str()));
        let msg = match b.mode {
            DeployMode::Native => {
                "Cannot switch from native kubernetes to standalone kubernetes cluster"
            }
            DeployMode::Standalone => {
                "Cannot switch from standalone kubernetes to native kubernetes cluster"
            }
        };
        (Cause::DeploymentModeSwitch { message: msg.into() }, msg.to_string(), a.field(&["mode"]))
    } else if let (Some(from), Some(to)) = (&b.session_cluster, &a.session_cluster)
        && from != to
    {
        notes.field(
            Which::Before,
            b,
            &["deploymentName"],
            format!("runs on session cluster '{from}'"),
        );
        let cause = Cause::SessionClusterRenamed { from: from.clone(), to: to.clone() };
        (cause, "The deploymentName can't be changed".into(), a.field(&["deploymentName"]))
    } else if let (Some(bj), Some(aj)) = (&b.job, &a.job)
        && aj.redeploy_nonce.is_some()
        && aj.redeploy_nonce != bj.redeploy_nonce
        && aj.initial_savepoint.is_none()
    {
        notes.field(
            Which::After,
            a,
            &["job", "savepointRedeployNonce"],
            "a new savepointRedeployNonce",
        );
        let msg = "InitialSavepointPath must not be empty for savepoint redeployment";
        (Cause::RedeployNonceWithoutPath, msg.into(), a.field(&["job", "savepointRedeployNonce"]))
    } else if let (Some(bj), Some(aj)) = (&b.job, &a.job)
        && bj.suspended
        && bj.upgrade_mode == UpgradeMode::LastState
        && aj.upgrade_mode != UpgradeMode::Stateless
        && b.flink_version != a.flink_version
        && a.shape != Shape::SessionJob
    {
        let (from, to) = (version_text(b), version_text(a));
        notes.field(Which::Before, b, &["job", "state"], "suspended with upgradeMode last-state");
        notes.field(Which::After, a, &["flinkVersion"], format!("flinkVersion {from} → {to}"));
        let msg = "Changing flinkVersion after last-state suspend is not allowed. Restore your cluster \
                   with the current flinkVersion and perform the version upgrade afterwards.";
        (Cause::VersionAfterLastStateSuspend { from, to }, msg.into(), a.field(&["flinkVersion"]))
    } else {
        return None;
    };
    let steps = match &cause {
        Cause::VersionAfterLastStateSuspend { .. } => plans::version_after_suspend(cx, b, a),
        Cause::RedeployNonceWithoutPath => plans::carry_by_hand(cx, b, a),
        _ => plans::recreate(cx, b, a),
    };
    let mut v = refused(&message, a);
    v.reasons.push(Reason { cause, pointer });
    v.evidence = notes.0;
    v.steps = steps;
    Some(v)
}

pub(super) fn version_text(f: &Facts<'_>) -> String {
    f.flink_version.map_or_else(|| "(unset)".to_string(), |v| v.enum_name())
}

/// How long the job is down when the operator upgrades it.
pub(super) fn upgrade_downtime(f: &Facts<'_>) -> (Action, Downtime) {
    match f.shape {
        Shape::SessionJob => (Action::Restart, Downtime::Restart),
        _ => (Action::Redeploy, Downtime::Redeploy),
    }
}

fn fields_text(diff: &SpecDiff, t: DiffType) -> String {
    let names: Vec<&str> = diff.of_type(t).map(|f| f.path.as_str()).take(4).collect();
    let more = diff.of_type(t).count().saturating_sub(names.len());
    let mut s = names.join(", ");
    if more > 0 {
        s.push_str(&format!(" and {more} more"));
    }
    s
}

/// A changed job the operator accepts.
pub(in crate::core::review) fn job(cx: &Cx<'_, '_>, b: &Facts<'_>, a: &Facts<'_>) -> Verdict {
    if let Some(v) = refusal(cx, b, a) {
        return v;
    }
    let diff = spec_diff(&b.spec, &a.spec, b.mode);
    let mut notes = Notes::default();
    let mut reasons = Vec::new();
    ignored_field_reasons(b, a, &diff, &mut reasons);
    let (running, status_note) = state::running_now(b, &mut notes);
    let wants = a.meant_to_run();
    let mut v = match diff.diff_type() {
        DiffType::Ignore => Verdict::new(
            Action::Nothing,
            if diff.is_empty() {
                "No field the operator compares changed; nothing happens.".to_string()
            } else {
                format!(
                    "The operator records {} without restarting the job (IGNORE: they take effect at the next upgrade or are read by the operator itself).",
                    fields_text(&diff, DiffType::Ignore)
                )
            },
            Fate::Untouched,
            "the job keeps running",
        ),
        DiffType::SavepointRedeploy => state::savepoint_redeploy(b, a, &mut notes),
        _ if !running && !wants => Verdict::new(
            Action::Nothing,
            format!(
                "The job is suspended; the operator records {} and applies them when it is resumed.",
                fields_text(&diff, diff.diff_type())
            ),
            Fate::Untouched,
            format!("the job stays suspended{status_note}"),
        ),
        _ if running && !wants => state::suspend(b, a, &mut notes, &mut reasons),
        _ if !running && b.meant_to_run() => state::not_running(b, a, &diff, &mut notes),
        _ if !running => state::resume(b, a, &mut notes, &mut reasons),
        DiffType::Scale if state::scales_in_place(b, a, &mut notes) => Verdict::new(
            Action::Scale,
            format!(
                "The operator rescales the running job in place ({}); no restart.",
                fields_text(&diff, DiffType::Scale)
            ),
            Fate::Untouched,
            "the job keeps running while it is rescaled",
        ),
        t => {
            let mut v = state::upgrade(b, a, &mut notes, &mut reasons);
            v.summary = format!(
                "{} Triggered by {} ({}).",
                v.summary,
                fields_text(&diff, t),
                t.operator_name()
            );
            if t == DiffType::Scale {
                v.summary.push_str(
                    " In-place rescaling is not available here, so the operator upgrades.",
                );
            }
            v
        }
    };
    if v.steps.is_empty() && (v.loses_state() || v.state == Fate::Unknown) {
        v.steps = plans::safe_steps(cx, b, a, &reasons);
    }
    if a.conf.flag(keys::ROLLBACK, false) && a.conf.ha() && v.risk.downtime >= Downtime::Restart {
        notes.setting(Which::After, a, keys::ROLLBACK, "automatic rollback is on (with HA)");
        v.risk.rollback.note.push_str("; the operator also rolls back by itself when the new spec does not become ready in time");
    }
    v.evidence.splice(0..0, notes.0);
    v.reasons.splice(0..0, reasons);
    v
}

/// Reasons that come from IGNORE fields whatever else changes.
fn ignored_field_reasons(b: &Facts<'_>, a: &Facts<'_>, diff: &SpecDiff, reasons: &mut Vec<Reason>) {
    let (Some(bj), Some(aj)) = (&b.job, &a.job) else { return };
    if diff.field("/job/initialSavepointPath").is_some()
        && aj.initial_savepoint.is_some()
        && aj.redeploy_nonce == bj.redeploy_nonce
    {
        reasons.push(Reason {
            cause: Cause::InitialSavepointPathIgnored,
            pointer: a.field(&["job", "initialSavepointPath"]),
        });
    }
    // When the change restarts the job, the restore reports it (`state::carried`).
    let restarts = diff.diff_type() >= DiffType::Scale || bj.suspended != aj.suspended;
    if bj.upgrade_mode != UpgradeMode::Stateless
        && aj.upgrade_mode == UpgradeMode::Stateless
        && !restarts
    {
        reasons.push(Reason {
            cause: Cause::ModeToStateless {
                from: bj.upgrade_mode.as_str().into(),
                restarts_now: false,
            },
            pointer: a.field(&["job", "upgradeMode"]),
        });
    }
}
