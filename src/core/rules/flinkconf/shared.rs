//! Shared by the `flinkconf` rules: the configuration maps they judge, placeholders, and
//! the conflicts between an environment's defaults and its jobs.

use serde_json::Value;

use crate::core::cluster::{ConfMap, MapKind};
use crate::core::config::{EffectiveConfig, Entry, Layer, Overridden, scalar_text};
use crate::core::model::Resource;
use crate::core::rules::Context;

/// Every Flink configuration map the family judges (`Context::conf_maps`), walked as
/// subjects: all but the operator's `defaultConfiguration`, whose scoped keys
/// (`kubernetes.operator.default-configuration.…`) are the operator's own syntax.
pub fn maps<'c, 'a>(cx: &'c Context<'a>) -> impl Iterator<Item = ConfMap<'a>> + 'c {
    cx.conf_maps().filter(|m| m.kind != MapKind::OperatorDefaults)
}

/// True when a value contains a `${…}` placeholder.
pub fn has_placeholder(value: &str) -> bool {
    value.find("${").is_some_and(|i| value[i..].contains('}'))
}

/// The leaves of a JSON value below `base` (objects walked, arrays and scalars are
/// leaves), as (relative tokens, value).
fn leaves(v: &Value) -> Vec<(Vec<String>, &Value)> {
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
