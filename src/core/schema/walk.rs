//! The structural-schema walker.

use serde_json::Value;

use super::suggest::suggest;
use crate::core::pointer;

/// What is wrong with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    /// The value has the wrong JSON type; `expected` is the schema type.
    Type {
        /// `string`, `integer`, `number`, `boolean`, `object`, `array` or `integer or string`.
        expected: &'static str,
    },
    /// The value is not one of the allowed values.
    Enum {
        /// The allowed values, as written in the schema.
        allowed: Vec<String>,
    },
    /// The field is not in the schema (the API server prunes or rejects it).
    Unknown {
        /// A likely intended field, as a path relative to the parent object.
        suggestion: Option<String>,
    },
    /// A required field is missing (the pointer names the missing field).
    Required,
}

/// One schema violation.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// RFC 6901 pointer of the offending value (or of the missing field).
    pub pointer: String,
    /// What is wrong.
    pub kind: IssueKind,
    /// The offending value (`Null` for a missing field).
    pub value: Value,
}

/// Checks `value` (found at `base` in its document) against a structural `schema`.
pub fn check(schema: &Value, value: &Value, base: &str) -> Vec<Issue> {
    let mut out = Vec::new();
    walk(schema, None, value, base, &mut out);
    out
}

fn issue(out: &mut Vec<Issue>, at: &str, kind: IssueKind, value: &Value) {
    out.push(Issue { pointer: at.to_string(), kind, value: value.clone() });
}

fn flag(s: &Value, key: &str) -> bool {
    pointer::child(s, key).and_then(Value::as_bool).unwrap_or(false)
}

fn walk(s: &Value, parent: Option<&Value>, v: &Value, at: &str, out: &mut Vec<Issue>) {
    if v.is_null() {
        return; // the API server drops nulls of non-nullable fields
    }
    if flag(s, "x-kubernetes-int-or-string") {
        if !(is_integer(v) || v.is_string()) {
            issue(out, at, IssueKind::Type { expected: "integer or string" }, v);
        }
        return;
    }
    let ty = pointer::child(s, "type").and_then(Value::as_str);
    let ok = match ty {
        Some("object") => v.is_object(),
        Some("array") => v.is_array(),
        Some("string") => v.is_string(),
        Some("integer") => is_integer(v),
        Some("number") => v.is_number(),
        Some("boolean") => v.is_boolean(),
        _ => true,
    };
    if !ok {
        let expected = match ty {
            Some("object") => "object",
            Some("array") => "array",
            Some("string") => "string",
            Some("integer") => "integer",
            Some("number") => "number",
            _ => "boolean",
        };
        issue(out, at, IssueKind::Type { expected }, v);
        return;
    }
    if let Some(allowed) = pointer::child(s, "enum").and_then(Value::as_array)
        && !allowed.contains(v)
    {
        let allowed = allowed.iter().map(crate::core::config::scalar_text).collect();
        issue(out, at, IssueKind::Enum { allowed }, v);
    }
    match v {
        Value::Object(m) => object(s, parent, m, at, out),
        Value::Array(a) => {
            if let Some(items) = pointer::child(s, "items") {
                for (i, item) in a.iter().enumerate() {
                    walk(items, Some(s), item, &pointer::push(at, &i.to_string()), out);
                }
            }
        }
        _ => {}
    }
}

fn object(
    s: &Value,
    parent: Option<&Value>,
    m: &serde_json::Map<String, Value>,
    at: &str,
    out: &mut Vec<Issue>,
) {
    let props = pointer::child(s, "properties").and_then(Value::as_object);
    let additional = pointer::child(s, "additionalProperties");
    let preserve = flag(s, "x-kubernetes-preserve-unknown-fields");
    for (k, child) in m {
        let child_at = pointer::push(at, k);
        if let Some(cs) = props.and_then(|p| pointer::field(p, k)) {
            walk(cs, Some(s), child, &child_at, out);
        } else if let Some(Value::Object(_)) = additional {
            walk(additional.unwrap_or(&Value::Null), Some(s), child, &child_at, out);
        } else if !(preserve || additional == Some(&Value::Bool(true))) {
            issue(out, &child_at, IssueKind::Unknown { suggestion: suggest(k, s, parent) }, child);
        }
    }
    for r in pointer::child(s, "required").and_then(Value::as_array).into_iter().flatten() {
        if let Some(r) = r.as_str()
            && !m.contains_key(r)
        {
            issue(out, &pointer::push(at, r), IssueKind::Required, &Value::Null);
        }
    }
}

/// True for JSON integers (and floats without a fraction, which YAML may produce).
fn is_integer(v: &Value) -> bool {
    v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0 && f.is_finite())
}
