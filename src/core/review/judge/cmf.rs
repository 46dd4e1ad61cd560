//! CMF compute pools, statements and environments (CMF REST payloads or CFK CRs): what
//! CMF's OpenAPI and documentation say an update does. Immutable fields are rejected;
//! statements are stopped, resumed and rescaled only in some phases (manage-statements
//! docs); a statement's state survives a stop through a savepoint when its upgrade mode
//! (CMF ≥ 2.4, `spec.upgradeMode`, else `savepoint` when the pool has checkpoint and
//! savepoint directories) or CMF < 2.4 says so.

use serde_json::Value;

use super::super::facts::Facts;
use super::super::steps::{self, CmfTarget};
use super::super::verdict::{Action, Cause, Downtime, Fate, Reason, Verdict, Which};
use super::Cx;
use super::evidence::Notes;
use super::plans::cmf_target;
use crate::core::cmf::diff::fields;
use crate::core::flink::version::CmfFeature;

fn changed_paths(b: &Facts<'_>, a: &Facts<'_>) -> Vec<String> {
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Some(m) = v.as_object_mut() {
            for k in ["status", "created_time", "updated_time", "secrets", "metadata"] {
                m.shift_remove(k);
            }
        }
        v
    };
    fields(&strip(&b.spec), &strip(&a.spec)).into_iter().map(|c| c.path).collect()
}

fn env_of<'f>(f: &'f Facts<'_>) -> &'f str {
    f.environment.as_deref().unwrap_or("<environment>")
}

/// A changed compute pool (`None`: nothing changed).
pub(super) fn pool(cx: &Cx<'_, '_>, b: &Facts<'_>, a: &Facts<'_>) -> Option<Verdict> {
    let paths = changed_paths(b, a);
    if paths.is_empty() {
        return None;
    }
    let mut notes = Notes::default();
    let statements = cx.before.statements_on(b.resource);
    let running: Vec<String> = statements
        .iter()
        .filter_map(|s| cx.before.facts(s))
        .filter(|s| s.meant_to_run() && s.status.running() != Some(false))
        .map(|s| s.resource.name().to_string())
        .collect();
    let all: Vec<String> = statements.iter().map(|s| s.name().to_string()).collect();
    let confirmed = statements
        .iter()
        .filter_map(|s| cx.before.facts(s))
        .any(|s| s.status.running() == Some(true));
    let cmf = cx.after.targets.cmf;
    let path = format!("/environments/{}/compute-pools/{}", env_of(a), a.resource.name());
    let v = if paths.iter().any(|p| p == "/type") {
        notes.field(Which::After, a, &["type"], "spec.type changed");
        let mut v = reject(
            "Compute pool type is immutable: CMF rejects the update.",
            a.field(&["type"]),
            Cause::PoolTypeChanged,
        );
        v.steps = vec![steps::edit(format!(
            "Create a compute pool of the new type under a new name, recreate its statements ({}) on it from savepoints, then delete this pool",
            all.join(", ")
        ))];
        v
    } else if !CmfFeature::ComputePoolUpdate.in_release(cmf) {
        notes.rule(format!(
            "CMF {cmf} has no compute-pool update (PUT arrived in {})",
            CmfFeature::ComputePoolUpdate.since().minor_text()
        ));
        let mut v = reject(
            &format!(
                "CMF {cmf} cannot update a compute pool; it must be deleted and created again."
            ),
            a.field(&[]),
            Cause::PoolWithoutUpdate { statements: all.clone() },
        );
        if all.is_empty() {
            v.reasons.clear();
        }
        v.steps = stop_around(
            a,
            &running,
            steps::edit("Delete the compute pool and create it again with the new spec"),
        );
        v
    } else if !running.is_empty() {
        notes.rule("CMF answers 409 to a compute-pool update while statements run on it");
        let mut v = reject(
            &format!(
                "CMF rejects the update while statements run on the pool ({}): 409 Conflict.",
                running.join(", ")
            ),
            a.field(&[]),
            Cause::PoolUpdateWhileRunning { statements: running.clone(), confirmed },
        );
        v.steps = stop_around(
            a,
            &running,
            steps::cmf_rest(
                "Update the compute pool (the Confluent CLI has no command for it)",
                "PUT",
                &path,
                Some("pool.json"),
            ),
        );
        v
    } else {
        Verdict::new(
            Action::Nothing,
            "CMF updates the compute pool; statements deployed on it from now on use the new cluster spec.",
            Fate::None,
            "no statement runs on it",
        )
    };
    let mut v = v;
    v.evidence.splice(0..0, notes.0);
    Some(v)
}

