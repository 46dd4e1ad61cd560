//! Where a document keeps secret values: every place, as a JSON Pointer and a kind.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::keys::{is_credential_key, is_literal};
use super::text::{TextSecret, is_private_key, secrets_in};
use crate::core::model::{Form, Kind, classify};
use crate::core::pointer;

/// What kind of place holds a secret value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    /// A value of a Kubernetes Secret's `data` or `stringData`.
    SecretData,
    /// A value of a CMF Secret's `spec.data`.
    CmfSecretData,
    /// A configuration value under a credential key (`flinkConfiguration`, any map).
    Config,
    /// A value of a catalog's or database's `connectionConfig`.
    ConnectionConfig,
    /// A container environment variable's `value`.
    EnvValue,
    /// An element of a `command` or `args` list.
    CommandLine,
    /// An annotation's value.
    Annotation,
    /// A PEM private key.
    KeyMaterial,
    /// A credential written inside another text (a script, a SQL statement).
    Text,
}

/// One place holding a secret value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// JSON Pointer of the string (or number) holding it.
    pub pointer: String,
    /// What kind of place it is.
    pub kind: SecretKind,
    /// The byte range of the secret inside the string; `None` when the whole value is.
    pub range: Option<Range<usize>>,
    /// What holds it, for people (`sasl.jaas.config`, `env DB_PASSWORD`, `--db-password …`);
    /// never the value.
    pub what: String,
}

/// The annotation in which `kubectl apply` keeps the whole last applied object.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Every place of `doc` that holds a secret value, in document order.
pub fn places(doc: &Value) -> Vec<Place> {
    let (kind, form) = classify(doc);
    let mut out = Vec::new();
    let Some(map) = doc.as_object() else { return out };
    let secret_maps: &[(&str, &str, SecretKind)] = match (kind, form) {
        (Kind::Secret, _) => &[
            ("data", "/data", SecretKind::SecretData),
            ("stringData", "/stringData", SecretKind::SecretData),
        ],
        (Kind::CmfSecret, Form::CmfRest) => &[("spec", "/spec/data", SecretKind::CmfSecretData)],
        _ => &[],
    };
    for (k, c) in map {
        let mut at = pointer::push("", k);
        if let Some((_, data_at, secret)) = secret_maps.iter().find(|(key, _, _)| key == k) {
            let data = if *data_at == "/spec/data" { c.get("data") } else { Some(c) };
            if let Some(data) = data.and_then(Value::as_object) {
                for (name, v) in data {
                    if !v.is_null() {
                        out.push(whole(pointer::push(data_at, name), *secret, name.clone()));
                    }
                }
            }
            if *data_at == "/spec/data" {
                // The rest of a CMF secret's spec is walked like any other.
                if let Some(spec) = c.as_object() {
                    for (sk, sc) in spec.iter().filter(|(sk, _)| *sk != "data") {
                        let (mut at, mut dotted) = (pointer::push(&at, sk), sk.clone());
                        walk(sc, &mut at, sk, &mut dotted, &mut out);
                    }
                }
            }
            continue;
        }
        let mut dotted = k.clone();
        walk(c, &mut at, k, &mut dotted, &mut out);
    }
    out
}

/// Appends one reference token to a pointer (RFC 6901 escaping, no allocation).
fn push_token(at: &mut String, token: &str) {
    at.push('/');
    for ch in token.chars() {
        match ch {
            '~' => at.push_str("~0"),
            '/' => at.push_str("~1"),
            c => at.push(c),
        }
    }
}

fn whole(pointer: String, kind: SecretKind, what: String) -> Place {
    Place { pointer, kind, range: None, what }
}

fn from_text(pointer: &str, kind: SecretKind, label: &str, s: TextSecret) -> Place {
    let what = if label.is_empty() { s.what } else { format!("{label}: {}", s.what) };
    Place { pointer: pointer.to_string(), kind, range: Some(s.range), what }
}

/// Walks a value under the object key `key`; `at` is its pointer and `dotted` the key
/// path since the last array (what [`is_credential_key`] judges). Both are buffers,
/// extended and cut back on the way: a walk that finds nothing allocates little.
fn walk(v: &Value, at: &mut String, key: &str, dotted: &mut String, out: &mut Vec<Place>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                let (at_len, dotted_len) = (at.len(), dotted.len());
                push_token(at, k);
                if !dotted.is_empty() {
                    dotted.push('.');
                }
                dotted.push_str(k);
                match (k.as_str(), c) {
                    ("annotations", Value::Object(a)) if key == "metadata" => {
                        annotations(a, at, out)
                    }
                    ("env", Value::Array(items)) => env(items, at, out),
                    ("command" | "args", Value::Array(items)) => command_line(items, at, k, out),
                    _ => walk(c, at, k, dotted, out),
                }
                at.truncate(at_len);
                dotted.truncate(dotted_len);
            }
        }
        Value::Array(items) => {
            let outer = std::mem::take(dotted);
            for (i, c) in items.iter().enumerate() {
                let at_len = at.len();
                at.push('/');
                at.push_str(&i.to_string());
                dotted.clear();
                walk(c, at, "", dotted, out);
                at.truncate(at_len);
            }
            *dotted = outer;
        }
        Value::String(s) => {
            let (kind, name) = config_place(dotted);
            if is_private_key(s) {
                out.push(whole(at.to_string(), SecretKind::KeyMaterial, key.to_string()));
            } else if holds_credential(dotted) && is_literal(v) {
                let inside = secrets_in(&[s]);
                if inside.is_empty() {
                    out.push(whole(at.to_string(), kind, name.to_string()));
                } else {
                    out.extend(inside.into_iter().map(|t| from_text(at, kind, name, t)));
                }
            } else {
                out.extend(
                    secrets_in(&[s]).into_iter().map(|t| from_text(at, SecretKind::Text, key, t)),
                );
            }
        }
        Value::Number(_) if holds_credential(dotted) => {
            let (kind, name) = config_place(dotted);
            out.push(whole(at.to_string(), kind, name.to_string()));
        }
        _ => {}
    }
}

