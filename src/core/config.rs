//! Effective Flink configuration: the layers that set each key, which one won, and
//! which values were overridden (domain.md §3).

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

mod cmf;
mod compare;
mod environment;
mod fko;
mod merge;
mod source;

use serde::Serialize;
use serde_json::Value;

use super::design::Design;
use super::flink::version::FlinkVersion;
use super::graph::Graph;
use super::model::{Kind, Resource, ResourceId, ResourceRef};
use super::options::catalog;
use super::pointer;
use super::targets::Targets;

pub use compare::{
    ComparedKey, ComparedSection, Difference, EnvironmentComparison, compare_configs,
    compare_defaults, compare_environments, compare_maps,
};
pub use environment::{
    DefaultValue, DefaultsSection, ENVIRONMENT_PRECEDENCE, EnvironmentDefaults, GOVERNED_KINDS,
    Governed, SectionDefaults, environment_defaults,
};
pub(crate) use source::Env;
use source::configs_of;
pub use source::{ConfigInputs, ConfigSource, effective_configs_of, scopes_of};

/// A configuration layer, lowest precedence first within each engine (domain.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    /// Flink's own default for the key (shown for reference only).
    FlinkDefault,
    /// FKO fill-in default, written only when no other layer set the key.
    OperatorFillIn,
    /// FKO operator default configuration (Helm `defaultConfiguration`).
    OperatorDefaults,
    /// FKO `kubernetes.operator.default-configuration.namespace.<ns>.*`.
    OperatorNamespaceDefaults,
    /// FKO `kubernetes.operator.default-configuration.flink-version.<v>.*`.
    OperatorVersionDefaults,
    /// Environment `computePoolDefaults` (cluster of a statement).
    EnvironmentPoolDefaults,
    /// Compute pool `clusterSpec.flinkConfiguration`.
    ComputePool,
    /// Session cluster `spec.flinkConfiguration` (for a session job).
    SessionCluster,
    /// The resource's own `flinkConfiguration`.
    Resource,
    /// Environment `flinkApplicationDefaults` (wins over the application).
    EnvironmentApplicationDefaults,
    /// Environment `statementDefaults.{detached,interactive}` (wins over the statement).
    EnvironmentStatementDefaults,
    /// A value the operator derives from a spec field (overwrites flinkConfiguration).
    SpecField,
    /// A value the operator always forces.
    OperatorForced,
}

/// Which configuration of a resource (a statement has two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The JobManager/TaskManager processes (cluster).
    Cluster,
    /// The job as planned and submitted (statements only).
    Job,
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The layer.
    pub layer: Layer,
    /// The resource that set it, if any (shared by every value it set in one
    /// configuration: a configuration holds each resource's identity once).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "shared_reference")]
    pub resource: Option<Arc<ResourceRef>>,
    /// JSON Pointer of the field in that resource (`""` for built-in defaults).
    pub path: String,
    /// Id of that resource in the design.
    #[serde(skip)]
    pub resource_id: Option<ResourceId>,
    /// The key as written in that layer (a deprecated alias keeps its own name here,
    /// while the entry carries the canonical key).
    #[serde(skip)]
    pub key: String,
}

/// Serializes a shared resource identity as the identity itself.
fn shared_reference<S: serde::Serializer>(
    r: &Option<Arc<ResourceRef>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    r.as_deref().serialize(s)
}

impl Source {
    /// A value set by `layer` at `path` of `r`.
    pub fn at(layer: Layer, r: &Resource, path: String) -> Self {
        Self {
            layer,
            resource: Some(Arc::new(r.reference())),
            path,
            resource_id: Some(r.id),
            key: String::new(),
        }
    }

    /// A built-in value (chart default, fill-in) that no resource of the design set.
    pub fn builtin(layer: Layer) -> Self {
        Self { layer, resource: None, path: String::new(), resource_id: None, key: String::new() }
    }
}

/// A value that lost to a higher layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overridden {
    /// The losing value.
    pub value: String,
    /// Where it came from.
    pub source: Source,
}

/// One key of an effective configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Canonical key (for the resource's Flink version).
    pub key: String,
    /// Final value.
    pub value: String,
    /// Winning layer.
    pub source: Source,
    /// Values it overrode, highest precedence first.
    pub overridden: Vec<Overridden>,
    /// True when the precedence that decided this entry is not documented by CMF.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unverified: bool,
}

impl Entry {
    /// True when some layer wrote this key under another name (a deprecated alias).
    pub fn has_alias(&self) -> bool {
        std::iter::once(&self.source)
            .chain(self.overridden.iter().map(|o| &o.source))
            .any(|s| !s.key.is_empty() && s.key != self.key)
    }
}

