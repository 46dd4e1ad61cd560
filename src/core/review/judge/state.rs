//! What an upgrade, suspend or resume carries over: the operator's `getJobUpgrade`
//! (which suspend mode for which upgrade mode), where the state is written and whether the
//! redeployed cluster can read it there.

use super::super::facts::{Facts, Shape, StateDir, UpgradeMode};
use super::super::specdiff::{DeployMode, SpecDiff};
use super::super::verdict::{Action, Cause, Downtime, Fate, Reason, Verdict, Which};
use super::evidence::Notes;
use super::job::upgrade_downtime;
use crate::core::flink::version::{self, FlinkVersion};
use crate::core::review::conf::keys;

/// Whether the job runs now: the baseline's status when it has one, else its spec.
/// Returns a suffix for sentences that names the evidence.
pub(super) fn running_now(b: &Facts<'_>, notes: &mut Notes) -> (bool, String) {
    match (b.status.running(), b.status.job_state().or(b.status.phase())) {
        (Some(running), Some(state)) => {
            let at = if b.status.phase().is_some() {
                "/status/phase"
            } else {
                "/status/jobStatus/state"
            };
            notes.status(b, at, format!("the baseline's status says {state}"));
            (running && b.meant_to_run(), format!(" (status {state})"))
        }
        _ => {
            let fact = if b.meant_to_run() {
                "deployed with job.state running (no status in the baseline: assumed running)"
            } else {
                "deployed with job.state suspended"
            };
            notes.field(Which::Before, b, &["job", "state"], fact);
            (b.meant_to_run(), String::new())
        }
    }
}

/// Why `dir` (written by the deployed job) cannot be read after the change, if so.
fn unreadable(dir: &StateDir, a: &Facts<'_>) -> Option<String> {
    if !dir.durability.survives() {
        return Some(dir.durability.describe());
    }
    let after = a.durability_of(&dir.uri);
    (!after.survives()).then(|| format!("{}, in the new spec's pods", after.describe()))
}

fn major_crossing(b: &Facts<'_>, a: &Facts<'_>) -> Option<(FlinkVersion, FlinkVersion)> {
    let (from, to) = (b.flink_version?, a.flink_version?);
    (from.major != to.major).then_some((from, to))
}