/// A key path whose value is a credential: [`is_credential_key`], except names of one
/// and addresses (`connectionSecretId`, `tokenEndpointUri`), which the walk meets outside
/// configuration maps.
fn holds_credential(dotted: &str) -> bool {
    if !is_credential_key(dotted) {
        return false;
    }
    let last = dotted.rsplit('.').next().unwrap_or(dotted).to_ascii_lowercase();
    !["id", "ids", "uri", "url", "endpoint"].iter().any(|end| last.ends_with(end))
}

/// The kind of a configuration place and its key as people know it (`s3.secret-key`
/// rather than `spec.flinkConfiguration.s3.secret-key`).
fn config_place(dotted: &str) -> (SecretKind, &str) {
    if let Some((_, key)) = dotted.rsplit_once("connectionConfig.") {
        return (SecretKind::ConnectionConfig, key);
    }
    let key = ["flinkConfiguration.", "defaultConfiguration.", "spec."]
        .iter()
        .find_map(|m| dotted.rsplit_once(m).map(|(_, k)| k))
        .unwrap_or(dotted);
    (SecretKind::Config, key)
}

fn annotations(a: &serde_json::Map<String, Value>, at: &str, out: &mut Vec<Place>) {
    for (k, v) in a {
        let p = pointer::push(at, k);
        let Some(s) = v.as_str() else { continue };
        let label = format!("annotation {k}");
        if (is_credential_key(k) && is_literal(v)) || is_private_key(s) {
            out.push(whole(p, SecretKind::Annotation, label));
        } else if k == LAST_APPLIED {
            // The whole last applied object: secret if any of its places is.
            let held =
                serde_json::from_str::<Value>(s).ok().is_some_and(|o| !places(&o).is_empty());
            if held {
                out.push(whole(p, SecretKind::Annotation, label));
            }
        } else {
            out.extend(
                secrets_in(&[s])
                    .into_iter()
                    .map(|t| from_text(&p, SecretKind::Annotation, &label, t)),
            );
        }
    }
}

fn env(items: &[Value], at: &str, out: &mut Vec<Place>) {
    for (i, item) in items.iter().enumerate() {
        let item_at = format!("{at}/{i}");
        let name = item.get("name").and_then(Value::as_str).unwrap_or("");
        let label = format!("env {name}");
        match item.get("value") {
            Some(v @ (Value::String(_) | Value::Number(_)))
                if is_credential_key(name) && is_literal(v) =>
            {
                out.push(whole(format!("{item_at}/value"), SecretKind::EnvValue, label));
            }
            Some(Value::String(s)) if is_private_key(s) => {
                out.push(whole(format!("{item_at}/value"), SecretKind::EnvValue, label));
            }
            Some(Value::String(s)) => {
                let p = format!("{item_at}/value");
                out.extend(
                    secrets_in(&[s])
                        .into_iter()
                        .map(|t| from_text(&p, SecretKind::EnvValue, &label, t)),
                );
            }
            _ => {}
        }
    }
}

fn command_line(items: &[Value], at: &str, field: &str, out: &mut Vec<Place>) {
    let strings: Vec<&str> = items.iter().map(|v| v.as_str().unwrap_or("")).collect();
    for s in secrets_in(&strings) {
        let p = format!("{at}/{}", s.element);
        out.push(from_text(&p, SecretKind::CommandLine, field, s));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(doc: Value) -> Vec<(String, SecretKind, String)> {
        places(&doc).into_iter().map(|p| (p.pointer, p.kind, p.what)).collect()
    }

    #[test]
    fn secrets_and_cmf_secrets_hold_every_value() {
        let s = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
                       "data": {"a": "eA=="}, "stringData": {"b": "y"}});
        assert_eq!(
            at(s),
            [
                ("/data/a".into(), SecretKind::SecretData, "a".into()),
                ("/stringData/b".into(), SecretKind::SecretData, "b".into())
            ]
        );
        let c = json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Secret",
                       "metadata": {"name": "c"}, "spec": {"data": {"sasl.mechanism": "PLAIN"}}});
        assert_eq!(at(c)[0].0, "/spec/data/sasl.mechanism");
    }

    #[test]
    fn a_plain_deployment_has_none() {
        let d = json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
            "metadata": {"name": "d", "annotations": {"team": "x"}},
            "spec": {"flinkConfiguration": {"s3.access-key": "${KEY}", "kubernetes.secrets": "a:/b"},
                     "podTemplate": {"spec": {"automountServiceAccountToken": true, "containers": [{
                         "name": "m", "args": ["--port", "8081"],
                         "env": [{"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "s", "key": "pw"}}}]}]}}}});
        assert_eq!(at(d), []);
    }
}
