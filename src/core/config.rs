//! Effective Flink configuration: the layers that set each key, which one won, and
//! which values were overridden (domain.md §3).

use std::collections::BTreeMap;
use std::sync::OnceLock;

mod cmf;
mod compare;
mod environment;
mod fko;
mod merge;
mod source;

use serde::{Serialize, Serializer};
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
    /// The resource that set it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceRef>,
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

impl Source {
    /// A value set by `layer` at `path` of `r`.
    pub fn at(layer: Layer, r: &Resource, path: String) -> Self {
        Self {
            layer,
            resource: Some(r.reference()),
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
    #[serde(serialize_with = "entries_as_list")]
    pub entries: BTreeMap<String, Entry>,
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
    /// Entries by the key's canonical name in the newest Flink version, built on the
    /// first look-up that misses (see [`EffectiveConfig::get`]).
    #[serde(skip)]
    by_newest: NewestIndex,
}

/// A lazily built index that takes no part in comparisons (it is derived from the
/// entries).
#[derive(Debug, Clone, Default)]
struct NewestIndex(OnceLock<crate::core::hash::FastMap<String, String>>);

impl PartialEq for NewestIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for NewestIndex {}

fn entries_as_list<S: Serializer>(
    entries: &BTreeMap<String, Entry>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(entries.values())
}

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
        if let Some(e) = self.entries.get(cat.canonical(key, v)) {
            return Some(e);
        }
        // A name that is canonical in another version (e.g. `execution.checkpointing.dir`
        // asked of a Flink 1.18 configuration, whose canonical key is `state.checkpoints.dir`).
        let newest = cat.canonical(key, FlinkVersion::LATEST);
        let index = self.by_newest.0.get_or_init(|| {
            let mut index = crate::core::hash::FastMap::default();
            for e in self.entries.values() {
                let canonical = cat.canonical(&e.key, FlinkVersion::LATEST).to_string();
                index.entry(canonical).or_insert_with(|| e.key.clone());
            }
            index
        });
        index.get(newest).and_then(|k| self.entries.get(k))
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
        entries: BTreeMap::new(),
        label,
        flink_version: None,
        namespace: None,
        notes: Vec::new(),
        by_newest: NewestIndex::default(),
    }
}

#[cfg(test)]
mod tests;