fn reject(summary: &str, pointer: String, cause: Cause) -> Verdict {
    let mut v = Verdict::new(
        Action::Reject,
        summary,
        Fate::Untouched,
        "nothing is applied; running statements keep running",
    )
    .rollback(true, "nothing was applied");
    v.reasons.push(Reason { cause, pointer });
    v
}

/// Stop the running statements (savepoints), run `middle`, resume them.
fn stop_around(a: &Facts<'_>, running: &[String], middle: steps::Step) -> Vec<steps::Step> {
    let env = env_of(a);
    let mut out: Vec<steps::Step> = running
        .iter()
        .map(|s| {
            steps::cmf_statement(CmfTarget { noun: "statement", environment: env, name: s }, "stop")
        })
        .collect();
    out.push(middle);
    out.extend(running.iter().map(|s| {
        steps::cmf_statement(CmfTarget { noun: "statement", environment: env, name: s }, "resume")
    }));
    out
}

/// How a statement's state survives a stop: its upgrade mode.
fn stop_fate(cx: &Cx<'_, '_>, f: &Facts<'_>, notes: &mut Notes) -> (Fate, String) {
    let cmf = cx.after.targets.cmf;
    let reads_mode = CmfFeature::StatementUpgradeMode.in_release(cmf);
    let explicit = f.spec.get("upgradeMode").and_then(Value::as_str).filter(|_| reads_mode);
    let mode = match explicit {
        Some(m) => {
            notes.field(Which::After, f, &["upgradeMode"], format!("upgradeMode is {m}"));
            m
        }
        None if f.checkpoint_dir.is_some() && f.savepoint_dir.is_some() => "savepoint",
        None if reads_mode => "stateless",
        None => "savepoint",
    };
    if explicit.is_none() {
        notes.rule(if reads_mode {
            "CMF ≥ 2.4 picks savepoint when the pool has checkpoint and savepoint directories, else stateless"
        } else {
            "CMF < 2.4 takes a savepoint when a statement is stopped"
        });
    }
    match mode {
        "stateless" => {
            (Fate::Lost, "upgradeMode stateless: the statement comes back with empty state".into())
        }
        _ => match &f.savepoint_dir {
            Some(d) if d.durability.survives() => {
                notes.dir(Which::After, f, d);
                (Fate::Savepoint, format!("a savepoint in {}", d.uri))
            }
            Some(d) => {
                notes.dir(Which::After, f, d);
                (
                    Fate::Lost,
                    format!(
                        "the savepoint goes to {}, which does not survive",
                        d.durability.describe()
                    ),
                )
            }
            None => (Fate::Unknown, "the pool names no savepoint directory".into()),
        },
    }
}

fn phase_check(
    b: &Facts<'_>,
    allowed: &[&str],
    operation: &str,
    pointer: String,
    notes: &mut Notes,
) -> Option<Reason> {
    let phase = b.status.phase()?;
    notes.status(b, "/status/phase", format!("the statement's phase is {phase}"));
    (!allowed.contains(&phase)).then(|| Reason {
        cause: Cause::PhaseForbids { operation: operation.into(), phase: phase.into() },
        pointer,
    })
}

