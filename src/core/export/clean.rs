//! Cleaning exported documents: server-owned fields, studio data, secret values.

use serde_json::Value;

use crate::core::credentials;

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

/// Replaces every secret value that [`crate::core::credentials`] finds in `doc` (Secret
/// data, credential keys, env values, command lines, JAAS strings, connection strings,
/// annotations, private keys) with [`PLACEHOLDER`]; keys and the text around a secret
/// stay. Returns what was replaced, for a comment (`env DB_PASSWORD`), never the values.
pub(crate) fn redact_secrets(doc: &mut Value) -> Vec<String> {
    let mut whats: Vec<String> =
        credentials::redact(doc, PLACEHOLDER).into_iter().map(|p| p.what).collect();
    whats.dedup();
    whats
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
    fn redaction_keeps_keys_and_says_what_it_replaced() {
        let mut doc =
            json!({"apiVersion": "v1", "kind": "Secret", "data": {"a": "eA==", "b": "eQ=="}});
        assert_eq!(redact_secrets(&mut doc), ["a", "b"]);
        assert_eq!(doc["data"], json!({"a": PLACEHOLDER, "b": PLACEHOLDER}));
        assert!(redact_secrets(&mut doc).is_empty(), "already redacted");
        let mut pod = json!({"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [
            {"name": "c", "env": [{"name": "DB_PASSWORD", "value": "pw"}]}]}});
        assert_eq!(redact_secrets(&mut pod), ["env DB_PASSWORD"]);
        assert_eq!(pod["spec"]["containers"][0]["env"][0]["value"], PLACEHOLDER);
    }
}
