//! A small, deterministic YAML emitter for JSON values (block style, key order kept).
//!
//! Why not a generic serializer: `kubectl` reads YAML with go-yaml, which still resolves
//! YAML 1.1 scalars (`yes`, `on`, `y`, `1_000`, `2024-01-01`, `0644`), so a string that
//! looks like one of them must be quoted or it changes type on the way into the cluster.
//! The rule here is conservative: a string is written plain only when it is unambiguous
//! under both YAML 1.1 and 1.2; multi-line strings become literal blocks (`|`, `|-`, `|+`)
//! when that is exact, and everything else is double-quoted with JSON escapes (a JSON
//! string is a valid YAML double-quoted scalar).

use serde_json::Value;

/// Renders `value` as one YAML document (no `---` marker), ending with a newline.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => block(value, 0, &mut out),
        Value::Array(a) if !a.is_empty() => block(value, 0, &mut out),
        other => {
            out.push_str(&inline(other, 0));
            out.push('\n');
        }
    }
    out
}

/// Writes a non-empty mapping or sequence at `indent`, each line ending with `\n`.
fn block(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.push_str(&pad);
                out.push_str(&key(k));
                out.push(':');
                match v {
                    Value::Object(m) if !m.is_empty() => {
                        out.push('\n');
                        block(v, indent + 2, out);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push('\n');
                        block(v, indent, out);
                    }
                    _ => {
                        out.push(' ');
                        out.push_str(&inline(v, indent + 2));
                        out.push('\n');
                    }
                }
            }
        }
        Value::Array(items) => {
            for v in items {
                match v {
                    Value::Object(m) if !m.is_empty() => nested_item(v, indent, out),
                    Value::Array(a) if !a.is_empty() => nested_item(v, indent, out),
                    _ => {
                        out.push_str(&pad);
                        out.push_str("- ");
                        out.push_str(&inline(v, indent + 2));
                        out.push('\n');
                    }
                }
            }
        }
        _ => {}
    }
}

/// A collection inside a sequence: rendered two columns deeper, its first line's
/// indentation replaced by `- `.
fn nested_item(v: &Value, indent: usize, out: &mut String) {
    let mut child = String::new();
    block(v, indent + 2, &mut child);
    out.push_str(&" ".repeat(indent));
    out.push_str("- ");
    out.push_str(&child[indent + 2..]);
}

/// A scalar or empty collection on the current line. `indent` is the indentation of the
/// content of a literal block, should the value become one.
fn inline(v: &Value, indent: usize) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar_string(s, indent),
        Value::Array(_) => "[]".to_string(),
        Value::Object(_) => "{}".to_string(),
    }
}

fn key(s: &str) -> String {
    if is_plain_safe(s) { s.to_string() } else { quoted(s) }
}

fn scalar_string(s: &str, indent: usize) -> String {
    if is_plain_safe(s) {
        s.to_string()
    } else if let Some(block) = literal_block(s, indent) {
        block
    } else {
        quoted(s)
    }
}

/// Double-quoted form: JSON escapes, plus the characters YAML 1.1 treats as line breaks.
fn quoted(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
    json.replace('\u{85}', "\\N").replace('\u{2028}', "\\L").replace('\u{2029}', "\\P")
}

/// Words that some YAML version reads as something other than a string.
const RESERVED: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"];

fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if !(first.is_ascii_alphanumeric() || first == '/' || first == '_') {
        return false;
    }
    if s.ends_with(' ') || s.ends_with(':') || s.contains(": ") || s.contains(" #") {
        return false;
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || " -_./:@+=%$()*;".contains(c);
    if !s.chars().all(allowed) {
        return false;
    }
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(s)) {
        return false;
    }
    // Anything starting with a digit that is made only of number-ish characters may be
    // an int, float, hex, octal, sexagesimal or timestamp in some YAML version.
    let numberish = |c: char| c.is_ascii_hexdigit() || "._:+-xXoO ".contains(c);
    !(first.is_ascii_digit() && s.chars().all(numberish))
}

/// A literal block scalar (`|`, `|-`, `|+`) when it reproduces `s` exactly.
fn literal_block(s: &str, indent: usize) -> Option<String> {
    if !s.contains('\n') || s.starts_with([' ', '\n', '\t']) {
        return None;
    }
    if s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t') || "\u{85}\u{2028}\u{2029}\u{feff}".contains(c)
    }) {
        return None;
    }
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    // Lines made only of spaces before content would confuse nothing here (the first
    // line has content), but a body line with trailing spaces is kept as is.
    let pad = " ".repeat(indent.max(2));
    let mut out = format!("|{chomp}");
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    for _ in 1..trailing {
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::yaml;
    use serde_json::json;

    fn reload(text: &str) -> Value {
        let loaded = yaml::load(text);
        assert!(loaded.problems.is_empty(), "{text}\n{:?}", loaded.problems);
        assert_eq!(loaded.documents.len(), 1, "{text}");
        loaded.documents[0].value.clone()
    }

    #[test]
    fn yaml_1_1_lookalikes_are_quoted() {
        let v = json!({"a": "yes", "b": "on", "c": "0644", "d": "1_000", "e": "2024-01-01",
                       "f": "1:20", "g": "NO", "h": "~", "i": "", "j": "-", "k": "0x1F",
                       "l": "9249-9250", "m": "1e3"});
        let text = to_yaml(&v);
        for line in text.lines() {
            assert!(line.contains('"'), "not quoted: {line}");
        }
        assert_eq!(reload(&text), v);
    }

    #[test]
    fn ordinary_strings_stay_plain_and_order_is_kept() {
        let v = json!({"zeta": "1048m", "alpha": "confluentinc/cp-flink:1.19.1-cp1",
                       "taskmanager.numberOfTaskSlots": "local:///opt/flink/x.jar"});
        assert_eq!(
            to_yaml(&v),
            "zeta: 1048m\nalpha: confluentinc/cp-flink:1.19.1-cp1\n\
             taskmanager.numberOfTaskSlots: local:///opt/flink/x.jar\n"
        );
    }

    #[test]
    fn multi_line_strings_become_exact_literal_blocks() {
        for s in ["SELECT 1\nFROM t;\n", "a\nb", "a\n\n", "x\n  indented\n\ny\n", "tab\there\n"] {
            let v = json!({"spec": {"statement": s}});
            let text = to_yaml(&v);
            assert!(text.contains('|'), "{text}");
            assert_eq!(reload(&text), v, "{text}");
        }
        let odd = json!({"s": " leading\nline"});
        assert!(to_yaml(&odd).contains("\"")); // falls back to quoting
        assert_eq!(reload(&to_yaml(&odd)), odd);
    }

    #[test]
    fn nested_collections_round_trip() {
        let v = json!({"a": [{"b": 1, "c": [1, [2, 3], {}]}, [], {"d": {"e": null}}],
                       "f": {}, "g": [], "h": 1.5, "i": true, "j": "x: y", "k": "#no"});
        let text = to_yaml(&v);
        assert_eq!(reload(&text), v, "{text}");
        let other: Value = serde_yaml::from_str(&text).expect("serde_yaml reads it");
        assert_eq!(other, v);
    }
}
