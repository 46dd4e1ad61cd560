//! Shared helpers of the `flinkconf` rules: every `flinkConfiguration` map of a design
//! with the Flink version its keys are read for.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::core::config::{
    EffectiveConfig, Entry, Layer, Overridden, Scope, flatten_with_pointers, scalar_text,
};
use crate::core::model::{Form, Kind, Resource};
use crate::core::options::{Catalog, FlinkVersion, OptionInfo, catalog};
use crate::core::rules::Context;

/// One `flinkConfiguration` map of a resource.
pub struct ConfMap<'a> {
    /// The resource holding it.
    pub r: &'a Resource,
    /// Tokens from the resource's spec to the map.
    pub tokens: &'static [&'static str],
    /// Flink version its keys are read for.
    pub version: FlinkVersion,
    /// True for CMF objects (applications, pools, statements, environments).
    pub cmf: bool,
}

/// One key of a map, as written.
pub struct Item {
    /// Key as written (nested maps flattened to dotted keys).
    pub key: String,
    /// Value as Flink reads it.
    pub value: String,
    /// JSON Pointer of the value.
    pub pointer: String,
}

impl ConfMap<'_> {
    /// The keys of the map, in document order.
    pub fn items(&self) -> Vec<Item> {
        let Some(map) = self.r.spec_get(self.tokens) else { return Vec::new() };
        flatten_with_pointers(map, &self.r.spec_field(self.tokens))
            .into_iter()
            .map(|(key, value, pointer)| Item { key, value, pointer })
            .collect()
    }

    /// Items whose canonical key (for this map's version) is `canonical`.
    pub fn items_for(&self, canonical: &str) -> Vec<Item> {
        let cat = catalog();
        self.items()
            .into_iter()
            .filter(|i| cat.canonical(&i.key, self.version) == canonical)
            .collect()
    }

    /// The option an item names, if the catalog knows it.
    pub fn option(&self, key: &str) -> Option<&'static OptionInfo> {
        catalog().lookup(key, self.version)
    }

    /// The catalog.
    pub fn catalog(&self) -> &'static Catalog {
        catalog()
    }

    /// True when this map configures a native-Kubernetes Flink cluster (not standalone).
    pub fn native(&self) -> bool {
        self.r.spec_str(&["mode"]) != Some("standalone")
    }
}

fn spec_version(r: &Resource, tokens: &[&str]) -> Option<FlinkVersion> {
    r.spec_str(tokens).and_then(FlinkVersion::parse)
}

/// The Flink version of a resource's configuration.
pub fn version_of(cx: &Context<'_>, r: &Resource) -> FlinkVersion {
    let from_config = [Scope::Cluster, Scope::Job]
        .into_iter()
        .find_map(|s| cx.config(r.id, s).and_then(|c| c.flink_version));
    from_config
        .or_else(|| spec_version(r, &["flinkVersion"]))
        .or_else(|| spec_version(r, &["template", "spec", "flinkVersion"]))
        .or_else(|| {
            matches!(r.kind, Kind::ComputePool | Kind::Statement)
                .then_some(FlinkVersion::CMF_SQL_DEFAULT)
        })
        .unwrap_or(FlinkVersion::LATEST)
}

/// Every `flinkConfiguration` map of the design: FKO CRs, CMF/CFK applications, pool
/// `clusterSpec`s, statements, environment defaults and fragments.
/// Walked as subjects (`Context::subjects`): one resource's maps at a time.
pub fn maps<'c, 'a>(cx: &'c Context<'a>) -> impl Iterator<Item = ConfMap<'a>> + 'c {
    cx.subjects().flat_map(move |r| maps_of(cx, r))
}

