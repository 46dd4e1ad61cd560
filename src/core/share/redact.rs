//! What a share link leaves out: every secret value `core::credentials` finds (Kubernetes
//! Secret `data`/`stringData`, CMF secret `spec.data`, configuration values under
//! credential keys, env values, `command`/`args`, JAAS strings, connection strings,
//! annotations, private keys). Keys and the text around a secret stay, so references and
//! rules keep working; values become `<redacted>`.

use crate::core::credentials::without_secret_values;
use crate::core::design::Design;
use crate::core::export::clean::PLACEHOLDER;

/// A copy of `design` without secret values, and the resources that lost some
/// (`Kind/name`, in design order).
pub fn without_secrets(design: &Design) -> (Design, Vec<String>) {
    let (clean, left_out) = without_secret_values(design, PLACEHOLDER);
    let mut redacted: Vec<String> = Vec::new();
    for f in left_out {
        if redacted.last() != Some(&f.resource) {
            redacted.push(f.resource);
        }
    }
    (clean, redacted)
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
                         "s3.secret-key": "hunter2", "s3.endpoint": "http://minio:9000"},
                         "podTemplate": {"spec": {"volumes": [{"name": "x",
                             "secret": {"secretName": "s"}}]}}}}));
        let (clean, redacted) = without_secrets(&d);
        assert_eq!(redacted, ["Secret/s", "FlinkDeployment/f"]);
        assert_eq!(clean.resources[0].doc["data"], json!({"pw": PLACEHOLDER}));
        assert_eq!(clean.resources[0].doc["stringData"], json!({"user": PLACEHOLDER}));
        let conf = &clean.resources[1].doc["spec"]["flinkConfiguration"];
        assert_eq!(
            conf,
            &json!({"s3.secret-key": PLACEHOLDER, "s3.endpoint": "http://minio:9000"})
        );
        assert_eq!(
            clean.resources[1].doc["spec"]["podTemplate"],
            d.resources[1].doc["spec"]["podTemplate"]
        );
    }
}
