//! RFC 6901 JSON Pointers: building them (`escape`, `push`, `join`), reading a value by
//! its tokens (`get`, `get_str`), and splitting, setting and removing by pointer
//! (`tokens`, `set`, `remove`, `dotted` for labels). The one home of pointer code: edits,
//! drag-to-connect, the palette and the rules all use it.

use serde_json::{Map, Value};

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    push_escaped(&mut out, token);
    out
}

/// Appends `token` escaped to `out` (hot: building pointers allocates once).
fn push_escaped(out: &mut String, token: &str) {
    if !token.bytes().any(|b| b == b'~' || b == b'/') {
        out.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Appends one (unescaped) token to a pointer.
pub fn push(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + 1 + token.len());
    out.push_str(base);
    out.push('/');
    push_escaped(&mut out, token);
    out
}

/// Appends one (unescaped) token to the pointer in `buf`, in place: a walk over a
/// document pushes, descends, then `truncate`s back, allocating no pointer per node.
pub fn push_token(buf: &mut String, token: &str) {
    buf.push('/');
    push_escaped(buf, token);
}

/// Appends an array index to the pointer in `buf`, in place (see [`push_token`]).
pub fn push_index(buf: &mut String, index: usize) {
    use std::fmt::Write as _;
    let _ = write!(buf, "/{index}");
}

/// Builds a pointer from unescaped tokens.
pub fn join<'a>(tokens: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for t in tokens {
        out.push('/');
        push_escaped(&mut out, t);
    }
    out
}

/// Objects with at most this many keys are searched by comparing keys, without hashing
/// (serde_json's order-preserving map hashes with SipHash; Kubernetes objects are small).
const SCAN_KEYS: usize = 12;

/// The value of `key` in an object: what `Map::get` returns, faster on small objects.
pub fn field<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    if map.len() <= SCAN_KEYS {
        map.iter().find(|(k, _)| same_key(k, key)).map(|(_, v)| v)
    } else {
        map.get(key)
    }
}

/// `a == b`, deciding most unequal keys by length and first byte before comparing the
/// bytes (the comparison a key scan makes most is with a key of another name).
#[inline]
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// The value of `key` when `value` is an object: what `Value::get(key)` returns, faster
/// on small objects ([`field`]).
pub fn child<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    match value {
        Value::Object(m) => field(m, key),
        _ => None,
    }
}

/// Looks up a value by dotted-free path of tokens (no escaping needed).
pub fn get<'v>(value: &'v Value, tokens: &[&str]) -> Option<&'v Value> {
    tokens.iter().try_fold(value, |v, t| match v {
        Value::Object(m) => field(m, t),
        Value::Array(a) => t.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

/// Looks up a string by path of tokens.
pub fn get_str<'v>(value: &'v Value, tokens: &[&str]) -> Option<&'v str> {
    get(value, tokens).and_then(Value::as_str)
}

/// Splits a pointer into unescaped tokens; `Err` says why it is not a pointer.
pub fn tokens(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Err("it names the whole document (replace the document instead)".into());
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err("a JSON Pointer starts with '/'".into());
    };
    rest.split('/')
        .map(|t| {
            if t.replace("~0", "").replace("~1", "").contains('~') {
                Err(format!("'~' in token '{t}' must be written ~0 (or ~1 for '/')"))
            } else {
                Ok(t.replace("~1", "/").replace("~0", "~"))
            }
        })
        .collect()
}

/// A pointer as a dotted path for labels: `/spec/job/parallelism` → `spec.job.parallelism`.
pub fn dotted(pointer: &str) -> String {
    tokens(pointer).map(|t| t.join(".")).unwrap_or_else(|_| pointer.to_string())
}

/// Sets the value at `pointer`, creating missing parent objects. In an array the token
/// is an index (`-` or the length appends).
pub fn set(doc: &mut Value, pointer: &str, value: Value) -> Result<(), String> {
    let tokens = tokens(pointer)?;
    let (last, parents) = tokens.split_last().ok_or("empty pointer")?;
    let mut at = doc;
    let mut walked = String::new();
    for t in parents {
        at = match at {
            Value::Object(m) => m.entry(t.clone()).or_insert_with(|| Value::Object(Map::new())),
            Value::Array(a) => {
                let (i, len) = (index(t, a.len(), &walked)?, a.len());
                a.get_mut(i).ok_or_else(|| out_of_range(t, &walked, len))?
            }
            other => return Err(not_a_container(&walked, other)),
        };
        walked.push('/');
        walked.push_str(&escape(t));
    }
    match at {
        Value::Object(m) => {
            m.insert(last.clone(), value);
        }
        Value::Array(a) => {
            let i = if last == "-" { a.len() } else { index(last, a.len(), &walked)? };
            match i.cmp(&a.len()) {
                std::cmp::Ordering::Less => a[i] = value,
                std::cmp::Ordering::Equal => a.push(value),
                std::cmp::Ordering::Greater => return Err(out_of_range(last, &walked, a.len())),
            }
        }
        other => return Err(not_a_container(&walked, other)),
    }
    Ok(())
}