/// The `flinkConfiguration` maps of one resource.
fn maps_of<'a>(cx: &Context<'a>, r: &'a Resource) -> Vec<ConfMap<'a>> {
    let mut out = Vec::new();
    {
        let cmf = matches!(r.form, Form::CmfRest | Form::CfkCr);
        let mut add = |tokens: &'static [&'static str], version: FlinkVersion| {
            if r.spec_get(tokens).is_some_and(Value::is_object) {
                out.push(ConfMap { r, tokens, version, cmf });
            }
        };
        match r.kind {
            Kind::FlinkDeployment
            | Kind::FlinkSessionJob
            | Kind::Application
            | Kind::Statement
            | Kind::Fragment => add(&["flinkConfiguration"], version_of(cx, r)),
            Kind::FlinkBlueGreenDeployment => {
                add(&["template", "spec", "flinkConfiguration"], version_of(cx, r))
            }
            Kind::ComputePool => add(&["clusterSpec", "flinkConfiguration"], version_of(cx, r)),
            Kind::Environment => {
                let app = spec_version(r, &["flinkApplicationDefaults", "spec", "flinkVersion"]);
                let pool = spec_version(r, &["computePoolDefaults", "clusterSpec", "flinkVersion"]);
                let sql = pool.unwrap_or(FlinkVersion::CMF_SQL_DEFAULT);
                add(
                    &["flinkApplicationDefaults", "spec", "flinkConfiguration"],
                    app.unwrap_or(FlinkVersion::LATEST),
                );
                add(&["computePoolDefaults", "clusterSpec", "flinkConfiguration"], sql);
                add(&["statementDefaults", "detached", "flinkConfiguration"], sql);
                add(&["statementDefaults", "interactive", "flinkConfiguration"], sql);
            }
            _ => {}
        }
    }
    out
}

/// True when a value contains a `${…}` placeholder.
pub fn has_placeholder(value: &str) -> bool {
    value.find("${").is_some_and(|i| value[i..].contains('}'))
}

/// Deduplicates (resource, pointer) pairs across configurations sharing a layer.
#[derive(Default)]
pub struct Seen(BTreeSet<(u32, String)>);

impl Seen {
    /// True the first time a (resource, pointer) pair is seen.
    pub fn first(&mut self, r: &Resource, pointer: &str) -> bool {
        self.0.insert((r.id.0, pointer.to_string()))
    }
}

/// The leaves of a JSON value below `base` (objects walked, arrays and scalars are
/// leaves), as (relative tokens, value).
pub fn leaves(v: &Value) -> Vec<(Vec<String>, &Value)> {
    fn walk<'v>(path: &mut Vec<String>, v: &'v Value, out: &mut Vec<(Vec<String>, &'v Value)>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    path.push(k.clone());
                    walk(path, v, out);
                    path.pop();
                }
            }
            other => out.push((path.clone(), other)),
        }
    }
    let mut out = Vec::new();
    walk(&mut Vec::new(), v, &mut out);
    out
}

/// Entries won by `winner` over a different value set by `loser` (highest such loser).
pub fn layer_conflicts(
    c: &EffectiveConfig,
    winner: Layer,
    loser: Layer,
) -> Vec<(&Entry, &Overridden)> {
    c.entries
        .values()
        .filter(|e| e.source.layer == winner)
        .filter_map(|e| e.overridden.iter().find(|o| o.source.layer == loser).map(|o| (e, o)))
        .filter(|(e, o)| o.value != e.value)
        .collect()
}

/// A spec field of an object.
pub struct Field {
    /// Rendered value.
    pub value: String,
    /// JSON Pointer.
    pub pointer: String,
}

/// Fields (leaves outside `flinkConfiguration`) set both below `tokens` of `r` and below
/// `env_tokens` of `env`: (dotted field, the object's field, the environment's value).
pub fn overlapping_fields(
    r: &Resource,
    tokens: &[&str],
    env: &Resource,
    env_tokens: &[&str],
) -> Vec<(String, Field, String)> {
    let (Some(mine), Some(theirs)) = (r.spec_get(tokens), env.spec_get(env_tokens)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (path, v) in leaves(mine) {
        if path.first().is_some_and(|p| p == "flinkConfiguration") || v.is_null() {
            continue;
        }
        let rel: Vec<&str> = path.iter().map(String::as_str).collect();
        let Some(other) = crate::core::pointer::get(theirs, &rel).filter(|o| !o.is_object()) else {
            continue;
        };
        let full: Vec<&str> = tokens.iter().copied().chain(rel.iter().copied()).collect();
        let field = Field { value: scalar_text(v), pointer: r.spec_field(&full) };
        out.push((path.join("."), field, scalar_text(other)));
    }
    out
}
