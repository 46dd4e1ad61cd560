//! The plan: per design object create / update / unchanged (with a field-level diff), and
//! what the server has that the design does not (deleted only when asked).

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{Value, json};

use super::diff::{Change, diff};
use super::endpoints::{ObjectKey, kind_label, rank};
use super::state::{Scope, ServerState};
use super::status::ScheduleStatus;
use super::transport::{Method, Upload};
use crate::core::cmf_features::feature_uses;
use crate::core::design::Design;
use crate::core::export::{self, ExportOptions};
use crate::core::flink::version::CmfFeature;
use crate::core::model::{Kind, artifact};
use crate::core::targets::Targets;

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
    /// The payload (secret values included: they are sent to CMF). For an artifact, the
    /// `artifact` part of its multipart upload.
    pub body: Value,
    /// For an artifact: the path of its file as the design names it (relative to the
    /// design file), read by the caller ([`attach_files`]).
    pub file: Option<String>,
    /// For an artifact: the content to upload, once read.
    pub upload: Option<Upload>,
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
    /// The file a create or update of an artifact uploads (multipart).
    pub upload: Option<Upload>,
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
    /// The savepoint schedules' runtime status of the design's statements and applications
    /// as the server reported it when planning (`status.savepointSchedule`).
    pub schedules: Vec<(ObjectKey, ScheduleStatus)>,
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

/// What the design uses that its target CMF release cannot take (`core::cmf_features`),
/// one message per feature naming every use: plan and apply refuse these up front, so
/// nothing of the design is sent to a server that would reject or drop it.
pub fn unsupported(design: &Design) -> Vec<String> {
    let target = Targets::of(design, design.targets).cmf;
    let mut by_feature: Vec<(CmfFeature, Vec<String>)> = Vec::new();
    for r in &design.resources {
        for u in feature_uses(r) {
            if u.feature.in_release(target) {
                continue;
            }
            let place = if u.pointer == "/kind" {
                format!("{} {}", r.kind_str(), r.name())
            } else {
                format!("{} {} ({})", r.kind_str(), r.name(), u.pointer)
            };
            match by_feature.iter_mut().find(|(f, _)| *f == u.feature) {
                Some((_, places)) => places.push(place),
                None => by_feature.push((u.feature, vec![place])),
            }
        }
    }
    by_feature
        .into_iter()
        .map(|(f, places)| {
            format!(
                "CMF {target} (the design's target) cannot take {}, which needs CMF {}: {}; \
                 nothing was sent (target CMF {} or newer, or remove it)",
                f.label(),
                f.since().minor_text(),
                places.join(", "),
                f.since().minor_text()
            )
        })
        .collect()
}

/// The design's CMF objects as payloads (secret values included), in apply order, and
/// the objects that cannot be placed on the server — first of all, features the design's
/// target CMF release does not have ([`unsupported`]).
pub fn desired(design: &Design) -> (Vec<Desired>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = unsupported(design);
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
        let path = (kind == Kind::Artifact)
            .then(|| {
                design
                    .of_kind(Kind::Artifact)
                    .find(|r| r.name() == key.name && r.environment() == key.environment.as_deref())
                    .and_then(|r| artifact::file(r).map(|f| beside(r, f)))
            })
            .flatten();
        let upload = match attached_upload(design, &key, path.as_deref()) {
            Ok(upload) => upload,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        match serde_json::from_str(&file.content) {
            Ok(body) => out.push(Desired { key, body, file: path, upload }),
            Err(e) => problems.push(format!("{key}: payload is not JSON: {e}")),
        }
    }
    (out, problems)
}

/// The upload of an artifact whose file is attached to the design
/// ([`artifact::CONTENT`]): used when no file is given at apply time. `path` (the file the
/// design names) is what a script uploads instead.
fn attached_upload(
    design: &Design,
    key: &ObjectKey,
    path: Option<&str>,
) -> Result<Option<Upload>, String> {
    if key.kind != Kind::Artifact {
        return Ok(None);
    }
    let Some(r) = design
        .of_kind(Kind::Artifact)
        .find(|r| r.name() == key.name && r.environment() == key.environment.as_deref())
    else {
        return Ok(None);
    };
    let Some(content) = artifact::attached(r).map_err(|e| format!("{key}: {e}"))? else {
        return Ok(None);
    };
    let path = path.unwrap_or(&key.name).to_string();
    let file_name = path.rsplit(['/', '\\']).next().unwrap_or(&path).to_string();
    Ok(Some(Upload { file_name, path, content: std::sync::Arc::new(content) }))
}

/// `file` as a path beside the file `r` was read from (unless absolute or `r` has no
/// origin): artifact files are named relative to the design file.
fn beside(r: &crate::core::model::Resource, file: &str) -> String {
    let dir = r.origin.as_ref().and_then(|o| o.file.rsplit_once('/')).map(|(d, _)| d);
    match dir {
        Some(dir) if !file.starts_with('/') && !dir.is_empty() => format!("{dir}/{file}"),
        _ => file.to_string(),
    }
}

/// Reads the files of the artifacts in `desired` with `read` (given the path the design
/// names), except those whose file is attached to the design; returns what could not be
/// read, one message per artifact.
pub fn attach_files(
    desired: &mut [Desired],
    mut read: impl FnMut(&str) -> Result<Vec<u8>, String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for d in desired.iter_mut().filter(|d| d.upload.is_none()) {
        let Some(path) = d.file.clone() else { continue };
        match read(&path) {
            Ok(content) => {
                let file_name = path.rsplit(['/', '\\']).next().unwrap_or(&path).to_string();
                d.upload = Some(Upload {
                    file_name,
                    path: path.clone(),
                    content: std::sync::Arc::new(content),
                });
            }
            Err(e) => problems.push(format!("{}: cannot read its file {path}: {e}", d.key)),
        }
    }
    problems
}

