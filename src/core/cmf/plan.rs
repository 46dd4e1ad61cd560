//! The plan: per design object create / update / unchanged (with a field-level diff), and
//! what the server has that the design does not (deleted only when asked).

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{Value, json};

use super::diff::{Change, diff};
use super::endpoints::{ObjectKey, kind_label, rank};
use super::state::{Scope, ServerState};
use super::transport::Method;
use crate::core::design::Design;
use crate::core::export::{self, ExportOptions};
use crate::core::model::Kind;

/// What a step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The server does not have the object.
    Create,
    /// The server's copy differs.
    Update,
    /// The server's copy matches; nothing is sent.
    Unchanged,
    /// The server has it, the design does not, and deletion was asked for.
    Delete,
}

/// One object the design wants on the server (a CMF REST payload).
#[derive(Debug, Clone, PartialEq)]
pub struct Desired {
    /// Identity.
    pub key: ObjectKey,
    /// The payload (secret values included: they are sent to CMF).
    pub body: Value,
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What it does.
    pub action: Action,
    /// Which object.
    pub key: ObjectKey,
    /// Verb to send (`None` for unchanged objects).
    pub method: Option<Method>,
    /// Absolute path the verb goes to (the object's own path when unchanged).
    pub path: String,
    /// Payload of a create or update.
    pub body: Option<Value>,
    /// Changed fields of an update.
    pub diff: Vec<Change>,
    /// What the user should know about this step.
    pub note: Option<String>,
}

/// A plan: steps in dependency order, objects absent from the design, and design
/// objects that cannot be placed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Steps in execution order (creates and updates in dependency order, then deletes
    /// in reverse dependency order).
    pub steps: Vec<Step>,
    /// Objects on the server that the design does not have (left alone unless deleted).
    pub absent: Vec<ObjectKey>,
    /// Design objects the plan cannot handle (unknown environment or catalog, duplicates).
    pub problems: Vec<String>,
}

impl Plan {
    /// Number of steps that send something.
    pub fn pending(&self) -> usize {
        self.steps.iter().filter(|s| s.action != Action::Unchanged).count()
    }

    /// The stable JSON form: `{"steps": [{"action", "kind", "name", "environment",
    /// "method", "path", "diff"}]}`. Bodies (which may hold secrets) are not included.
    pub fn to_json(&self) -> Value {
        let steps: Vec<Value> = self
            .steps
            .iter()
            .map(|s| {
                json!({
                    "action": s.action,
                    "kind": kind_label(s.key.kind),
                    "name": s.key.name,
                    "environment": s.key.environment,
                    "method": s.method.map(Method::as_str),
                    "path": s.path,
                    "diff": s.diff,
                })
            })
            .collect();
        json!({ "steps": steps })
    }
}

/// The design's CMF objects as payloads (secret values included), in apply order, and
/// the objects that cannot be placed on the server.
pub fn desired(design: &Design) -> (Vec<Desired>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for file in export::cmf(design, ExportOptions { include_secrets: true }) {
        let Some(kind) = file.kind else { continue };
        let key = ObjectKey {
            kind,
            name: file.object.clone(),
            environment: file.environment.clone(),
            catalog: file.catalog.clone(),
        };
        if key.name.is_empty() {
            problems.push(format!("a {} without a name cannot be applied", kind_label(kind)));
            continue;
        }
        if key.collection().is_none() {
            let scope = if kind == Kind::KafkaDatabase { "Kafka catalog" } else { "environment" };
            problems.push(format!(
                "{key}: its {scope} is unknown (the REST path names it); add it to the design \
                 or pass --{}",
                if kind == Kind::KafkaDatabase { "catalog" } else { "environment" }
            ));
            continue;
        }
        if !seen.insert(key.clone()) {
            problems.push(format!("{key} is in the design twice; only the first is applied"));
            continue;
        }
        match serde_json::from_str(&file.content) {
            Ok(body) => out.push(Desired { key, body }),
            Err(e) => problems.push(format!("{key}: payload is not JSON: {e}")),
        }
    }
    (out, problems)
}

/// The environments and catalogs whose children must be read to plan `desired`.
pub fn scope(desired: &[Desired]) -> Scope {
    let mut envs = BTreeSet::new();
    let mut cats = BTreeSet::new();
    for d in desired {
        match d.key.kind {
            Kind::Environment => envs.insert(d.key.name.clone()),
            Kind::KafkaCatalog => cats.insert(d.key.name.clone()),
            _ => false,
        };
        envs.extend(d.key.environment.clone());
        cats.extend(d.key.catalog.clone());
    }
    Scope { environments: envs.into_iter().collect(), catalogs: cats.into_iter().collect() }
}

fn update_note(key: &ObjectKey, changes: &[Change]) -> Option<String> {
    match key.kind {
        Kind::ComputePool => Some(
            "CMF answers 409 to a compute pool update while statements run on it: stop or \
             delete them first (PUT needs CMF 2.3)"
                .into(),
        ),
        Kind::Statement if changes.iter().any(|c| c.path == "/spec/statement") => Some(
            "CMF does not allow changing the SQL of a running statement; create a statement \
             with a new name instead"
                .into(),
        ),
        _ => None,
    }
}

/// Compares `desired` with the server's `state`. With `delete_missing`, objects the
/// server has but the design does not become delete steps (children of the design's
/// environments and catalogs, and environments, catalogs and secrets).
pub fn plan(desired: &[Desired], state: &ServerState, delete_missing: bool) -> Plan {
    let mut plan = Plan::default();
    for d in desired {
        let key = d.key.clone();
        let step = match state.get(&key) {
            None => {
                let (method, path) = key.create().unwrap_or((Method::Post, String::new()));
                Step {
                    action: Action::Create,
                    method: Some(method),
                    path,
                    body: Some(d.body.clone()),
                    diff: Vec::new(),
                    note: None,
                    key,
                }
            }
            Some(actual) => {
                let changes = diff(key.kind, &d.body, actual);
                let secret_note = (key.kind == Kind::CmfSecret).then(|| {
                    "CMF never returns secret values: a changed value is not detected (and \
                     not re-sent) unless another field changed"
                        .to_string()
                });
                if changes.is_empty() {
                    Step {
                        action: Action::Unchanged,
                        method: None,
                        path: key.item().unwrap_or_default(),
                        body: None,
                        diff: Vec::new(),
                        note: secret_note,
                        key,
                    }
                } else {
                    let (method, path) = key.update().unwrap_or((Method::Put, String::new()));
                    Step {
                        action: Action::Update,
                        method: Some(method),
                        path,
                        body: Some(d.body.clone()),
                        note: update_note(&key, &changes).or(secret_note),
                        diff: changes,
                        key,
                    }
                }
            }
        };
        plan.steps.push(step);
    }
    let wanted: BTreeSet<&ObjectKey> = desired.iter().map(|d| &d.key).collect();
    let mut absent: Vec<ObjectKey> =
        state.objects.keys().filter(|k| !wanted.contains(k)).cloned().collect();
    crate::core::sort::sort_by_key(&mut absent, |k| std::cmp::Reverse(rank(k.kind)));
    if delete_missing {
        for key in &absent {
            plan.steps.push(Step {
                action: Action::Delete,
                method: Some(Method::Delete),
                path: key.item().unwrap_or_default(),
                body: None,
                diff: Vec::new(),
                note: (key.kind == Kind::Environment).then(|| {
                    "CMF does not document deleting an environment that still holds objects"
                        .to_string()
                }),
                key: key.clone(),
            });
        }
    }
    plan.absent = absent;
    plan
}
