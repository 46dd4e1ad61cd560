//! The job-spec checks of the operator's `validateJobSpec` (domain.md rules 22–26, 28),
//! shared by the FlinkDeployment rules (FKO-JOB-00x) and FKO-SJ-005 for session jobs.

use serde_json::Value;

use super::conf::{CHECKPOINT_DIR, Conf, SAVEPOINT_DIR};
use crate::core::model::Resource;

/// Which check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Rule 22: stateful upgrade mode without a checkpoint directory.
    CheckpointDir,
    /// Rule 23: savepoint upgrade mode without a savepoint directory.
    SavepointDir,
    /// Rule 24: savepoint trigger nonce without a savepoint directory.
    TriggerNonce,
    /// Rule 25: periodic savepoints without a savepoint directory.
    PeriodicSavepoint,
    /// Rule 26: max checkpoint age without a savepoint directory.
    MaxCheckpointAge,
    /// Rule 28: parallelism below 1 when TaskManager replicas are not set.
    Parallelism,
}

/// A failed check, placed where the user should fix it.
pub struct Problem<'c> {
    /// Which check.
    pub check: Check,
    /// The resource to report on.
    pub resource: &'c Resource,
    /// Pointer of the offending field.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: &'static str,
}

type Locate<'a, 'c> = &'a dyn Fn(&[&str]) -> Option<(&'c Value, &'c Resource, String)>;

/// True when a duration text is zero (`0`, `0s`, `0 ms`).
fn is_zero_duration(v: &str) -> bool {
    let digits: String = v.trim().chars().take_while(|c| c.is_ascii_digit()).collect();
    !digits.is_empty() && digits.chars().all(|c| c == '0')
}

/// Runs the checks on a job whose fields `locate` finds (`job` is where the job spec is,
/// used when a field is absent), with `tm_replicas` telling whether TaskManager replicas
/// are set.
pub fn job_problems<'c>(
    locate: Locate<'_, 'c>,
    job: (&'c Resource, String),
    tm_replicas: bool,
    conf: &Conf<'c>,
) -> Vec<Problem<'c>> {
    let mut out = Vec::new();
    let cp = conf.value(CHECKPOINT_DIR).is_some_and(|v| !v.trim().is_empty());
    let sp = conf.value(SAVEPOINT_DIR).is_some_and(|v| !v.trim().is_empty());
    let mode = locate(&["job", "upgradeMode"]);
    let mut push = |check, (resource, pointer): (&'c Resource, String), message: String, hint| {
        out.push(Problem { check, resource, pointer, message, hint });
    };
    if let Some((v, r, at)) = mode {
        let m = v.as_str().unwrap_or("");
        if (m == "savepoint" || m == "last-state") && !cp {
            push(
                Check::CheckpointDir,
                (r, at.clone()),
                format!("Checkpoint directory must be defined for upgradeMode {m}"),
                "set execution.checkpointing.dir (state.checkpoints.dir) in flinkConfiguration",
            );
        }
        if m == "savepoint" && !sp {
            push(
                Check::SavepointDir,
                (r, at),
                "Savepoint upgrade mode needs a savepoint directory".into(),
                "set execution.checkpointing.savepoint-dir (state.savepoints.dir) in flinkConfiguration",
            );
        }
    }
    if !sp {
        if let Some((_, r, at)) = locate(&["job", "savepointTriggerNonce"]) {
            push(
                Check::TriggerNonce,
                (r, at),
                "Manual savepoints (savepointTriggerNonce) need a savepoint directory".into(),
                "set execution.checkpointing.savepoint-dir (state.savepoints.dir)",
            );
        }
        if let Some(h) = conf
            .get("kubernetes.operator.periodic.savepoint.interval")
            .filter(|h| !is_zero_duration(&h.value))
        {
            let place = (h.resource.unwrap_or(job.0), h.pointer.clone());
            push(
                Check::PeriodicSavepoint,
                place,
                format!("Periodic savepoints (every {}) need a savepoint directory", h.value),
                "set execution.checkpointing.savepoint-dir (state.savepoints.dir)",
            );
        }
        if let Some(h) =
            conf.get("kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age")
        {
            let place = (h.resource.unwrap_or(job.0), h.pointer.clone());
            push(
                Check::MaxCheckpointAge,
                place,
                "Max checkpoint age needs a savepoint directory".into(),
                "set execution.checkpointing.savepoint-dir (state.savepoints.dir)",
            );
        }
    }
    if !tm_replicas {
        let p = locate(&["job", "parallelism"]);
        let n = p.as_ref().map_or(Some(0.0), |(v, _, _)| v.as_f64());
        if n.is_some_and(|n| n < 1.0) {
            let (v, place) = match p {
                Some((v, r, at)) => (v.to_string(), (r, at)),
                None => ("omitted (0)".to_string(), (job.0, format!("{}/parallelism", job.1))),
            };
            push(
                Check::Parallelism,
                place,
                format!("Job parallelism must be larger than 0, is {v}"),
                "set job.parallelism (or taskManager.replicas)",
            );
        }
    }
    out
}

/// Reports the problems of one check on every job-bearing deployment spec.
pub fn report(
    cx: &crate::core::rules::Context<'_>,
    out: &mut crate::core::rules::Sink<'_>,
    check: Check,
) {
    let mut seen = crate::core::rules::Seen::default();
    for s in cx.sites().filter(|s| s.complete() && s.job_bearing()) {
        if s.merged(&["job"]).is_none() {
            continue; // session cluster
        }
        let tm = s.merged(&["taskManager", "replicas"]).is_some();
        let locate = |t: &[&str]| s.locate(t).map(|l| (l.value, l.resource, l.pointer));
        let conf = super::conf::of_site(cx, &s);
        for p in job_problems(&locate, (s.owner, s.field(&["job"])), tm, &conf) {
            if p.check == check && seen.first(p.resource, &p.pointer) {
                out.report(p.resource, &p.pointer, p.message).hint(p.hint);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_durations() {
        assert!(is_zero_duration("0"));
        assert!(is_zero_duration("0 s"));
        assert!(!is_zero_duration("10m"));
        assert!(!is_zero_duration("1h"));
    }
}
