//! RFC 6901 JSON Pointer helpers.

use serde_json::Value;

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends one (unescaped) token to a pointer.
pub fn push(base: &str, token: &str) -> String {
    format!("{base}/{}", escape(token))
}

/// Builds a pointer from unescaped tokens.
pub fn join<'a>(tokens: impl IntoIterator<Item = &'a str>) -> String {
    tokens.into_iter().fold(String::new(), |acc, t| push(&acc, t))
}

/// Looks up a value by dotted-free path of tokens (no escaping needed).
pub fn get<'v>(value: &'v Value, tokens: &[&str]) -> Option<&'v Value> {
    tokens.iter().try_fold(value, |v, t| match v {
        Value::Object(m) => m.get(*t),
        Value::Array(a) => t.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

/// Looks up a string by path of tokens.
pub fn get_str<'v>(value: &'v Value, tokens: &[&str]) -> Option<&'v str> {
    get(value, tokens).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let v = serde_json::json!({"a": [{"b": "x"}]});
        assert_eq!(get_str(&v, &["a", "0", "b"]), Some("x"));
        assert_eq!(get(&v, &["a", "1"]), None);
    }
}
