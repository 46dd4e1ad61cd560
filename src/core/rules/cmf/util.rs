//! Helpers shared by the CMF rules.

use serde_json::Value;

use crate::core::model::Kind;
use crate::core::pointer;

/// The CMF concepts (whatever their serialization).
pub const CMF_KINDS: &[Kind] = &[
    Kind::Environment,
    Kind::Application,
    Kind::ComputePool,
    Kind::Statement,
    Kind::KafkaCatalog,
    Kind::KafkaDatabase,
    Kind::CmfSecret,
    Kind::SecretMapping,
];

/// Keys of a map whose values are not strings, with the pointer of each value.
pub fn non_string_values(map: Option<&Value>, base: &str) -> Vec<(String, String)> {
    let Some(Value::Object(m)) = map else { return Vec::new() };
    m.iter()
        .filter(|(_, v)| !v.is_string())
        .map(|(k, _)| (k.clone(), pointer::push(base, k)))
        .collect()
}
