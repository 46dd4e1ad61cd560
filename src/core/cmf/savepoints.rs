//! Savepoints of a CMF application or statement (CMF ≥ 2.4 for pinning and bulk delete):
//! list them, pin or unpin one (`PUT …/savepoints/{name}` with `spec.pinned`: a pinned
//! savepoint is exempt from the schedule's retention and from bulk delete), and delete
//! those of one source older than an age (`DELETE …/savepoints?source=…&olderThanDays=…`,
//! answering `SavepointsBulkDeleteResult`). CMF OpenAPI 2.4: `Savepoint`, `SavepointSpec`,
//! `SavepointStatus.source`, `bulkDeleteSavepointsForFlinkApplication` /
//! `…ForStatement`.
//!
//! The Confluent CLI has `confluent flink savepoint create|delete|describe|detach|list`
//! (CLI reference, "confluent flink savepoint") but no command that pins or bulk-deletes;
//! [`curl`] writes the REST calls for a script instead.

use std::fmt;

use serde_json::{Value, json};

use super::client::Client;
use super::endpoints::ObjectKey;
use super::error::CmfError;
use super::transport::{Method, Request, Transport};
use crate::core::flink::version::{CmfFeature, Version};
use crate::core::model::Kind;

/// How a savepoint was made (`SavepointStatus.source`); bulk delete picks one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Triggered through the API, CLI or UI.
    Manual,
    /// Made during an application upgrade.
    Upgrade,
    /// Made by a periodic savepoint schedule.
    Schedule,
}

impl Source {
    /// Every source, in the spec's order.
    pub const ALL: [Source; 3] = [Source::Manual, Source::Upgrade, Source::Schedule];

    /// As CMF writes it (`SCHEDULE`).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Manual => "MANUAL",
            Source::Upgrade => "UPGRADE",
            Source::Schedule => "SCHEDULE",
        }
    }

    /// Reads `manual`, `UPGRADE`, `schedule` … (any case).
    pub fn parse(text: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// How old a savepoint must be to be bulk-deleted: whole days or hours (≥ 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    /// `olderThanDays`.
    Days(u32),
    /// `olderThanHours`.
    Hours(u32),
}

impl Age {
    /// Reads `7d`, `36h` (a number ≥ 1 and its unit).
    pub fn parse(text: &str) -> Result<Age, String> {
        let t = text.trim();
        let (n, unit) = t.split_at(t.len().saturating_sub(1));
        let n: u32 = n.parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
            format!("'{text}' is not an age: write a whole number ≥ 1 and d or h (7d, 36h)")
        })?;
        match unit {
            "d" | "D" => Ok(Age::Days(n)),
            "h" | "H" => Ok(Age::Hours(n)),
            _ => Err(format!(
                "'{text}' is not an age: write a whole number ≥ 1 and d or h (7d, 36h)"
            )),
        }
    }

    fn query(self) -> (&'static str, u32) {
        match self {
            Age::Days(n) => ("olderThanDays", n),
            Age::Hours(n) => ("olderThanHours", n),
        }
    }
}

impl fmt::Display for Age {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Age::Days(n) => write!(f, "{n} day{}", if *n == 1 { "" } else { "s" }),
            Age::Hours(n) => write!(f, "{n} hour{}", if *n == 1 { "" } else { "s" }),
        }
    }
}

/// One savepoint as CMF lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Savepoint {
    /// `metadata.name`.
    pub name: String,
    /// `status.source` (MANUAL, UPGRADE, SCHEDULE), when CMF says.
    pub source: Option<String>,
    /// `status.state` (COMPLETED, IN_PROGRESS …).
    pub state: Option<String>,
    /// `spec.pinned`.
    pub pinned: bool,
    /// `metadata.creationTimestamp`.
    pub created: Option<String>,
    /// `status.path`, else `spec.path`.
    pub path: Option<String>,
}

impl Savepoint {
    /// Reads one `Savepoint` body.
    pub fn from_json(v: &Value) -> Savepoint {
        let text = |p: &str| v.pointer(p).and_then(Value::as_str).map(str::to_string);
        Savepoint {
            name: text("/metadata/name").unwrap_or_default(),
            source: text("/status/source"),
            state: text("/status/state"),
            pinned: v.pointer("/spec/pinned").and_then(Value::as_bool).unwrap_or(false),
            created: text("/metadata/creationTimestamp"),
            path: text("/status/path").or_else(|| text("/spec/path")),
        }
    }
}

/// What a bulk delete did (`SavepointsBulkDeleteResult`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deleted {
    /// `deletedCount`.
    pub deleted: u64,
    /// Per savepoint that could not be deleted: (name, reason).
    pub failures: Vec<(String, String)>,
}

