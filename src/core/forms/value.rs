//! Values as the form shows and reads them, and the values offered for a configuration key.

use serde_json::Value;

use super::Input;
use crate::core::options::{FlinkVersion, OptionType, catalog};

/// The value at `pointer` as the form shows it (empty when unset).
pub fn text_of(doc: &Value, pointer: &str) -> String {
    match doc.pointer(pointer) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

/// The value an input's text stands for (`None` clears the field). A number that does not
/// parse is kept as text, so nothing typed is lost (the rules then say what is wrong).
pub fn parse_input(input: Input, text: &str) -> Option<Value> {
    let t = text.trim();
    match input {
        _ if t.is_empty() => None,
        Input::Number => t
            .parse::<i64>()
            .map(Value::from)
            .ok()
            .or_else(|| {
                t.parse::<f64>()
                    .ok()
                    .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
            })
            .or_else(|| Some(Value::String(t.to_string()))),
        Input::Bool => Some(Value::Bool(t == "true")),
        Input::Long => Some(Value::String(text.to_string())),
        Input::Text | Input::Choice(_) => Some(Value::String(t.to_string())),
    }
}

/// The values Flink accepts for configuration key `key` in `version`, when it names an
/// enum or boolean option (deprecated spellings included); empty otherwise.
pub fn value_choices(key: &str, version: FlinkVersion) -> Vec<&'static str> {
    match catalog().lookup(key.trim(), version) {
        Some(o) if o.ty == OptionType::Enum => o.enum_values.iter().map(String::as_str).collect(),
        Some(o) if o.ty == OptionType::Boolean => vec!["true", "false"],
        _ => Vec::new(),
    }
}
