//! Reading what CMF already has.

use std::collections::BTreeMap;

use serde_json::Value;

use super::client::Client;
use super::endpoints::{ObjectKey, collection};
use super::error::{CmfError, ErrorKind};
use super::transport::Transport;
use crate::core::model::Kind;

/// What the server has, by identity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServerState {
    /// Every object read, as the server returned it.
    pub objects: BTreeMap<ObjectKey, Value>,
    /// Environments whose children were read.
    pub environments_read: Vec<String>,
    /// Catalogs whose databases were read.
    pub catalogs_read: Vec<String>,
}

impl ServerState {
    /// The server's copy of `key`.
    pub fn get(&self, key: &ObjectKey) -> Option<&Value> {
        self.objects.get(key)
    }
}

/// Which scopes to read children of: the design's environments and catalogs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Environments whose applications, pools, statements and mappings are read.
    pub environments: Vec<String>,
    /// Catalogs whose databases are read.
    pub catalogs: Vec<String>,
    /// Environments whose artifacts are read (only those where the design has artifacts:
    /// the endpoint needs CMF ≥ 2.4 with artifact management enabled, and answers 404
    /// otherwise).
    pub artifacts: Vec<String>,
}

/// The name of a listed object (`name` of an environment, else `metadata.name`).
pub fn object_name(kind: Kind, item: &Value) -> Option<&str> {
    let meta = item.pointer("/metadata/name").and_then(Value::as_str);
    if kind == Kind::Environment { item.get("name").and_then(Value::as_str).or(meta) } else { meta }
}

/// Lists environments, secrets and Kafka catalogs, then the children of the environments
/// and catalogs in `scope` that exist on the server.
pub async fn read<T: Transport>(
    client: &Client<T>,
    scope: &Scope,
) -> Result<ServerState, CmfError> {
    let mut state = ServerState::default();
    for kind in [Kind::Environment, Kind::CmfSecret, Kind::KafkaCatalog] {
        let path = collection(kind, None, None).unwrap_or_default();
        for item in client.list(&path).await? {
            let name = named(client, &path, kind, &item)?;
            state.objects.insert(ObjectKey::global(kind, &name), item);
        }
    }
    for env in &scope.environments {
        if !state.objects.contains_key(&ObjectKey::global(Kind::Environment, env)) {
            continue;
        }
        for kind in [Kind::Application, Kind::ComputePool, Kind::Statement, Kind::SecretMapping] {
            let path = collection(kind, Some(env), None).unwrap_or_default();
            for item in client.list(&path).await? {
                let name = named(client, &path, kind, &item)?;
                state.objects.insert(ObjectKey::in_environment(kind, env, &name), item);
            }
        }
        if scope.artifacts.contains(env) {
            let path = collection(Kind::Artifact, Some(env), None).unwrap_or_default();
            for item in client.list(&path).await? {
                let name = named(client, &path, Kind::Artifact, &item)?;
                state.objects.insert(ObjectKey::in_environment(Kind::Artifact, env, &name), item);
            }
        }
        state.environments_read.push(env.clone());
    }
    for cat in &scope.catalogs {
        if !state.objects.contains_key(&ObjectKey::global(Kind::KafkaCatalog, cat)) {
            continue;
        }
        let path = collection(Kind::KafkaDatabase, None, Some(cat)).unwrap_or_default();
        for item in client.list(&path).await? {
            let name = named(client, &path, Kind::KafkaDatabase, &item)?;
            state.objects.insert(ObjectKey::database(cat, &name), item);
        }
        state.catalogs_read.push(cat.clone());
    }
    Ok(state)
}

fn named<T: Transport>(
    client: &Client<T>,
    path: &str,
    kind: Kind,
    item: &Value,
) -> Result<String, CmfError> {
    object_name(kind, item).map(str::to_string).ok_or_else(|| {
        let field = if kind == Kind::Environment { "name" } else { "metadata.name" };
        CmfError::new(
            format!("GET {path}"),
            client.base_url(),
            ErrorKind::BadResponse(format!("a listed object has no {field}")),
        )
    })
}
