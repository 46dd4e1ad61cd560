//! Field-level differences between the design's payload and the server's copy, ignoring
//! what the server owns (status, uid, timestamps) and what it never returns (secret values).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::core::model::Kind;
use crate::core::pointer;

/// One changed field: JSON Pointer, the server's value and the design's (absent = `None`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// RFC 6901 pointer into the payload.
    pub path: String,
    /// The server's value (`None`: the server does not have the field).
    pub before: Option<Value>,
    /// The design's value (`None`: the design removes the field).
    pub after: Option<Value>,
}

/// `metadata` fields the server fills in.
const SERVER_METADATA: &[&str] = &[
    "uid",
    "creationTimestamp",
    "updateTimestamp",
    "resourceVersion",
    "generation",
    "managedFields",
];

/// The part of a body that the design controls: no `status`, server metadata, environment
/// timestamps and secret list, statement results, nor secret values.
fn comparable(kind: Kind, body: &Value) -> Value {
    let mut out = body.clone();
    let Some(map) = out.as_object_mut() else { return out };
    for key in ["status", "result", "created_time", "updated_time"] {
        map.shift_remove(key);
    }
    if kind == Kind::Environment {
        // Read-mostly view of the secret mappings, and the 2.3 metadata echo of the name.
        map.shift_remove("secrets");
        if let Some(meta) = map.get_mut("metadata").and_then(Value::as_object_mut) {
            meta.shift_remove("name");
        }
    }
    if let Some(meta) = map.get_mut("metadata").and_then(Value::as_object_mut) {
        for key in SERVER_METADATA {
            meta.shift_remove(*key);
        }
    }
    if kind == Kind::CmfSecret
        && let Some(spec) = map.get_mut("spec").and_then(Value::as_object_mut)
    {
        spec.shift_remove("data");
    }
    drop_empty(&mut out);
    out
}

/// Removes nulls and empty objects (CMF may drop or add them), recursively.
fn drop_empty(value: &mut Value) {
    if let Value::Object(map) = value {
        for v in map.values_mut() {
            drop_empty(v);
        }
        map.retain(|_, v| !v.is_null() && !v.as_object().is_some_and(Map::is_empty));
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn walk(path: &str, before: Option<&Value>, after: Option<&Value>, out: &mut Vec<Change>) {
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            for (k, v) in a {
                walk(&child(path, k), b.get(k), Some(v), out);
            }
            for (k, v) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                walk(&child(path, k), Some(v), None, out);
            }
        }
        (Some(b), Some(a)) if same(b, a) => {}
        (None, None) => {}
        (b, a) => {
            out.push(Change { path: path.to_string(), before: b.cloned(), after: a.cloned() })
        }
    }
}

fn child(path: &str, key: &str) -> String {
    format!("{path}/{}", pointer::escape(key))
}

/// The changed fields between two values (no server fields removed), as pointers below
/// them.
pub(crate) fn fields(before: &Value, after: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk("", Some(before), Some(after), &mut out);
    out
}

/// What applying `desired` would change on the server's `actual` copy.
pub(crate) fn diff(kind: Kind, desired: &Value, actual: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk("", Some(&comparable(kind, actual)), Some(&comparable(kind, desired)), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn server_fields_are_ignored() {
        let desired = json!({"apiVersion": "cmf.confluent.io/v1", "kind": "ComputePool",
            "metadata": {"name": "pool"}, "spec": {"type": "DEDICATED", "clusterSpec": {"x": 1}}});
        let mut actual = desired.clone();
        actual["metadata"]["uid"] = json!("123");
        actual["metadata"]["creationTimestamp"] = json!("2026-01-01T00:00:00Z");
        actual["status"] = json!({"phase": "DEDICATED"});
        actual["spec"]["clusterSpec"]["x"] = json!(1.0);
        assert!(diff(Kind::ComputePool, &desired, &actual).is_empty());
    }

    #[test]
    fn changes_name_the_field_with_both_values() {
        let desired =
            json!({"metadata": {"name": "s"}, "spec": {"parallelism": 4, "stopped": false}});
        let actual = json!({"metadata": {"name": "s"}, "spec": {"parallelism": 2, "old": "x", "stopped": false}});
        let changes = diff(Kind::Statement, &desired, &actual);
        assert_eq!(
            changes,
            vec![
                Change {
                    path: "/spec/parallelism".into(),
                    before: Some(json!(2)),
                    after: Some(json!(4))
                },
                Change { path: "/spec/old".into(), before: Some(json!("x")), after: None },
            ]
        );
    }

    #[test]
    fn secret_values_and_environment_extras_never_differ() {
        let desired = json!({"metadata": {"name": "s"}, "spec": {"data": {"k": "new"}}});
        let actual = json!({"metadata": {"name": "s"}, "spec": {"data": {"k": "****"}}});
        assert!(diff(Kind::CmfSecret, &desired, &actual).is_empty());
        let env = json!({"name": "dev", "kubernetesNamespace": "ns"});
        let server = json!({"name": "dev", "kubernetesNamespace": "ns", "secrets": {},
            "created_time": "t", "updated_time": "t", "metadata": {"name": "dev"}});
        assert!(diff(Kind::Environment, &env, &server).is_empty());
    }
}
