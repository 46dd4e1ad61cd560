//! Resources the change adds or removes.

use super::super::facts::{Facts, Shape, UpgradeMode};
use super::super::steps;
use super::super::verdict::{Action, Cause, Downtime, Fate, Reason, Verdict, Which};
use super::Cx;
use super::evidence::Notes;
use super::plans::{cmf_target, fko_target};

/// A resource only the new design has.
pub(super) fn added(_cx: &Cx<'_, '_>, a: &Facts<'_>) -> Verdict {
    let mut notes = Notes::default();
    let mut reasons = Vec::new();
    let from = a.job.as_ref().and_then(|j| j.initial_savepoint.clone());
    let (fate, why) = match (&from, a.shape) {
        (Some(p), _) => {
            notes.field(
                Which::After,
                a,
                &["job", "initialSavepointPath"],
                format!("initialSavepointPath is {p}"),
            );
            (Fate::Savepoint, format!("the new job starts from {p}"))
        }
        (None, Shape::Statement) if a.spec.get("startFromSavepoint").is_some() => {
            reasons.push(Reason {
                cause: Cause::StartFromSavepointOnCreate,
                pointer: a.field(&["startFromSavepoint"]),
            });
            (Fate::None, "startFromSavepoint is honoured only when a statement is updated: the new statement starts empty".into())
        }
        _ => (Fate::None, "a new resource starts without state".into()),
    };
    let what = match a.shape {
        Shape::ComputePool | Shape::Statement | Shape::Environment | Shape::CmfApplication => {
            "CMF creates it"
        }
        _ => "The operator deploys it",
    };
    let mut v = Verdict::new(Action::Deploy, format!("{what}."), fate, why)
        .rollback(true, "delete it again");
    v.evidence = notes.0;
    v.reasons = reasons;
    v
}

/// A resource only the baseline has.
pub(super) fn removed(cx: &Cx<'_, '_>, b: &Facts<'_>) -> Verdict {
    let mut notes = Notes::default();
    let how = "Deleting it (kubectl delete, kubectl apply --prune, fstudio apply --delete-missing)";
    let running = b.meant_to_run() && b.status.running() != Some(false);
    let stateful = b.has_state() || b.upgrade_mode() != UpgradeMode::Stateless;
    let mut v = match b.shape {
        Shape::ApplicationCluster
        | Shape::SessionJob
        | Shape::CmfApplication
        | Shape::BlueGreen
        | Shape::Statement
            if running && stateful =>
        {
            if let Some(d) = &b.checkpoint_dir {
                notes.dir(Which::Before, b, d);
            }
            Verdict::new(
                Action::Delete,
                format!("{how} cancels the running job and removes its high-availability data."),
                Fate::Lost,
                "the job's state goes with it unless a savepoint is taken first (checkpoints are not kept on cancel unless externalized retention is on)",
            )
            .downtime(Downtime::Stopped)
            .rollback(false, "a re-created job starts empty unless it starts from a savepoint")
        }
        Shape::SessionCluster => {
            let jobs: Vec<String> = cx
                .before
                .session_jobs_of(b.resource)
                .iter()
                .map(|j| j.name().to_string())
                .collect();
            let what = if jobs.is_empty() {
                "stops the session cluster".to_string()
            } else {
                format!(
                    "stops the session cluster and the session jobs on it ({})",
                    jobs.join(", ")
                )
            };
            Verdict::new(
                Action::Delete,
                format!("{how} {what}."),
                Fate::None,
                "a session cluster holds no state of its own",
            )
            .downtime(Downtime::Stopped)
        }
        _ => Verdict::new(
            Action::Delete,
            format!("{how} removes it."),
            Fate::None,
            "no running job state",
        )
        .downtime(if running { Downtime::Stopped } else { Downtime::None }),
    };
    if v.state == Fate::Lost {
        let cmf = matches!(b.shape, Shape::CmfApplication | Shape::Statement);
        v.reasons.push(Reason { cause: Cause::RunningJobDeleted { cmf }, pointer: String::new() });
        if let Some(t) = fko_target(b).filter(|_| b.shape != Shape::BlueGreen) {
            v.steps = vec![steps::fko_savepoint(t, None), steps::kubectl_delete(t)];
        } else if let Some(t) = cmf_target(b) {
            v.steps = vec![
                steps::cmf_savepoint(t),
                steps::edit(
                    "Detach the savepoint (confluent flink savepoint detach) so it outlives the deletion, then delete",
                ),
            ];
        }
    }
    v.evidence = notes.0;
    v
}
