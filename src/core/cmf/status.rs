//! Live status after an apply: application and statement state, read back from CMF.

use serde_json::Value;

use super::client::Client;
use super::endpoints::ObjectKey;
use super::error::CmfError;
use super::transport::Transport;
use crate::core::model::Kind;

/// The server's view of one application or statement.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveStatus {
    /// Which object.
    pub key: ObjectKey,
    /// Its state: an application's job state, a statement's phase, or why it is unknown.
    pub state: Result<String, CmfError>,
    /// More detail (statement `status.detail`, application job id), when CMF gives it.
    pub detail: Option<String>,
    /// The savepoint schedule's runtime status (`status.savepointSchedule`, CMF ≥ 2.4),
    /// when CMF reports one.
    pub schedule: Option<ScheduleStatus>,
}

/// `SavepointScheduleStatus` (CMF 2.4 OpenAPI): what the periodic savepoint schedule of a
/// statement or application is doing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScheduleStatus {
    /// ACTIVE, PAUSED, FKO_MANAGED or DISABLED.
    pub state: Option<String>,
    /// When the schedule next fires.
    pub next: Option<String>,
    /// When it last tried to take a savepoint.
    pub last_trigger: Option<String>,
    /// When a savepoint of the job last completed (any source).
    pub last_completed: Option<String>,
    /// The last failure of the trigger task.
    pub error: Option<String>,
}

impl ScheduleStatus {
    /// Reads `status.savepointSchedule` of an application or statement body.
    pub fn of(body: &Value) -> Option<ScheduleStatus> {
        let s = body.pointer("/status/savepointSchedule")?;
        Some(ScheduleStatus {
            state: text(s, "/state"),
            next: text(s, "/nextTriggerTime"),
            last_trigger: text(s, "/lastTriggerTime"),
            last_completed: text(s, "/lastCompletedTime"),
            error: text(s, "/lastErrorMessage"),
        })
    }
}

impl std::fmt::Display for ScheduleStatus {
    /// `savepoint schedule ACTIVE, next 2026-12-03T15:00:00Z, last savepoint never`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "savepoint schedule {}", self.state.as_deref().unwrap_or("(no state)"))?;
        if let Some(next) = &self.next {
            write!(f, ", next {next}")?;
        }
        match (&self.last_completed, &self.last_trigger) {
            (Some(done), _) => write!(f, ", last savepoint {done}")?,
            (None, Some(tried)) => write!(f, ", last tried {tried} (none completed)")?,
            (None, None) => write!(f, ", no savepoint yet")?,
        }
        if let Some(e) = &self.error {
            write!(f, ", last error: {e}")?;
        }
        Ok(())
    }
}

fn text(value: &Value, pointer: &str) -> Option<String> {
    value.pointer(pointer).and_then(Value::as_str).map(str::to_string)
}

/// The state CMF reports in an application or statement body.
pub fn state_of(kind: Kind, body: &Value) -> (String, Option<String>) {
    let (state, detail) = if kind == Kind::Statement {
        (text(body, "/status/phase"), text(body, "/status/detail"))
    } else {
        let state = text(body, "/status/jobStatus/state")
            .or_else(|| text(body, "/status/lifecycleState"))
            .or_else(|| text(body, "/status/state"));
        (state, text(body, "/status/jobStatus/jobId").map(|id| format!("job {id}")))
    };
    (state.unwrap_or_else(|| "no status yet".to_string()), detail)
}

/// Reads the status of every application and statement among `keys`.
pub async fn read<T: Transport>(client: &Client<T>, keys: &[ObjectKey]) -> Vec<LiveStatus> {
    let mut out = Vec::new();
    for key in keys.iter().filter(|k| matches!(k.kind, Kind::Application | Kind::Statement)) {
        let Some(path) = key.item() else { continue };
        let (state, detail, schedule) = match client.get_json(&path).await {
            Ok(body) => {
                let (s, d) = state_of(key.kind, &body);
                (Ok(s), d, ScheduleStatus::of(&body))
            }
            Err(e) => (Err(e), None, None),
        };
        out.push(LiveStatus { key: key.clone(), state, detail, schedule });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schedule_status_reads_what_cmf_reports() {
        let body = json!({"status": {"phase": "RUNNING", "savepointSchedule": {
            "state": "ACTIVE", "nextTriggerTime": "2026-12-03T15:00:00Z",
            "lastCompletedTime": "2026-12-03T09:00:02Z"}}});
        let s = ScheduleStatus::of(&body).unwrap();
        assert_eq!(
            s.to_string(),
            "savepoint schedule ACTIVE, next 2026-12-03T15:00:00Z, last savepoint 2026-12-03T09:00:02Z"
        );
        let paused = json!({"status": {"savepointSchedule": {"state": "PAUSED",
            "lastTriggerTime": "2026-12-01T00:00:00Z", "lastErrorMessage": "job not running"}}});
        assert_eq!(
            ScheduleStatus::of(&paused).unwrap().to_string(),
            "savepoint schedule PAUSED, last tried 2026-12-01T00:00:00Z (none completed), last error: job not running"
        );
        assert_eq!(ScheduleStatus::of(&json!({"status": {"phase": "RUNNING"}})), None);
    }
}
