//! Helpers shared by the CMF rules.

use serde_json::Value;

use crate::core::pointer;

/// Keys of a map whose values are not strings, with the pointer of each value.
pub fn non_string_values(map: Option<&Value>, base: &str) -> Vec<(String, String)> {
    let Some(Value::Object(m)) = map else { return Vec::new() };
    m.iter()
        .filter(|(_, v)| !v.is_string())
        .map(|(k, _)| (k.clone(), pointer::push(base, k)))
        .collect()
}

/// Test fixture of the savepoint-schedule rules: an environment and a statement whose
/// `savepointSchedule` is `schedule` (YAML flow text).
#[cfg(test)]
pub fn statement_with_schedule(schedule: &str) -> String {
    format!(
        "name: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: st}}\nspec:\n  computePoolName: pool\n  statement: INSERT INTO a SELECT * FROM b\n  savepointSchedule: {schedule}\n"
    )
}
