//! Executing a plan: steps in order, stop at the first failure, report what was and was
//! not applied. Re-planning and applying again picks up where it stopped.

use serde_json::Value;

use super::client::Client;
use super::error::CmfError;
use super::plan::{Action, Plan, Step};
use super::transport::{Method, Request, Response, Transport};
use crate::core::model::Kind;

/// The server's answer to a step that succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// What the step did and a short form of the body (never secret values).
    pub summary: String,
}

/// Progress of an apply, reported as it happens.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Step `index` of the plan is being sent.
    Started(usize),
    /// Step `index` succeeded.
    Applied(usize, Answer),
    /// Step `index` failed; nothing after it is sent.
    Failed(usize, CmfError),
    /// Step `index` was cut off by the user before its body was sent whole (an artifact
    /// upload): CMF changed nothing for it, and nothing after it is sent.
    Interrupted(usize, CmfError),
}

/// The outcome of an apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Steps applied, in order, with the server's answer.
    pub applied: Vec<(usize, Answer)>,
    /// The step that failed, if any.
    pub failed: Option<(usize, CmfError)>,
    /// Steps not sent because an earlier one failed or the apply was cancelled.
    pub not_applied: Vec<usize>,
    /// The apply was cancelled (the steps before were applied whole, none after was
    /// sent).
    pub cancelled: bool,
    /// The step cut off mid-flight by the cancel, if the cancel came during an upload
    /// (it is also in `not_applied`: CMF never received it whole).
    pub interrupted: Option<usize>,
}

impl Report {
    /// True when every step that had something to send was applied.
    pub fn complete(&self) -> bool {
        self.failed.is_none() && !self.cancelled
    }
}

fn short_body(step: &Step, response: &Response) -> String {
    if step.key.kind == Kind::CmfSecret || response.body.trim().is_empty() {
        return String::new();
    }
    let compact = serde_json::from_str::<Value>(&response.body)
        .map(|v| v.to_string())
        .unwrap_or_else(|_| response.body.clone());
    let mut text: String = compact.chars().take(240).collect();
    if compact.chars().count() > 240 {
        text.push('…');
    }
    format!(": {text}")
}

fn request(method: Method, path: &str, step: &Step) -> Request {
    let mut r = Request::new(method, path);
    r.body = step.body.clone();
    r.upload = step.upload.clone();
    r
}

async fn run_step<T: Transport>(client: &Client<T>, step: &Step) -> Result<Answer, CmfError> {
    let method = step.method.unwrap_or(Method::Get);
    let verb = match step.action {
        Action::Create => "created",
        Action::Update => "updated",
        Action::Delete => "deleted",
        Action::Unchanged => "unchanged",
    };
    let sent = client.send(request(method, &step.path, step)).await;
    let response = match sent {
        // Created meanwhile (or by an earlier, interrupted apply): update it (§2.4).
        Err(e) if e.is_conflict() && step.action == Action::Create && method == Method::Post => {
            let Some((put, path)) = step.key.update().filter(|(m, _)| *m == Method::Put) else {
                return Err(e);
            };
            client.send(request(put, &path, step)).await.map_err(|e| hint(step, e))?
        }
        other => other.map_err(|e| hint(step, e))?,
    };
    Ok(Answer {
        status: response.status,
        summary: format!("{} {verb}{}", step.key, short_body(step, &response)),
    })
}

fn hint(step: &Step, error: CmfError) -> CmfError {
    match (step.key.kind, error.is_conflict(), step.action) {
        (Kind::ComputePool, true, Action::Update) => error.with_hint(
            "a compute pool cannot be changed while statements run on it: stop or delete them, \
             then apply again",
        ),
        (Kind::ComputePool, true, Action::Delete) => {
            error.with_hint("the compute pool is in use: delete its statements first")
        }
        (Kind::KafkaCatalog, true, Action::Delete) => {
            error.with_hint("the catalog still has databases: delete them first")
        }
        _ => error,
    }
}

/// Sends the plan's create, update and delete steps in order, reporting each through
/// `progress`, and stops at the first failure.
pub async fn apply<T: Transport>(
    client: &Client<T>,
    plan: &Plan,
    progress: impl FnMut(&Event),
) -> Report {
    apply_until(client, plan, progress, || false).await
}

/// [`apply`] that also stops before the next step once `cancelled()` says so. A step
/// under way is finished, except an upload the transport cuts off mid-flight
/// ([`TransportError::Cancelled`](super::TransportError::Cancelled)): CMF never
/// received that body whole, so the step counts as not applied. Either way the server
/// holds whole objects only and a re-plan picks up where it stopped.
pub async fn apply_until<T: Transport>(
    client: &Client<T>,
    plan: &Plan,
    mut progress: impl FnMut(&Event),
    cancelled: impl Fn() -> bool,
) -> Report {
    let mut report = Report::default();
    let pending: Vec<usize> =
        (0..plan.steps.len()).filter(|i| plan.steps[*i].action != Action::Unchanged).collect();
    for (n, &index) in pending.iter().enumerate() {
        if cancelled() {
            report.cancelled = true;
            report.not_applied = pending[n..].to_vec();
            break;
        }
        progress(&Event::Started(index));
        match run_step(client, &plan.steps[index]).await {
            Ok(answer) => {
                progress(&Event::Applied(index, answer.clone()));
                report.applied.push((index, answer));
            }
            Err(error) if error.is_cancelled() => {
                progress(&Event::Interrupted(index, error));
                report.cancelled = true;
                report.interrupted = Some(index);
                report.not_applied = pending[n..].to_vec();
                break;
            }
            Err(error) => {
                progress(&Event::Failed(index, error.clone()));
                report.failed = Some((index, error));
                report.not_applied = pending[n + 1..].to_vec();
                break;
            }
        }
    }
    report
}