impl fmt::Display for Deleted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "deleted {} savepoint{}",
            self.deleted,
            if self.deleted == 1 { "" } else { "s" }
        )?;
        if !self.failures.is_empty() {
            let list: Vec<String> =
                self.failures.iter().map(|(n, r)| format!("{n} ({r})")).collect();
            write!(f, "; {} could not be deleted: {}", self.failures.len(), list.join(", "))?;
        }
        write!(f, " (pinned savepoints are never deleted this way)")
    }
}

/// Why pinning and bulk delete cannot be sent to a CMF of release `target`, if they
/// cannot: they need [`CmfFeature::SavepointPinning`].
pub fn refusal(target: Version) -> Option<String> {
    let f = CmfFeature::SavepointPinning;
    (!f.in_release(target)).then(|| {
        format!(
            "CMF {target} cannot take {}, which needs CMF {}; nothing was sent",
            f.label(),
            f.since().minor_text()
        )
    })
}

/// The savepoint collection of an application or statement.
pub fn collection(owner: &ObjectKey) -> Result<String, String> {
    if !matches!(owner.kind, Kind::Application | Kind::Statement) {
        return Err(format!("{owner} has no savepoints (only applications and statements do)"));
    }
    owner
        .item()
        .map(|p| format!("{p}/savepoints"))
        .ok_or_else(|| format!("{owner}: no environment"))
}

fn item(owner: &ObjectKey, name: &str) -> Result<String, String> {
    Ok(format!("{}/{}", collection(owner)?, super::transport::percent_encode(name)))
}

fn bad_input(owner: &ObjectKey, message: String) -> CmfError {
    CmfError::new(format!("savepoints of {owner}"), "", super::error::ErrorKind::Transport(message))
}

/// Every savepoint of `owner`, oldest first as CMF lists them.
pub async fn list<T: Transport>(
    client: &Client<T>,
    owner: &ObjectKey,
) -> Result<Vec<Savepoint>, CmfError> {
    let path = collection(owner).map_err(|e| bad_input(owner, e))?;
    Ok(client.list(&path).await?.iter().map(Savepoint::from_json).collect())
}

/// Pins (or unpins) the savepoint `name` of `owner`: reads it, then PUTs it back with
/// `spec.pinned` set (its status, which CMF owns, is not sent). Returns it as CMF answers.
pub async fn set_pinned<T: Transport>(
    client: &Client<T>,
    owner: &ObjectKey,
    name: &str,
    pinned: bool,
) -> Result<Savepoint, CmfError> {
    let path = item(owner, name).map_err(|e| bad_input(owner, e))?;
    let current = client.get_json(&path).await?;
    let body = pin_body(&current, pinned);
    let response = client.send(Request::new(Method::Put, &path).with_body(body)).await?;
    let answered = serde_json::from_str::<Value>(&response.body).ok();
    Ok(Savepoint::from_json(answered.as_ref().unwrap_or(&pin_body(&current, pinned))))
}

/// The PUT body that sets `spec.pinned`: the savepoint's `apiVersion`, `kind`, `metadata`
/// and `spec` as read (CMF's read-only status left out).
pub fn pin_body(current: &Value, pinned: bool) -> Value {
    let mut spec = current.get("spec").cloned().unwrap_or_else(|| json!({}));
    if let Some(map) = spec.as_object_mut() {
        map.insert("pinned".into(), Value::Bool(pinned));
    }
    json!({
        "apiVersion": current.get("apiVersion").cloned().unwrap_or_else(|| json!("cmf.confluent.io/v1")),
        "kind": current.get("kind").cloned().unwrap_or_else(|| json!("Savepoint")),
        "metadata": current.get("metadata").cloned().unwrap_or_else(|| json!({})),
        "spec": spec,
    })
}

/// The bulk delete request: `DELETE {collection}?source=…&olderThan…=n`.
pub fn delete_request(owner: &ObjectKey, source: Source, age: Age) -> Result<Request, String> {
    let mut r = Request::new(Method::Delete, collection(owner)?);
    r.query.push(("source".into(), source.as_str().into()));
    let (key, n) = age.query();
    r.query.push((key.into(), n.to_string()));
    Ok(r)
}

/// Deletes the savepoints of `owner` made by `source` that are older than `age` (CMF
/// never deletes pinned ones this way).
pub async fn delete_older<T: Transport>(
    client: &Client<T>,
    owner: &ObjectKey,
    source: Source,
    age: Age,
) -> Result<Deleted, CmfError> {
    let request = delete_request(owner, source, age).map_err(|e| bad_input(owner, e))?;
    let what = request.describe();
    let response = client.send(request).await?;
    let body: Value = serde_json::from_str(&response.body).map_err(|e| {
        CmfError::new(
            what.clone(),
            client.base_url(),
            super::error::ErrorKind::BadResponse(format!(
                "expected SavepointsBulkDeleteResult: {e}"
            )),
        )
    })?;
    let failures = body
        .get("failures")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|f| {
            let s = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            (s("name"), s("reason"))
        })
        .collect();
    Ok(Deleted { deleted: body.get("deletedCount").and_then(Value::as_u64).unwrap_or(0), failures })
}