/// Removes the value at `pointer`; returns whether something was removed. A missing
/// field is not an error (there is nothing to remove).
pub fn remove(doc: &mut Value, pointer: &str) -> Result<bool, String> {
    let tokens = tokens(pointer)?;
    let (last, parents) = tokens.split_last().ok_or("empty pointer")?;
    let mut at = doc;
    for t in parents {
        let next = match at {
            Value::Object(m) => m.get_mut(t),
            Value::Array(a) => t.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            _ => None,
        };
        match next {
            Some(v) => at = v,
            None => return Ok(false),
        }
    }
    Ok(match at {
        Value::Object(m) => m.shift_remove(last).is_some(),
        Value::Array(a) => match last.parse::<usize>() {
            Ok(i) if i < a.len() => {
                a.remove(i);
                true
            }
            _ => false,
        },
        _ => false,
    })
}

fn index(token: &str, len: usize, at: &str) -> Result<usize, String> {
    if token == "-" {
        return Ok(len);
    }
    let valid = !token.is_empty()
        && token.chars().all(|c| c.is_ascii_digit())
        && (token == "0" || !token.starts_with('0'));
    match token.parse::<usize>() {
        Ok(i) if valid => Ok(i),
        _ => Err(format!("'{at}' is a list, so '{token}' must be an index")),
    }
}

fn out_of_range(token: &str, at: &str, len: usize) -> String {
    format!("index {token} is past the end of '{at}' (a list of {len})")
}

fn not_a_container(at: &str, v: &Value) -> String {
    let what = match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        _ => "a value",
    };
    let at = if at.is_empty() { "the document" } else { at };
    format!("'{at}' is {what}, not a mapping or a list")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_dots_are_kept_slashes_escaped() {
        assert_eq!(
            push("/spec/flinkConfiguration", "state.backend.type"),
            "/spec/flinkConfiguration/state.backend.type"
        );
        assert_eq!(join(["a/b", "c~d"]), "/a~1b/c~0d");
    }

    #[test]
    fn get_walks_objects_and_arrays() {
        let v = json!({"a": [{"b": "x"}]});
        assert_eq!(get_str(&v, &["a", "0", "b"]), Some("x"));
        assert_eq!(get(&v, &["a", "1"]), None);
    }

    #[test]
    fn set_creates_parents_and_keeps_key_order() {
        let mut v = json!({"b": 1, "a": {"x": 1}});
        set(&mut v, "/a/y/z", json!(2)).unwrap();
        set(&mut v, "/c~1d", json!("slash")).unwrap();
        assert_eq!(v, json!({"b": 1, "a": {"x": 1, "y": {"z": 2}}, "c/d": "slash"}));
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["b", "a", "c/d"]);
    }

    #[test]
    fn arrays_take_indexes_and_append() {
        let mut v = json!({"l": [1, 2]});
        set(&mut v, "/l/0", json!(9)).unwrap();
        set(&mut v, "/l/-", json!(3)).unwrap();
        set(&mut v, "/l/3", json!(4)).unwrap();
        assert_eq!(v, json!({"l": [9, 2, 3, 4]}));
        assert!(set(&mut v, "/l/9", json!(0)).unwrap_err().contains("past the end"));
        assert!(set(&mut v, "/l/x", json!(0)).unwrap_err().contains("must be an index"));
    }

    #[test]
    fn bad_pointers_say_why() {
        let mut v = json!({"spec": {"image": "flink"}});
        let e = set(&mut v, "/spec/image/tag", json!("x")).unwrap_err();
        assert_eq!(e, "'/spec/image' is a string, not a mapping or a list");
        assert!(set(&mut v, "spec", json!(1)).unwrap_err().contains("starts with '/'"));
        assert!(set(&mut v, "", json!(1)).unwrap_err().contains("whole document"));
        assert!(set(&mut v, "/a~2", json!(1)).unwrap_err().contains("~0"));
        assert_eq!(v, json!({"spec": {"image": "flink"}}));
    }

    #[test]
    fn remove_deletes_and_ignores_missing() {
        let mut v = json!({"a": {"b": 1, "c": 2}, "l": [1, 2]});
        assert!(remove(&mut v, "/a/b").unwrap());
        assert!(remove(&mut v, "/l/0").unwrap());
        assert!(!remove(&mut v, "/a/zz/q").unwrap());
        assert_eq!(v, json!({"a": {"c": 2}, "l": [2]}));
        assert_eq!(dotted("/spec/flinkConfiguration/a~1b"), "spec.flinkConfiguration.a/b");
    }
}