/// What a restore in `mode` carries over from the deployed job `b` to `a`.
pub(super) fn carried(
    b: &Facts<'_>,
    a: &Facts<'_>,
    mode: UpgradeMode,
    notes: &mut Notes,
    reasons: &mut Vec<Reason>,
) -> (Fate, String) {
    let (fate, why, dir) = match mode {
        UpgradeMode::Stateless => {
            notes.field(Which::After, a, &["job", "upgradeMode"], "upgradeMode is stateless");
            if !(b.has_state() || a.has_state()) {
                return (
                    Fate::None,
                    "a stateless job without checkpoints: there is no state to carry".into(),
                );
            }
            if let Some(d) = &b.checkpoint_dir {
                notes.dir(Which::Before, b, d);
            } else {
                notes.setting(Which::Before, b, keys::CHECKPOINT_INTERVAL, "the job checkpoints");
            }
            let pointer = a.field(&["job", "upgradeMode"]);
            let cause = match b.upgrade_mode() {
                UpgradeMode::Stateless => Cause::StatelessRestartDropsState,
                from => Cause::ModeToStateless { from: from.as_str().into(), restarts_now: true },
            };
            reasons.push(Reason { cause, pointer });
            return (Fate::Lost, "upgradeMode stateless: the job restarts from empty state and its checkpoints are not used".into());
        }
        UpgradeMode::Savepoint => {
            (Fate::Savepoint, "a savepoint taken by the upgrade", &b.savepoint_dir)
        }
        UpgradeMode::LastState => (Fate::LastCheckpoint, "the last checkpoint", &b.checkpoint_dir),
    };
    notes.field(
        Which::After,
        a,
        &["job", "upgradeMode"],
        format!("upgradeMode is {}", mode.as_str()),
    );
    let Some(dir) = dir else {
        let key = if mode == UpgradeMode::Savepoint { "savepoint" } else { "checkpoint" };
        return (
            Fate::Unknown,
            format!(
                "no {key} directory is configured: the operator's validator rejects this upgrade mode (see FKO-JOB-001/002)"
            ),
        );
    };
    notes.dir(Which::Before, b, dir);
    if let Some(holder) = unreadable(dir, a) {
        reasons.push(Reason {
            cause: Cause::NonDurableState {
                key: dir.key.into(),
                dir: dir.uri.clone(),
                why: holder.clone(),
            },
            pointer: dir
                .set_at
                .as_ref()
                .map_or_else(|| a.field(&["flinkConfiguration"]), |(_, p)| p.clone()),
        });
        return (
            Fate::Lost,
            format!("{why} goes to {} on {holder}, which does not survive the redeploy", dir.uri),
        );
    }
    if mode == UpgradeMode::LastState
        && b.conf.ha()
        && let Some(ha) = b.conf.setting(keys::HA_DIR).filter(|s| !s.value.trim().is_empty())
        && let Some(why) = Some(a.durability_of(ha.value.trim())).filter(|d| !d.survives())
    {
        notes.setting(
            Which::Before,
            b,
            keys::HA_DIR,
            format!("high-availability.storageDir is {}", ha.value.trim()),
        );
        reasons.push(Reason {
            cause: Cause::NonDurableState {
                key: keys::HA_DIR.into(),
                dir: ha.value.trim().into(),
                why: why.describe(),
            },
            pointer: if ha.pointer.is_empty() {
                a.field(&["flinkConfiguration"])
            } else {
                ha.pointer.clone()
            },
        });
        return (
            Fate::Lost,
            format!(
                "the HA metadata that points at the last checkpoint is in {}, which does not survive the redeploy",
                why.describe()
            ),
        );
    }
    if let (Some(ad), true) = (&a.checkpoint_dir, mode == UpgradeMode::LastState)
        && ad.uri != dir.uri
    {
        reasons.push(Reason {
            cause: Cause::CheckpointDirMoved { from: dir.uri.clone(), to: ad.uri.clone() },
            pointer: ad
                .set_at
                .as_ref()
                .map_or_else(|| a.field(&["flinkConfiguration"]), |(_, p)| p.clone()),
        });
    }
    if let Some((from, to)) = major_crossing(b, a) {
        notes.field(
            Which::After,
            a,
            &["flinkVersion"],
            format!("flinkVersion {} → {}", from.enum_name(), to.enum_name()),
        );
        reasons.push(Reason {
            cause: Cause::MajorVersionCrossing { from: from.enum_name(), to: to.enum_name() },
            pointer: a.field(&["flinkVersion"]),
        });
        return (
            Fate::AtRisk,
            format!(
                "{why} in {} is restored by Flink {to}, written by Flink {from}: state serialized with Kryo or as POJOs with collections may not restore across a major version",
                dir.uri
            ),
        );
    }
    (fate, format!("{why} in {} ({})", dir.uri, dir.durability.describe()))
}