/// The merged configuration of one job-bearing resource in one scope.
///
/// Serializes as `{"resource", "scope", "entries": [...]}` (the CLI's
/// `fstudio config --format json`); the other fields are for the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EffectiveConfig {
    /// The resource.
    #[serde(skip)]
    pub resource: ResourceId,
    /// Identity of the resource.
    #[serde(rename = "resource")]
    pub reference: ResourceRef,
    /// Which configuration.
    pub scope: Scope,
    /// Entries by canonical key (serialized as a list sorted by key).
    pub entries: Entries,
    /// Short title for the UI, e.g. `Statement orders (job)`.
    #[serde(skip)]
    pub label: String,
    /// Flink version the keys were resolved for (`None`: not declared; the newest
    /// catalog version is used).
    #[serde(skip)]
    pub flink_version: Option<FlinkVersion>,
    /// Kubernetes namespace the cluster runs in, where known.
    #[serde(skip)]
    pub namespace: Option<String>,
    /// How the merge was decided (e.g. the statement's SQL kind, a missing session
    /// cluster), for the UI.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// The entries whose key is not its own name in the newest Flink version, by that
    /// name, built on the first look-up that misses (see [`EffectiveConfig::get`]).
    #[serde(skip)]
    by_newest: NewestIndex,
}

/// The entries of a configuration, sorted by canonical key: a map's look-ups and
/// iteration over one sorted list (each key is held once, in its entry), with a short
/// hash of each key beside it, so that a look-up scans a few bytes instead of comparing
/// keys (most look-ups of the rules miss). Serializes as the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entries {
    list: Vec<Entry>,
    /// [`key_hash`] of each entry's key, in the same order.
    hashes: Vec<u32>,
}

/// The short hash of a key that [`Entries`] keeps (FxHash, deterministic).
fn key_hash(key: &str) -> u32 {
    use std::hash::Hasher;
    let mut h = crate::core::hash::FastHasher::default();
    h.write(key.as_bytes());
    let h = h.finish();
    (h ^ (h >> 32)) as u32
}

impl Serialize for Entries {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(&self.list)
    }
}

impl Entries {
    /// Entries from a list sorted by key without duplicates (as a `BTreeMap` yields them).
    fn from_sorted(list: Vec<Entry>) -> Self {
        debug_assert!(list.windows(2).all(|w| w[0].key < w[1].key));
        let hashes = list.iter().map(|e| key_hash(&e.key)).collect();
        Self { list, hashes }
    }

    /// The entry whose canonical key is `key`.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        let h = key_hash(key);
        self.hashes.iter().zip(&self.list).find(|(k, e)| **k == h && e.key == key).map(|(_, e)| e)
    }

    /// True when an entry has the canonical key `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The entries in key order.
    pub fn values(&self) -> std::slice::Iter<'_, Entry> {
        self.list.iter()
    }

    /// The canonical keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> + '_ {
        self.list.iter().map(|e| &e.key)
    }

    /// `(key, entry)` pairs in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Entry)> + '_ {
        self.list.iter().map(|e| (&e.key, e))
    }

    /// How many keys are set.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True when no key is set.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

impl<'a> IntoIterator for &'a Entries {
    type Item = &'a Entry;
    type IntoIter = std::slice::Iter<'a, Entry>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl IntoIterator for Entries {
    type Item = Entry;
    type IntoIter = std::vec::IntoIter<Entry>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl std::ops::Index<&str> for Entries {
    type Output = Entry;

    fn index(&self, key: &str) -> &Entry {
        self.get(key).unwrap_or_else(|| panic!("no entry for {key}"))
    }
}

/// A lazily built index that takes no part in comparisons (it is derived from the
/// entries): `(name in the newest Flink version, canonical key)` of the entries whose
/// canonical key is another name, the first entry in key order for each name (usually
/// empty: only configurations resolved for an older Flink version have such keys).
#[derive(Debug, Clone, Default)]
struct NewestIndex(OnceLock<Vec<(String, String)>>);

impl PartialEq for NewestIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for NewestIndex {}

impl EffectiveConfig {
    /// The configuration as one would write it again: a `flinkConfiguration` mapping of
    /// every key to its final value (quoted where YAML would change its type), after a
    /// comment naming whose configuration it is. What the studio's "copy as YAML" copies.
    pub fn to_yaml(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> = self
            .entries
            .values()
            .map(|e| (e.key.clone(), serde_json::Value::String(e.value.clone())))
            .collect();
        let scope = match self.scope {
            Scope::Cluster => "cluster",
            Scope::Job => "job",
        };
        let doc = serde_json::json!({ "flinkConfiguration": map });
        format!(
            "# Effective {scope} configuration of {} {}\n{}",
            self.reference.kind,
            self.reference.name,
            crate::core::export::emit::to_yaml(&doc)
        )
    }

