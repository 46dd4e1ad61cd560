//! Session clusters: any change the operator does not ignore deletes the cluster (keeping
//! its HA data) and deploys it again (`SessionReconciler.reconcileSpecChange`); the
//! session jobs on it come back from their checkpoints only with high availability.

use super::super::facts::Facts;
use super::super::specdiff::{DiffType, spec_diff};
use super::super::steps::{self, Step, Target};
use super::super::verdict::{Action, Cause, Downtime, Fate, Reason, Verdict, Which};
use super::Cx;
use super::evidence::Notes;
use super::plans::{file, fko_target};
use crate::core::review::conf::keys;

/// A changed session cluster.
pub(super) fn cluster(cx: &Cx<'_, '_>, b: &Facts<'_>, a: &Facts<'_>) -> Verdict {
    let diff = spec_diff(&b.spec, &a.spec, b.mode);
    if diff.diff_type() == DiffType::Ignore {
        return Verdict::new(
            Action::Nothing,
            "The operator records the change without redeploying the session cluster (IGNORE).",
            Fate::Untouched,
            "the session jobs keep running",
        );
    }
    let mut notes = Notes::default();
    let jobs = cx.after.session_jobs_of(a.resource);
    let names: Vec<String> = jobs.iter().map(|j| j.name().to_string()).collect();
    let ha = b.conf.ha() && a.conf.ha();
    if ha {
        notes.setting(Which::Before, b, keys::HA_TYPE, "the session cluster has high availability");
    } else {
        notes.setting(
            Which::Before,
            b,
            keys::HA_TYPE,
            "the session cluster has no high availability",
        );
    }
    let mut reasons = Vec::new();
    let (fate, why) = if names.is_empty() {
        (Fate::None, "no session job runs on it in the design".to_string())
    } else if ha {
        (
            Fate::LastCheckpoint,
            format!(
                "its session jobs ({}) recover from their latest checkpoints through the kept HA data",
                names.join(", ")
            ),
        )
    } else {
        (
            Fate::Lost,
            format!(
                "its session jobs ({}) are lost with the JobManager: without HA nothing recovers them, and the operator reports them missing",
                names.join(", ")
            ),
        )
    };
    if !names.is_empty() {
        reasons.push(Reason {
            cause: Cause::SessionJobsInterrupted { jobs: names.clone(), ha },
            pointer: a.field(&[]).to_string(),
        });
    }
    let together: Vec<String> =
        jobs.iter().filter(|j| cx.changed.contains(&j.id)).map(|j| j.name().to_string()).collect();
    if !together.is_empty() {
        reasons.push(Reason {
            cause: Cause::ClusterAndJobsTogether { jobs: together.clone() },
            pointer: a.field(&[]),
        });
    }
    let fields: Vec<&str> =
        diff.of_type(diff.diff_type()).map(|f| f.path.as_str()).take(4).collect();
    let mut v = Verdict::new(
        Action::Redeploy,
        format!(
            "The operator deletes the session cluster{} and deploys the new spec, because of {}.",
            if ha { " (keeping its HA data)" } else { "" },
            fields.join(", ")
        ),
        fate,
        why,
    )
    .downtime(Downtime::Redeploy)
    .rollback(
        fate != Fate::Lost,
        if fate == Fate::Lost {
            "jobs lost with the cluster do not come back"
        } else {
            "another redeploy"
        },
    );
    if let Some(t) = fko_target(a) {
        if fate == Fate::Lost {
            v.steps = suspend_jobs_around(cx, &jobs, t, a);
        } else if !together.is_empty() {
            v.steps = two_phase(t, a, &jobs);
        }
    }
    v.evidence = notes.0;
    v.reasons = reasons;
    v
}

fn job_target<'r>(j: &'r crate::core::model::Resource) -> Target<'r> {
    Target { kind: "FlinkSessionJob", namespace: j.namespace(), name: j.name() }
}

fn wait_ready(t: Target<'_>) -> Step {
    let ns = t
        .namespace
        .map(|n| format!(" -n {}", crate::core::cmf::script::quote(n)))
        .unwrap_or_default();
    Step {
        title: format!("Wait until session cluster {} is ready", t.name),
        commands: vec![format!(
            "kubectl{ns} wait flinkdeployment/{} --for=jsonpath='{{.status.jobManagerDeploymentStatus}}'=READY --timeout=15m",
            t.name
        )],
    }
}

/// Savepoint and suspend every session job, change the cluster, resume the jobs.
fn suspend_jobs_around(
    _cx: &Cx<'_, '_>,
    jobs: &[&crate::core::model::Resource],
    cluster: Target<'_>,
    a: &Facts<'_>,
) -> Vec<Step> {
    let mut out = Vec::new();
    for j in jobs {
        out.push(steps::edit(format!(
            "Make sure session job {} has upgradeMode: savepoint",
            j.name()
        )));
        out.push(steps::fko_suspend(job_target(j)));
    }
    out.push(steps::kubectl_apply(cluster, file(a), "redeploys the session cluster"));
    out.push(wait_ready(cluster));
    for j in jobs {
        out.push(steps::fko_resume(job_target(j)));
    }
    out
}

/// Apply the cluster first, wait, then the session jobs (FLINK-39165).
fn two_phase(
    cluster: Target<'_>,
    a: &Facts<'_>,
    jobs: &[&crate::core::model::Resource],
) -> Vec<Step> {
    let mut out = vec![
        steps::kubectl_apply(cluster, file(a), "the session cluster alone first"),
        wait_ready(cluster),
    ];
    for j in jobs {
        let f = j.origin.as_ref().map(|o| o.file.as_str());
        out.push(steps::kubectl_apply(job_target(j), f, "then the session job"));
    }
    out
}
