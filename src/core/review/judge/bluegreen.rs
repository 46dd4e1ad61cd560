//! FlinkBlueGreenDeployment (FKO ≥ 1.14): the blue/green controller compares the
//! template's spec (`FlinkBlueGreenDeploymentSpecDiff`): a `job.state` change suspends or
//! resumes the active colour in place, a new `savepointRedeployNonce` redeploys from
//! `initialSavepointPath`, a change the operator would ignore is patched into the active
//! child, and any other change is a transition: a savepoint of the active colour (unless
//! `upgradeMode: stateless`), the other colour deployed from it, then the switch.

use super::super::facts::{Facts, UpgradeMode};
use super::super::specdiff::{DiffType, spec_diff};
use super::super::verdict::{Action, Downtime, Fate, Verdict, Which};
use super::evidence::Notes;
use super::{Cx, state};

/// A changed blue/green deployment.
pub(super) fn blue_green(_cx: &Cx<'_, '_>, b: &Facts<'_>, a: &Facts<'_>) -> Verdict {
    let mut notes = Notes::default();
    let mut reasons = Vec::new();
    let (bs, as_) =
        (b.job.as_ref().is_some_and(|j| j.suspended), a.job.as_ref().is_some_and(|j| j.suspended));
    let diff = spec_diff(&b.spec, &a.spec, b.mode);
    let mut v = if bs != as_ {
        if as_ {
            let mut v = state::suspend(b, a, &mut notes, &mut reasons);
            v.summary = format!(
                "The blue/green controller suspends the active colour in place: {}",
                lower(&v.summary)
            );
            v
        } else {
            let mut v = state::resume(b, a, &mut notes, &mut reasons);
            v.summary = "The blue/green controller starts the suspended colour again with the current spec.".into();
            v
        }
    } else if diff.diff_type() == DiffType::SavepointRedeploy {
        let mut v = state::savepoint_redeploy(b, a, &mut notes);
        v.action = Action::Switch;
        v.summary = "The blue/green controller deploys the other colour from initialSavepointPath (no new savepoint) and switches to it.".into();
        v.risk.downtime = Downtime::None;
        v
    } else if diff.is_empty() {
        Verdict::new(
            Action::Nothing,
            "The template's spec is unchanged; the controller applies other changes (configuration, ingress) at the next transition.",
            Fate::Untouched,
            "the active colour keeps running",
        )
    } else if diff.diff_type() == DiffType::Ignore {
        Verdict::new(
            Action::Nothing,
            "The blue/green controller patches the change into the active colour without a transition or restart (PATCH_CHILD).",
            Fate::Untouched,
            "the active colour keeps running",
        )
    } else {
        let mode = if a.upgrade_mode() == UpgradeMode::Stateless {
            UpgradeMode::Stateless
        } else {
            UpgradeMode::Savepoint
        };
        if mode == UpgradeMode::Savepoint && a.upgrade_mode() == UpgradeMode::LastState {
            notes.rule(
                "the blue/green controller takes a savepoint for every upgrade mode but stateless",
            );
        }
        let (fate, why) = state::carried(b, a, mode, &mut notes, &mut reasons);
        let how = if mode == UpgradeMode::Stateless {
            "deploys the other colour with empty state (upgradeMode stateless)"
        } else {
            "takes a savepoint of the active colour and deploys the other colour from it"
        };
        Verdict::new(
            Action::Switch,
            format!(
                "The blue/green controller {how}, switches to it once it is ready and deletes the old colour. Both colours process input until the switch: sinks that are not idempotent see duplicates."
            ),
            fate,
            why,
        )
        .rollback(fate != Fate::Lost, "another transition back to the baseline's template")
    };
    if v.action == Action::Switch {
        notes.field(Which::After, a, &[], "blue/green transition (the template's spec changed)");
    }
    v.evidence.splice(0..0, notes.0);
    v.reasons.splice(0..0, reasons);
    v
}

fn lower(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
}
