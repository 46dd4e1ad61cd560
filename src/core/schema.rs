//! Structural schemas of the Flink Kubernetes Operator CRDs, embedded and checked.
//!
//! The `openAPIV3Schema` of each FKO CRD (`shared/specs/crds`) is embedded as compact JSON
//! (`data/crd/<Kind>.json`, descriptions and `status` stripped) and parsed once, lazily.
//! The blue/green CRD embeds the FlinkDeployment spec by reference (`x-studio-ref`) to keep
//! the browser bundle small. [`check`] walks a value against a schema the way the
//! Kubernetes API server does for structural schemas: types, enums, `required`, unknown
//! (pruned) fields unless `x-kubernetes-preserve-unknown-fields`, `x-kubernetes-int-or-string`,
//! arrays and `additionalProperties`. It is not a general JSON-schema engine.
//!
//! Enums no embedded CRD carries (CMF REST fields, the studio's own nodes) are listed in
//! [`LISTED_ENUMS`], each checked against its published source by a test.

mod listed;
mod suggest;
mod walk;

use std::sync::OnceLock;

use serde_json::Value;

pub use listed::{LISTED_ENUMS, ListedEnum, ListedSource, listed_enum};
pub use walk::{Issue, IssueKind, check};

use super::model::Kind;

/// The FKO kinds with an embedded schema, with their compact JSON.
const EMBEDDED: &[(Kind, &str, &str)] = &[
    (Kind::FlinkDeployment, "FlinkDeployment", include_str!("../../data/crd/FlinkDeployment.json")),
    (Kind::FlinkSessionJob, "FlinkSessionJob", include_str!("../../data/crd/FlinkSessionJob.json")),
    (
        Kind::FlinkStateSnapshot,
        "FlinkStateSnapshot",
        include_str!("../../data/crd/FlinkStateSnapshot.json"),
    ),
    (
        Kind::FlinkBlueGreenDeployment,
        "FlinkBlueGreenDeployment",
        include_str!("../../data/crd/FlinkBlueGreenDeployment.json"),
    ),
];

/// Marker key standing for "the FlinkDeployment spec schema" in the embedded blue/green CRD.
pub const REF_KEY: &str = "x-studio-ref";

static PARSED: OnceLock<Vec<(Kind, Value)>> = OnceLock::new();

fn parsed() -> &'static [(Kind, Value)] {
    PARSED.get_or_init(|| {
        let mut out: Vec<(Kind, Value)> = EMBEDDED
            .iter()
            .map(|(k, _, text)| (*k, serde_json::from_str(text).unwrap_or(Value::Null)))
            .collect();
        let fd_spec = out
            .iter()
            .find(|(k, _)| *k == Kind::FlinkDeployment)
            .and_then(|(_, v)| v.pointer("/properties/spec").cloned());
        if let Some(fd_spec) = fd_spec {
            for (_, v) in &mut out {
                resolve_refs(v, &fd_spec);
            }
        }
        out
    })
}

fn resolve_refs(v: &mut Value, fd_spec: &Value) {
    match v {
        Value::Object(m) if m.contains_key(REF_KEY) => *v = fd_spec.clone(),
        Value::Object(m) => m.values_mut().for_each(|c| resolve_refs(c, fd_spec)),
        Value::Array(a) => a.iter_mut().for_each(|c| resolve_refs(c, fd_spec)),
        _ => {}
    }
}

/// The `openAPIV3Schema` of an FKO CRD (without `status`), if `kind` has one.
pub fn crd_schema(kind: Kind) -> Option<&'static Value> {
    parsed().iter().find(|(k, _)| *k == kind).map(|(_, v)| v).filter(|v| v.is_object())
}

/// The schema of `spec` of an FKO CRD.
pub fn spec_schema(kind: Kind) -> Option<&'static Value> {
    crd_schema(kind).and_then(|s| s.pointer("/properties/spec"))
}

/// The schema at a path of property names below `spec` of an FKO CRD.
pub fn spec_property(kind: Kind, tokens: &[&str]) -> Option<&'static Value> {
    tokens.iter().try_fold(spec_schema(kind)?, |s, t| s.get("properties")?.get(*t))
}

/// The allowed values (`enum`) of a property below `spec` of an FKO CRD, in schema order.
pub fn spec_enum(kind: Kind, tokens: &[&str]) -> Option<&'static [Value]> {
    spec_property(kind, tokens)?.get("enum")?.as_array().map(Vec::as_slice)
}

/// Compact form of a CRD's `openAPIV3Schema` as embedded: descriptions, `status` and the
/// `anyOf` of int-or-string fields removed; for blue/green, the template spec replaced by a
/// reference when it equals the FlinkDeployment spec. Used to regenerate `data/crd`.
pub fn compact(schema: &Value, fd_spec: Option<&Value>) -> Value {
    fn strip(v: &Value, top: bool) -> Value {
        match v {
            Value::Object(m) => {
                let int_or_string = m.contains_key("x-kubernetes-int-or-string");
                Value::Object(
                    m.iter()
                        .filter(|(k, _)| {
                            k.as_str() != "description"
                                && !(int_or_string && k.as_str() == "anyOf")
                                && !(top && k.as_str() == "status")
                        })
                        .map(|(k, c)| (k.clone(), strip(c, top && k == "properties")))
                        .collect(),
                )
            }
            Value::Array(a) => Value::Array(a.iter().map(|c| strip(c, false)).collect()),
            other => other.clone(),
        }
    }
    let mut out = strip(schema, true);
    if let (Some(fd_spec), Some(t)) =
        (fd_spec, out.pointer_mut("/properties/spec/properties/template/properties/spec"))
        && &strip(fd_spec, false) == t
    {
        *t = serde_json::json!({ REF_KEY: "FlinkDeployment" });
    }
    out
}

#[cfg(test)]
mod tests;