    /// The entry for `key`; either name of an aliased key finds it.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        if let Some(e) = self.entries.get(key) {
            return Some(e);
        }
        let cat = catalog();
        let v = self.version();
        let canonical = cat.canonical(key, v);
        if canonical != key
            && let Some(e) = self.entries.get(canonical)
        {
            return Some(e);
        }
        // A name that is canonical in another version (e.g. `execution.checkpointing.dir`
        // asked of a Flink 1.18 configuration, whose canonical key is `state.checkpoints.dir`):
        // the first entry in key order whose key has that newest name. An entry keyed by
        // the newest name itself qualifies when that name is its own newest name; the
        // others are in the index.
        let newest = cat.canonical(key, FlinkVersion::LATEST);
        let index = self.by_newest.0.get_or_init(|| {
            let mut index: Vec<(String, String)> = Vec::new();
            for e in self.entries.values() {
                let canonical = cat.canonical(&e.key, FlinkVersion::LATEST);
                if canonical != e.key && !index.iter().any(|(n, _)| n == canonical) {
                    index.push((canonical.to_string(), e.key.clone()));
                }
            }
            index
        });
        let renamed = index.iter().find(|(n, _)| n == newest).map(|(_, k)| k.as_str());
        let looked_up = newest == key || newest == canonical;
        let same = (!looked_up && cat.canonical(newest, FlinkVersion::LATEST) == newest)
            .then_some(newest)
            .filter(|k| self.entries.contains_key(k));
        let first = match (renamed, same) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        first.and_then(|k| self.entries.get(k))
    }

    /// The final value of `key`.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.get(key).map(|e| e.value.as_str())
    }

    /// The Flink version used to resolve keys.
    pub fn version(&self) -> FlinkVersion {
        self.flink_version.unwrap_or(FlinkVersion::LATEST)
    }
}

/// Flattens a `flinkConfiguration` value (nested maps become dotted keys; FKO ≥ 1.13).
/// Scalars are rendered as Flink reads them (`true`, `2`, `1.5`).
pub fn flatten(value: &Value) -> BTreeMap<String, String> {
    fn walk(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    walk(&key, v, out);
                }
            }
            other => {
                out.insert(prefix.to_string(), scalar_text(other));
            }
        }
    }
    let mut out = BTreeMap::new();
    if value.is_object() {
        walk("", value, &mut out);
    }
    out
}

/// Renders a scalar as Flink configuration text.
pub fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Array(a) => a.iter().map(scalar_text).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

/// True for resources that carry a job or cluster configuration.
pub fn is_job_bearing(r: &Resource) -> bool {
    matches!(
        r.kind,
        Kind::Application
            | Kind::Statement
            | Kind::ComputePool
            | Kind::FlinkDeployment
            | Kind::FlinkBlueGreenDeployment
            | Kind::FlinkSessionJob
    )
}

/// Flattens a `flinkConfiguration` value like [`flatten`], keeping the JSON Pointer of
/// every leaf (below `base`), in document order.
pub fn flatten_with_pointers(value: &Value, base: &str) -> Vec<(String, String, String)> {
    fn walk(prefix: &str, ptr: &str, v: &Value, out: &mut Vec<(String, String, String)>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    walk(&key, &pointer::push(ptr, k), v, out);
                }
            }
            other => out.push((prefix.to_string(), scalar_text(other), ptr.to_string())),
        }
    }
    let mut out = Vec::new();
    if value.is_object() {
        walk("", base, value, &mut out);
    }
    out
}

/// Computes the effective configurations of every job-bearing resource: FKO
/// FlinkDeployments, FlinkBlueGreenDeployments (their template) and FlinkSessionJobs
/// (§3.4), CMF applications (§3.2), compute pools
/// and statements (§3.3; a statement has a cluster and a job configuration, DDL and
/// metadata statements none).
pub fn effective_configs(
    design: &Design,
    graph: &Graph,
    _targets: &Targets,
) -> Vec<EffectiveConfig> {
    let env = Env::new(design, graph);
    let mut out = Vec::new();
    for r in design.resources.iter().filter(|r| is_job_bearing(r)) {
        out.extend(configs_of(&env, r));
    }
    out
}

/// A new configuration for `r`.
fn new_config(r: &Resource, scope: Scope, label: String) -> EffectiveConfig {
    EffectiveConfig {
        resource: r.id,
        reference: r.reference(),
        scope,
        entries: Entries::default(),
        label,
        flink_version: None,
        namespace: None,
        notes: Vec::new(),
        by_newest: NewestIndex::default(),
    }
}

#[cfg(test)]
mod tests;
