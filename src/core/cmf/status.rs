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
        let (state, detail) = match client.get_json(&path).await {
            Ok(body) => {
                let (s, d) = state_of(key.kind, &body);
                (Ok(s), d)
            }
            Err(e) => (Err(e), None),
        };
        out.push(LiveStatus { key: key.clone(), state, detail });
    }
    out
}