/// A changed statement.
pub(super) fn statement(cx: &Cx<'_, '_>, b: &Facts<'_>, a: &Facts<'_>) -> Verdict {
    let mut notes = Notes::default();
    let paths = changed_paths(b, a);
    let t = cmf_target(a);
    let stopped = |f: &Facts<'_>| f.spec.get("stopped").and_then(Value::as_bool) == Some(true);
    let mut v = if paths.iter().any(|p| p == "/statement") {
        notes.field(Which::After, a, &["statement"], "the SQL text changed");
        let mut v = reject(
            "A statement's SQL is immutable: CMF rejects the update.",
            a.field(&["statement"]),
            Cause::StatementSqlChanged,
        );
        if let Some(t) = t {
            v.steps = vec![
                steps::cmf_statement(t, "stop"),
                steps::cmf_savepoint(t),
                steps::edit(format!(
                    "Create the new SQL as a new statement (e.g. {}-v2) with stopped: true; then update it with startFromSavepoint.initialSavepointPath set to that savepoint's path (add allowNonRestoredState if operators changed) and stopped: false. A changed query may not map onto the old state.",
                    a.resource.name()
                )),
                steps::edit(format!(
                    "Delete statement {} once the new one runs",
                    a.resource.name()
                )),
            ];
        }
        v
    } else if let (Some(from), Some(to)) = (
        b.spec.get("computePoolName").and_then(Value::as_str),
        a.spec.get("computePoolName").and_then(Value::as_str),
    ) && from != to
    {
        notes.field(
            Which::After,
            a,
            &["computePoolName"],
            format!("computePoolName {from} → {to}"),
        );
        let mut v = Verdict::new(
            Action::Undocumented,
            "CMF does not document moving a statement to another compute pool.",
            Fate::Unknown,
            "expect a rejection, or a new job on the other pool without the old state",
        );
        v.reasons.push(Reason {
            cause: Cause::StatementPoolMoved { from: from.into(), to: to.into() },
            pointer: a.field(&["computePoolName"]),
        });
        v
    } else if !stopped(b) && stopped(a) {
        let check = phase_check(
            b,
            &["PENDING", "RUNNING", "FAILING"],
            "stop",
            a.field(&["stopped"]),
            &mut notes,
        );
        let (fate, why) = stop_fate(cx, a, &mut notes);
        let mut v = Verdict::new(
            Action::Suspend,
            "CMF stops the statement; it stays stopped until resumed.",
            fate,
            why,
        )
        .downtime(Downtime::Stopped);
        v.reasons.extend(check);
        v
    } else if stopped(b) && !stopped(a) {
        let check = phase_check(b, &["STOPPED"], "resume", a.field(&["stopped"]), &mut notes);
        let (fate, why) = stop_fate(cx, b, &mut notes);
        let mut v = Verdict::new(
            Action::Resume,
            "CMF resumes the statement from what its stop kept.",
            fate,
            why,
        );
        v.reasons.extend(check);
        v
    } else if paths.iter().any(|p| p.starts_with("/startFromSavepoint")) {
        let path = a
            .spec
            .pointer("/startFromSavepoint/initialSavepointPath")
            .and_then(Value::as_str)
            .unwrap_or("the named savepoint");
        Verdict::new(
            Action::RedeployFromSavepoint,
            format!("CMF restarts the statement from {path}."),
            Fate::Replaced,
            format!("the statement restarts from {path}; progress since then is not in it"),
        )
        .downtime(Downtime::Restart)
        .rollback(false, "a savepoint redeploy cannot be rolled back")
    } else if paths.iter().all(|p| p == "/parallelism" || p == "/upgradeMode")
        && paths.iter().any(|p| p == "/parallelism")
    {
        let check = phase_check(
            b,
            &["PENDING", "RUNNING", "STOPPED", "FAILING"],
            "rescale",
            a.field(&["parallelism"]),
            &mut notes,
        );
        let (fate, why) = if stopped(a) {
            (
                Fate::Untouched,
                "the statement is stopped; it resumes at the new parallelism".to_string(),
            )
        } else {
            stop_fate(cx, a, &mut notes)
        };
        notes.rule("CMF rescales a statement by restarting its job at the new parallelism (manage-statements docs)");
        let mut v = Verdict::new(
            Action::Restart,
            "CMF rescales the statement (its job restarts at the new parallelism).",
            fate,
            why,
        )
        .downtime(if stopped(a) { Downtime::None } else { Downtime::Restart });
        v.reasons.extend(check);
        v
    } else if paths.iter().all(|p| p == "/upgradeMode") {
        notes.rule("CMF: changing upgradeMode alone does not restart a running statement");
        Verdict::new(
            Action::Nothing,
            "CMF records the new upgrade mode; it takes effect at the next stop and resume.",
            Fate::Untouched,
            "the statement keeps running",
        )
    } else {
        let mut v = Verdict::new(
            Action::Undocumented,
            format!(
                "CMF records the update ({}); whether the running job picks it up is not documented.",
                paths.join(", ")
            ),
            Fate::Untouched,
            "stop and resume the statement to apply it for certain (its state goes through the stop's savepoint)",
        );
        if let Some(t) = t {
            v.steps = vec![
                steps::cmf_statement(t, "stop"),
                steps::edit("Apply the update"),
                steps::cmf_statement(t, "resume"),
            ];
        }
        v
    };
    if v.state == Fate::Lost && matches!(v.action, Action::Suspend | Action::Restart) {
        let operation = if v.action == Action::Suspend { "stop" } else { "rescale" };
        v.reasons.push(Reason {
            cause: Cause::StatementStateDropped {
                operation: operation.into(),
                why: v.state_reason.clone(),
            },
            pointer: a.field(&[if operation == "stop" { "stopped" } else { "parallelism" }]),
        });
    }
    let forbidden = v.reasons.iter().find_map(|r| match &r.cause {
        Cause::PhaseForbids { operation, phase } => Some((operation.clone(), phase.clone())),
        _ => None,
    });
    if let Some((operation, phase)) = forbidden {
        v.action = Action::Reject;
        v.summary = format!("CMF rejects the {operation}: it is not allowed in phase {phase}.");
        v.state = Fate::Untouched;
        v.state_reason = "nothing is applied".into();
        v.risk.downtime = Downtime::None;
    }
    v.evidence.splice(0..0, notes.0);
    v
}

