//! Which keys name a credential and which values are written out literally.

use serde_json::Value;

use crate::core::pointer;

/// Keys that hold a credential wherever they appear (compared as substrings).
const WHOLE_KEY: &[&str] = &[
    "sasl.jaas.config",
    "basic.auth.user.info",
    "account.key",
    "secret.key",
    "access.key",
    "secret-key",
    "access-key",
];
/// Words that make the last segment of a key a credential.
const WORDS: &[&str] =
    &["password", "passwd", "secret", "token", "credentials", "apikey", "api-key", "private-key"];
/// Words that make the last segment a setting about a credential, not the credential.
const NOT_A_VALUE: &[&str] = &[
    "enabled",
    "path",
    "file",
    "location",
    "provider",
    "class",
    "type",
    "ttl",
    "interval",
    "timeout",
    "mechanism",
    "ref",
    "renewal",
    "expir",
    "dir",
    "name",
    "secrets",
];

/// True when a configuration key or variable name (`s3.secret-key`, `AWS_SECRET_ACCESS_KEY`)
/// holds a credential, not a setting about one (`…credentials.provider`, `kubernetes.secrets`).
pub fn is_credential_key(key: &str) -> bool {
    // Every word above contains one of these: most keys are dismissed without copying.
    const STEMS: &[&str] = &[
        "pass",
        "secret",
        "token",
        "credential",
        "api",
        "private",
        "jaas",
        "info",
        "account",
        "access",
    ];
    if !STEMS.iter().any(|stem| contains_ignoring_case(key, stem)) {
        return false;
    }
    let k = key.to_ascii_lowercase().replace('_', "-");
    let last = k.rsplit('.').next().unwrap_or(&k);
    if NOT_A_VALUE.iter().any(|w| last.contains(w)) {
        return false;
    }
    WHOLE_KEY.iter().any(|w| k.contains(w)) || WORDS.iter().any(|w| last.contains(w))
}

/// `needle` (lower case ASCII) in `hay`, ignoring ASCII case.
fn contains_ignoring_case(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    h.len() >= n.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// True for a value written out literally: not empty and not built from `${VAR}` / `$(VAR)`
/// placeholders (which Flink or Kubernetes substitute from the environment).
pub fn is_literal(value: &Value) -> bool {
    match value {
        Value::String(s) => !s.trim().is_empty() && !s.contains("${") && !s.contains("$("),
        Value::Number(_) | Value::Bool(_) => true,
        _ => false,
    }
}

/// Every scalar of a (nested) configuration map: `(dotted key, pointer, value)`.
pub fn entries<'a>(map: &'a Value, at: &str) -> Vec<(String, String, &'a Value)> {
    fn walk<'a>(v: &'a Value, key: &str, at: &str, out: &mut Vec<(String, String, &'a Value)>) {
        match v {
            Value::Object(m) => {
                for (k, c) in m {
                    let dotted = if key.is_empty() { k.clone() } else { format!("{key}.{k}") };
                    walk(c, &dotted, &pointer::push(at, k), out);
                }
            }
            other => out.push((key.to_string(), at.to_string(), other)),
        }
    }
    let mut out = Vec::new();
    if map.is_object() {
        walk(map, "", at, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_keys() {
        for k in [
            "s3.secret-key",
            "s3.access-key",
            "security.ssl.keystore-password",
            "sasl.jaas.config",
            "fs.azure.account.key.acc.dfs.core.windows.net",
            "AWS_SECRET_ACCESS_KEY",
            "DB_PASSWORD",
            "db-password",
        ] {
            assert!(is_credential_key(k), "{k}");
        }
        for k in [
            "kubernetes.secrets",
            "fs.s3a.aws.credentials.provider",
            "security.delegation.tokens.enabled",
            "s3.endpoint",
            "KAFKA_BOOTSTRAP_SERVERS",
            "kubernetes.token-file",
            "secretName",
        ] {
            assert!(!is_credential_key(k), "{k}");
        }
    }

    #[test]
    fn literals() {
        assert!(!is_literal(&Value::String("${S3_SECRET_KEY}".into())));
        assert!(!is_literal(&Value::String("$(KEY)".into())));
        assert!(!is_literal(&Value::String("  ".into())));
        assert!(is_literal(&Value::String("minioadmin".into())));
    }

    #[test]
    fn entries_flatten_nested_maps() {
        let m = serde_json::json!({"s3": {"secret-key": "x"}, "a.b": 1});
        let e = entries(&m, "/c");
        assert_eq!(e[0].0, "s3.secret-key");
        assert_eq!(e[0].1, "/c/s3/secret-key");
        assert_eq!(e[1].0, "a.b");
    }
}