/// A running job upgraded: suspended the way the new `upgradeMode` says, then restored.
pub(super) fn upgrade(
    b: &Facts<'_>,
    a: &Facts<'_>,
    notes: &mut Notes,
    reasons: &mut Vec<Reason>,
) -> Verdict {
    let mut mode = a.upgrade_mode();
    let version_change = b.flink_version != a.flink_version;
    if mode == UpgradeMode::LastState && version_change && b.savepoint_dir.is_some() {
        notes.rule("a Flink version change with last-state uses a savepoint when a savepoint directory is set");
        mode = UpgradeMode::Savepoint;
    }
    let (fate, why) = carried(b, a, mode, notes, reasons);
    let cluster =
        matches!(a.shape, Shape::ApplicationCluster | Shape::CmfApplication | Shape::BlueGreen);
    let redeploy = if cluster {
        "redeploys the cluster with the new spec"
    } else {
        "submits the new spec to the session cluster"
    };
    let how = match mode {
        UpgradeMode::Stateless => format!("cancels the job and {redeploy} with empty state."),
        UpgradeMode::Savepoint => {
            format!("stops the job with a savepoint, then {redeploy} from it.")
        }
        UpgradeMode::LastState if cluster && a.conf.ha() && b.conf.ha() => {
            format!("{redeploy} from the latest checkpoint through the kept HA metadata.")
        }
        UpgradeMode::LastState => {
            format!("cancels the job, records its last checkpoint, and {redeploy} from it.")
        }
    };
    let (action, downtime) = upgrade_downtime(a);
    let mut v = Verdict::new(action, format!("The operator {how}"), fate, why).downtime(downtime);
    rollback(&mut v, b, a);
    v
}

fn rollback(v: &mut Verdict, b: &Facts<'_>, a: &Facts<'_>) {
    if let (Some(from), Some(to)) = (b.flink_version, a.flink_version)
        && to > from
    {
        *v = v.clone().rollback(
            false,
            format!(
                "a savepoint written by Flink {to} cannot be restored by Flink {from}; the operator does not roll back Flink version changes. Keep the savepoint taken before the change to go back"
            ),
        );
    } else if v.state == Fate::Lost {
        *v = v
            .clone()
            .rollback(false, "applying the baseline again does not bring the lost state back");
    } else {
        *v = v.clone().rollback(
            true,
            "applying the baseline again is another upgrade that carries the state the same way",
        );
    }
}

/// A running job whose new spec says `suspended`.
pub(super) fn suspend(
    b: &Facts<'_>,
    a: &Facts<'_>,
    notes: &mut Notes,
    reasons: &mut Vec<Reason>,
) -> Verdict {
    notes.field(Which::After, a, &["job", "state"], "job.state is suspended");
    let mode = a.upgrade_mode();
    let (fate, why) = carried(b, b, mode, notes, reasons);
    let how = match mode {
        UpgradeMode::Stateless => "cancels the job without keeping its state",
        UpgradeMode::Savepoint => "stops the job with a savepoint",
        UpgradeMode::LastState => "suspends the job keeping its last checkpoint (HA metadata kept)",
    };
    let mut v = Verdict::new(
        Action::Suspend,
        format!("The operator {how}; it stays stopped until job.state is running again."),
        fate,
        why,
    )
    .downtime(Downtime::Stopped)
    .rollback(true, "set job.state back to running: the job resumes from what the suspend kept");
    if fate == Fate::Lost {
        v = v.rollback(false, "a stateless suspend keeps nothing to resume from");
    }
    v
}

/// A suspended job whose new spec says `running`.
pub(super) fn resume(
    b: &Facts<'_>,
    a: &Facts<'_>,
    notes: &mut Notes,
    reasons: &mut Vec<Reason>,
) -> Verdict {
    notes.field(Which::After, a, &["job", "state"], "job.state is running");
    // The operator restores the way the job was suspended, unless a stateless start is asked for.
    let mode = if a.upgrade_mode() == UpgradeMode::Stateless {
        UpgradeMode::Stateless
    } else {
        b.upgrade_mode()
    };
    let (fate, why) = if b.upgrade_mode() == UpgradeMode::Stateless
        && mode == UpgradeMode::Stateless
        && !b.has_state()
    {
        (Fate::None, "the job was suspended stateless: it starts from empty state".to_string())
    } else {
        carried(b, a, mode, notes, reasons)
    };
    Verdict::new(
        Action::Resume,
        format!(
            "The operator starts the suspended job with the new spec ({} restore).",
            mode.as_str()
        ),
        fate,
        why,
    )
    .rollback(true, "suspend it again")
}