/// A changed environment (`None`: nothing changed).
pub(super) fn environment(cx: &Cx<'_, '_>, b: &Facts<'_>, a: &Facts<'_>) -> Option<Verdict> {
    let paths = changed_paths(b, a);
    if paths.is_empty() {
        return None;
    }
    let mut notes = Notes::default();
    let moved: Vec<&str> = ["kubernetesNamespace", "kubernetesClusterName"]
        .into_iter()
        .filter(|f| paths.iter().any(|p| p == &format!("/{f}")))
        .collect();
    let members: Vec<String> =
        cx.after.members_of(a.resource).iter().map(|m| m.name().to_string()).collect();
    if let Some(field) = moved.first() {
        notes.field(Which::After, a, &[field], format!("{field} changed"));
        let cmf = cx.after.targets.cmf;
        let mut v = if CmfFeature::ImmutableEnvironmentPlacement.in_release(cmf) {
            Verdict::new(
                Action::Reject,
                format!(
                    "CMF rejects the update: the environment's {field} is immutable after creation."
                ),
                Fate::Untouched,
                "nothing is applied",
            )
        } else {
            Verdict::new(
                Action::Undocumented,
                format!(
                    "CMF {cmf} does not document changing an environment's {field}; its applications, pools and statements may be orphaned."
                ),
                Fate::Unknown,
                "existing Flink resources stay where they run",
            )
        };
        v.reasons.push(Reason {
            cause: Cause::EnvironmentMoved { field: field.to_string() },
            pointer: a.field(&[field]),
        });
        v.steps = vec![steps::edit(format!(
            "Create a new environment for the new {field}, recreate its applications and statements there from savepoints ({}), then delete the old environment",
            if members.is_empty() { "none in the design".to_string() } else { members.join(", ") }
        ))];
        v.evidence = notes.0;
        return Some(v);
    }
    notes.rule("CMF merges environment defaults into an application or statement when it is created or updated (the instance records the merge)");
    let mut v = Verdict::new(
        Action::Nothing,
        format!(
            "CMF stores the new defaults ({}); running applications and statements keep theirs until their next update.",
            paths.join(", ")
        ),
        Fate::Untouched,
        if members.is_empty() {
            "no member in the design".to_string()
        } else {
            format!("affects the next update of {}", members.join(", "))
        },
    );
    v.evidence = notes.0;
    Some(v)
}
