//! Cleaning exported documents: server-owned fields, studio data, secret values.

use serde_json::Value;

/// What replaces a secret value when secrets are not included.
pub const PLACEHOLDER: &str = "<redacted>";

/// `metadata` fields owned by the API server (Kubernetes, and CMF's `updateTimestamp`).
pub(crate) const SERVER_METADATA: &[&str] = &[
    "uid",
    "resourceVersion",
    "creationTimestamp",
    "generation",
    "managedFields",
    "selfLink",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "updateTimestamp",
];

/// Prefix of label and annotation keys that belong to the studio.
pub(crate) const STUDIO_PREFIX: &str = "studio.flinkstudio.dev/";

/// Removes `status` and server-owned metadata; `flat_environment` also removes a CMF
/// environment body's `created_time` and `updated_time`.
pub(crate) fn strip_server_fields(doc: &mut Value, flat_environment: bool) {
    let Some(map) = doc.as_object_mut() else { return };
    map.shift_remove("status");
    if flat_environment {
        map.shift_remove("created_time");
        map.shift_remove("updated_time");
    }
    if let Some(meta) = map.get_mut("metadata").and_then(Value::as_object_mut) {
        for key in SERVER_METADATA {
            meta.shift_remove(*key);
        }
    }
}

/// Removes labels and annotations that belong to the studio (and the map, if that
/// emptied it).
pub(crate) fn strip_studio_data(doc: &mut Value) {
    let Some(meta) = doc.get_mut("metadata").and_then(Value::as_object_mut) else { return };
    for key in ["labels", "annotations"] {
        let Some(map) = meta.get_mut(key).and_then(Value::as_object_mut) else { continue };
        let before = map.len();
        map.retain(|k, _| !k.starts_with(STUDIO_PREFIX));
        if map.is_empty() && before > 0 {
            meta.shift_remove(key);
        }
    }
}

/// Replaces every value of the maps at `fields` (top-level keys of `doc`, or
/// `spec.data`-style paths) with [`PLACEHOLDER`]. Returns true when something changed.
pub(crate) fn redact(doc: &mut Value, path: &[&str]) -> bool {
    let mut target = Some(doc);
    for token in path {
        target = target.and_then(|v| v.get_mut(*token));
    }
    let Some(map) = target.and_then(Value::as_object_mut) else { return false };
    let mut changed = false;
    for value in map.values_mut() {
        if value.as_str() != Some(PLACEHOLDER) {
            *value = Value::String(PLACEHOLDER.to_string());
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn server_fields_and_studio_labels_go() {
        let mut doc = json!({"metadata": {"name": "a", "uid": "1", "managedFields": [],
            "labels": {"studio.flinkstudio.dev/x": "1"}, "annotations": {"keep": "me"}},
            "spec": {"status": "user field"}, "status": {"phase": "x"}});
        strip_server_fields(&mut doc, false);
        strip_studio_data(&mut doc);
        assert_eq!(
            doc,
            json!({"metadata": {"name": "a", "annotations": {"keep": "me"}},
                               "spec": {"status": "user field"}})
        );
    }

    #[test]
    fn redaction_keeps_keys() {
        let mut doc = json!({"data": {"a": "eA==", "b": "eQ=="}});
        assert!(redact(&mut doc, &["data"]));
        assert_eq!(doc, json!({"data": {"a": PLACEHOLDER, "b": PLACEHOLDER}}));
        assert!(!redact(&mut doc, &["stringData"]));
    }
}
