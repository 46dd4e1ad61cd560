//! Effective Flink configuration: the layers that set each key, which one won, and
//! which values were overridden (domain.md §3).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::design::Design;
use super::graph::Graph;
use super::model::{Kind, Resource, ResourceId, ResourceRef};
use super::targets::Targets;

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
    /// JSON Pointer of the field in that resource.
    pub path: String,
    /// Id of that resource in the design.
    #[serde(skip)]
    pub resource_id: Option<ResourceId>,
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
    /// Canonical key.
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

/// The merged configuration of one job-bearing resource in one scope.
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
    /// Entries by canonical key.
    pub entries: BTreeMap<String, Entry>,
}

impl EffectiveConfig {
    /// The entry for `key` (deprecated aliases resolve to their canonical key).
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// The final value of `key`.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.get(key).map(|e| e.value.as_str())
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
            | Kind::FlinkSessionJob
    )
}

/// Computes the effective configurations of every job-bearing resource.
pub fn effective_configs(
    design: &Design,
    _graph: &Graph,
    _targets: &Targets,
) -> Vec<EffectiveConfig> {
    design
        .resources
        .iter()
        .filter(|r| is_job_bearing(r))
        .map(|r| {
            let tokens: &[&str] = if r.kind == Kind::ComputePool {
                &["clusterSpec", "flinkConfiguration"]
            } else {
                &["flinkConfiguration"]
            };
            let base = r.spec_field(tokens);
            let entries = r
                .spec_get(tokens)
                .map(flatten)
                .unwrap_or_default()
                .into_iter()
                .map(|(key, value)| {
                    let source = Source {
                        layer: Layer::Resource,
                        resource: Some(r.reference()),
                        path: super::pointer::push(&base, &key),
                        resource_id: Some(r.id),
                    };
                    (
                        key.clone(),
                        Entry { key, value, source, overridden: Vec::new(), unverified: false },
                    )
                })
                .collect();
            EffectiveConfig {
                resource: r.id,
                reference: r.reference(),
                scope: Scope::Cluster,
                entries,
            }
        })
        .collect()
}