/// A job meant to run that the baseline's status reports as not running.
pub(super) fn not_running(
    b: &Facts<'_>,
    a: &Facts<'_>,
    diff: &SpecDiff,
    notes: &mut Notes,
) -> Verdict {
    let state = b.status.job_state().unwrap_or("not running");
    let _ = diff;
    let fallback =
        a.upgrade_mode() != UpgradeMode::Savepoint || b.conf.flag(keys::LAST_STATE_FALLBACK, true);
    let (fate, why) = match a.upgrade_mode() {
        UpgradeMode::Stateless => (Fate::Lost, "a stateless restart of a job that is not running keeps nothing".to_string()),
        _ if b.conf.ha() && fallback => (Fate::LastCheckpoint, "no savepoint can be taken; the operator restores from the HA metadata (last-state fallback)".to_string()),
        _ => (Fate::Unknown, "no savepoint can be taken and there is no HA metadata: the operator waits, or needs a manual restore from the last savepoint".to_string()),
    };
    if b.conf.ha() {
        notes.setting(Which::Before, b, keys::HA_TYPE, "high availability is on");
    }
    let (action, downtime) = upgrade_downtime(a);
    Verdict::new(action, format!("The job is {state}: the operator cannot take a savepoint and upgrades from what it last observed."), fate, why)
        .downtime(downtime)
}

/// True when the operator rescales in place: standalone with the reactive scheduler, or
/// native with Flink ≥ 1.18, the adaptive scheduler and in-place scaling enabled.
pub(super) fn scales_in_place(b: &Facts<'_>, a: &Facts<'_>, notes: &mut Notes) -> bool {
    if b.shape == Shape::SessionJob {
        return false;
    }
    match b.mode {
        DeployMode::Standalone => {
            let reactive = b
                .conf
                .value(keys::SCHEDULER_MODE)
                .is_some_and(|v| v.eq_ignore_ascii_case("reactive"));
            if reactive {
                notes.setting(Which::Before, b, keys::SCHEDULER_MODE, "scheduler-mode is reactive");
            }
            reactive
        }
        DeployMode::Native => {
            let new_enough = b.flink_version.is_some_and(|v| v >= version::ADAPTIVE_RESCALE_SINCE);
            let adaptive =
                b.conf.value(keys::SCHEDULER).is_some_and(|v| v.eq_ignore_ascii_case("adaptive"));
            let enabled = a.conf.flag(keys::INPLACE_SCALING, true);
            if new_enough && adaptive && enabled {
                notes.setting(
                    Which::Before,
                    b,
                    keys::SCHEDULER,
                    "the adaptive scheduler rescales through the resource requirements API",
                );
            }
            new_enough && adaptive && enabled
        }
    }
}

/// A new `savepointRedeployNonce` with an `initialSavepointPath`: redeploy from it.
pub(super) fn savepoint_redeploy(b: &Facts<'_>, a: &Facts<'_>, notes: &mut Notes) -> Verdict {
    let path = a.job.as_ref().and_then(|j| j.initial_savepoint.clone()).unwrap_or_default();
    notes.field(
        Which::After,
        a,
        &["job", "savepointRedeployNonce"],
        "a new savepointRedeployNonce",
    );
    notes.field(
        Which::After,
        a,
        &["job", "initialSavepointPath"],
        format!("initialSavepointPath is {path}"),
    );
    let (action, downtime) = upgrade_downtime(a);
    let _ = action;
    let from = b.status.last_savepoint();
    let why = match from {
        Some(last) if last == path => format!("the job restarts from {path}, its last savepoint"),
        _ => format!(
            "the job restarts from {path}; whatever it processed since that savepoint was taken is not in it"
        ),
    };
    Verdict::new(
        Action::RedeployFromSavepoint,
        format!("The operator cancels the job without a savepoint and redeploys the new spec from {path}."),
        Fate::Replaced,
        why,
    )
    .downtime(downtime)
    .rollback(false, "the operator marks a savepoint redeploy stable: rollback is not possible, and the state the job had is not kept")
}
