//! What a share link leaves out: secret values (Kubernetes Secret `data`/`stringData`,
//! CMF secret `spec.data`) and configuration values under password-like keys. Keys stay,
//! so references and rules keep working; values become `<redacted>`.

use serde_json::Value;

use crate::core::design::Design;
use crate::core::export::clean::{PLACEHOLDER, redact};
use crate::core::model::{Kind, Resource};

/// Key endings that hold credentials wherever they appear (flinkConfiguration,
/// connectionConfig, …), compared in lower case.
const SENSITIVE_KEYS: &[&str] = &[
    "password",
    "passwd",
    "jaas.config",
    "secret-key",
    "secret.key",
    "secretkey",
    "basic.auth.user.info",
    "client-secret",
    "client.secret",
    "token",
    "apikey",
    "api-key",
];

fn sensitive(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SENSITIVE_KEYS.iter().any(|s| key.ends_with(s))
}

/// Replaces string values under sensitive keys, anywhere in `v`.
fn redact_sensitive(v: &mut Value) -> bool {
    let mut changed = false;
    match v {
        Value::Object(map) => {
            for (k, value) in map.iter_mut() {
                if value.is_string() && sensitive(k) && value.as_str() != Some(PLACEHOLDER) {
                    *value = Value::String(PLACEHOLDER.to_string());
                    changed = true;
                } else {
                    changed |= redact_sensitive(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| changed |= redact_sensitive(i)),
        _ => {}
    }
    changed
}

fn label(r: &Resource) -> String {
    format!("{}/{}", r.kind_str(), r.name())
}

/// A copy of `design` without secret values, and the resources that lost some.
pub fn without_secrets(design: &Design) -> (Design, Vec<String>) {
    let mut out = design.clone();
    let mut redacted = Vec::new();
    for r in &mut out.resources {
        let mut changed = match r.kind {
            Kind::Secret => {
                let a = redact(&mut r.doc, &["data"]);
                let b = redact(&mut r.doc, &["stringData"]);
                a | b
            }
            Kind::CmfSecret => redact(&mut r.doc, &["spec", "data"]),
            _ => false,
        };
        changed |= redact_sensitive(&mut r.doc);
        if changed {
            redacted.push(label(r));
        }
    }
    (out, redacted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_values_and_password_keys_go_references_stay() {
        let mut d = Design::new();
        d.add(json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
                     "stringData": {"user": "u1"}, "data": {"pw": "cGFzcw=="}}));
        d.add(json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
                     "metadata": {"name": "f"}, "spec": {"flinkConfiguration": {
                         "s3.secret-key": "hunter2", "s3.access-key": "AKIA"},
                         "podTemplate": {"spec": {"volumes": [{"name": "x",
                             "secret": {"secretName": "s"}}]}}}}));
        let (clean, redacted) = without_secrets(&d);
        assert_eq!(redacted, ["Secret/s", "FlinkDeployment/f"]);
        assert_eq!(clean.resources[0].doc["data"], json!({"pw": PLACEHOLDER}));
        assert_eq!(clean.resources[0].doc["stringData"], json!({"user": PLACEHOLDER}));
        let conf = &clean.resources[1].doc["spec"]["flinkConfiguration"];
        assert_eq!(conf, &json!({"s3.secret-key": PLACEHOLDER, "s3.access-key": "AKIA"}));
        assert_eq!(
            clean.resources[1].doc["spec"]["podTemplate"],
            d.resources[1].doc["spec"]["podTemplate"]
        );
    }
}