/// The same operations as shell commands for a script: `confluent flink savepoint list`
/// where the Confluent CLI has the command, `curl` to CMF's REST API where it has none
/// (pin, unpin, bulk delete).
pub fn curl(request: &Request) -> String {
    let body = request
        .body
        .as_ref()
        .map(|b| {
            format!(
                " -H 'Content-Type: application/json' -d '{}'",
                b.to_string().replace('\'', "'\\''")
            )
        })
        .unwrap_or_default();
    format!(
        "curl -fsS -X {} \"$CONFLUENT_CMF_URL{}\"{body}  # no Confluent CLI command for this",
        request.method,
        request.target()
    )
}

/// `confluent flink savepoint list` for `owner`.
pub fn list_command(owner: &ObjectKey) -> String {
    let flag = if owner.kind == Kind::Statement { "--statement" } else { "--application" };
    format!(
        "confluent flink savepoint list --environment {} {flag} {}",
        owner.environment.as_deref().unwrap_or("<environment>"),
        owner.name
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cmf::client::block_on;
    use crate::core::cmf::fake::FakeCmf;

    fn app() -> ObjectKey {
        ObjectKey::in_environment(Kind::Application, "dev", "orders")
    }

    #[test]
    fn ages_and_sources_read_what_users_type() {
        assert_eq!(Age::parse("7d"), Ok(Age::Days(7)));
        assert_eq!(Age::parse("36h"), Ok(Age::Hours(36)));
        for bad in ["0d", "7", "d", "7w", "-1h", ""] {
            assert!(Age::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Source::parse("schedule"), Some(Source::Schedule));
        assert_eq!(Source::parse("nope"), None);
        assert_eq!(Age::Days(1).to_string(), "1 day");
    }

    #[test]
    fn requests_follow_the_cmf_2_4_paths() {
        let r = delete_request(&app(), Source::Schedule, Age::Days(7)).unwrap();
        assert_eq!(
            r.target(),
            "/cmf/api/v1/environments/dev/applications/orders/savepoints?source=SCHEDULE&olderThanDays=7"
        );
        let st = ObjectKey::in_environment(Kind::Statement, "dev", "s1");
        assert_eq!(
            collection(&st).unwrap(),
            "/cmf/api/v1/environments/dev/statements/s1/savepoints"
        );
        assert!(collection(&ObjectKey::global(Kind::Environment, "dev")).is_err());
        assert!(curl(&r).starts_with("curl -fsS -X DELETE \"$CONFLUENT_CMF_URL/cmf/api/v1/"));
        assert_eq!(
            list_command(&st),
            "confluent flink savepoint list --environment dev --statement s1"
        );
    }

    #[test]
    fn the_pin_body_keeps_the_spec_and_leaves_out_the_status() {
        let current = json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Savepoint",
            "metadata": {"name": "sp1"}, "spec": {"path": "s3://b/sp1", "pinned": false},
            "status": {"state": "COMPLETED", "source": "SCHEDULE"}});
        let body = pin_body(&current, true);
        assert_eq!(body["spec"], json!({"path": "s3://b/sp1", "pinned": true}));
        assert!(body.get("status").is_none());
    }

    #[test]
    fn cmf_2_3_is_refused_up_front_naming_the_feature() {
        let message = refusal(Version::new(2, 3, 1)).unwrap();
        assert!(
            message.contains("pinning and bulk-deleting savepoints, which needs CMF 2.4"),
            "{message}"
        );
        assert_eq!(refusal(Version::new(2, 4, 0)), None);
    }

    #[test]
    fn pin_and_bulk_delete_against_the_fake() {
        let fake = FakeCmf::default();
        let coll = collection(&app()).unwrap();
        fake.store.borrow_mut().entry("/cmf/api/v1/environments".into()).or_default();
        for (name, source) in [("sp1", "SCHEDULE"), ("sp2", "SCHEDULE"), ("sp3", "MANUAL")] {
            fake.store.borrow_mut().entry(coll.clone()).or_default().insert(
                name.into(),
                json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Savepoint",
                       "metadata": {"name": name, "creationTimestamp": "2026-01-01T00:00:00Z"},
                       "spec": {}, "status": {"source": source, "state": "COMPLETED"}}),
            );
        }
        let client = Client::new(&fake);
        let listed = block_on(list(&client, &app())).unwrap();
        assert_eq!(listed.len(), 3);
        let pinned = block_on(set_pinned(&client, &app(), "sp1", true)).unwrap();
        assert!(pinned.pinned);
        let deleted =
            block_on(delete_older(&client, &app(), Source::Schedule, Age::Days(1))).unwrap();
        assert_eq!(deleted.deleted, 1, "sp2 only: sp1 is pinned, sp3 is manual");
        let left: Vec<String> =
            block_on(list(&client, &app())).unwrap().into_iter().map(|s| s.name).collect();
        assert_eq!(left, ["sp1", "sp3"]);
    }
}