/// The environments and catalogs whose children must be read to plan `desired`.
pub fn scope(desired: &[Desired]) -> Scope {
    let mut envs = BTreeSet::new();
    let mut cats = BTreeSet::new();
    let mut artifacts = BTreeSet::new();
    for d in desired {
        if d.key.kind == Kind::Artifact {
            artifacts.extend(d.key.environment.clone());
        }
        match d.key.kind {
            Kind::Environment => envs.insert(d.key.name.clone()),
            Kind::KafkaCatalog => cats.insert(d.key.name.clone()),
            _ => false,
        };
        envs.extend(d.key.environment.clone());
        cats.extend(d.key.catalog.clone());
    }
    Scope {
        environments: envs.into_iter().collect(),
        catalogs: cats.into_iter().collect(),
        artifacts: artifacts.into_iter().collect(),
    }
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
        if key.kind == Kind::Artifact {
            match artifact_step(d, state.get(&key)) {
                Ok(step) => plan.steps.push(step),
                Err(problem) => plan.problems.push(problem),
            }
            continue;
        }
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
                    upload: None,
                    key,
                }
            }
            Some(actual) => {
                let changes = diff(key.kind, &d.body, actual);
                if let Some(problem) = immutable_change(&key, &changes) {
                    plan.problems.push(problem);
                }
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
                        upload: None,
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
                        upload: None,
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
                upload: None,
                key: key.clone(),
            });
        }
    }
    plan.absent = absent;
    plan.schedules = desired
        .iter()
        .filter_map(|d| Some((d.key.clone(), ScheduleStatus::of(state.get(&d.key)?)?)))
        .collect();
    plan
}

/// Fields CMF never changes once an object exists: an environment's Kubernetes cluster
/// (`kubernetesClusterName`, fixed when the environment is created on that cluster; CMF
/// 2.3+ multi-cluster docs). A plan that would change one is refused.
const IMMUTABLE: &[(Kind, &str, &str)] = &[(
    Kind::Environment,
    "/kubernetesClusterName",
    "an environment stays on the Kubernetes cluster it was created on",
)];

fn immutable_change(key: &ObjectKey, changes: &[Change]) -> Option<String> {
    let (_, path, why) = IMMUTABLE
        .iter()
        .find(|(k, p, _)| *k == key.kind && changes.iter().any(|c| c.path == *p))?;
    let c = changes.iter().find(|c| c.path == *path)?;
    let show = |v: &Option<Value>| v.as_ref().map_or("(none)".to_string(), Value::to_string);
    Some(format!(
        "{key}: {} cannot change after creation ({why}): CMF has {}, the design says {}; \
         create a new environment instead",
        path.trim_start_matches('/'),
        show(&c.before),
        show(&c.after)
    ))
}

/// The step of an artifact: uploaded (created, POST multipart) when CMF lacks it, a new
/// version uploaded (PUT multipart) when the content's SHA-256 differs from the latest
/// version's `status.checksum`, unchanged otherwise. Without content to upload, an
/// artifact CMF has is left alone and one it lacks is a problem.
fn artifact_step(d: &Desired, actual: Option<&Value>) -> Result<Step, String> {
    let key = d.key.clone();
    let local = d.upload.as_ref().map(|u| artifact::checksum(&u.content));
    let unchanged = |note: Option<String>| Step {
        action: Action::Unchanged,
        method: None,
        path: key.item().unwrap_or_default(),
        body: None,
        diff: Vec::new(),
        note,
        upload: None,
        key: key.clone(),
    };
    let Some(actual) = actual else {
        if d.upload.is_none() {
            return Err(match &d.file {
                Some(path) => format!(
                    "{key}: CMF does not have it and its file {path} was not read (the studio \
                     in the browser cannot read it): upload it with `fstudio apply` or the \
                     plan's script"
                ),
                None => format!(
                    "{key}: CMF does not have it and the design names no file to upload \
                     (set its file, or upload it first)"
                ),
            });
        }
        let (method, path) = key.create().unwrap_or((Method::Post, String::new()));
        let size = d.upload.as_ref().map_or(0, |u| u.content.len());
        return Ok(Step {
            action: Action::Create,
            method: Some(method),
            path,
            body: Some(d.body.clone()),
            diff: vec![Change {
                path: "/status/checksum".into(),
                before: None,
                after: local.map(Value::from),
            }],
            note: Some(format!("uploads {size} bytes as version 1 (multipart)")),
            upload: d.upload.clone(),
            key: key.clone(),
        });
    };
    let remote = actual.pointer("/status/checksum").and_then(Value::as_str);
    let Some(local) = local else {
        let why = match &d.file {
            Some(path) => format!("its file {path} was not read"),
            None => "the design names no file".to_string(),
        };
        return Ok(unchanged(Some(format!("{why}: CMF's artifact is left as it is"))));
    };
    if remote == Some(local.as_str()) {
        return Ok(unchanged(None));
    }
    let (method, path) = key.update().unwrap_or((Method::Put, String::new()));
    let next = actual
        .pointer("/status/version")
        .and_then(Value::as_u64)
        .map_or("a new version".to_string(), |v| format!("version {}", v + 1));
    let size = d.upload.as_ref().map_or(0, |u| u.content.len());
    Ok(Step {
        action: Action::Update,
        method: Some(method),
        path,
        body: Some(d.body.clone()),
        diff: vec![Change {
            path: "/status/checksum".into(),
            before: remote.map(Value::from),
            after: Some(Value::from(local)),
        }],
        note: Some(format!(
            "the content changed: uploads {size} bytes as {next} (multipart); URIs pinned to an older version keep it"
        )),
        upload: d.upload.clone(),
        key,
    })
}
