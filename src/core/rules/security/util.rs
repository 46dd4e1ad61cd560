//! Helpers of the security rules: what looks like a credential and what is a literal
//! value.

use serde_json::Value;

use crate::core::pointer;

const WHOLE_KEY: &[&str] = &[
    "sasl.jaas.config",
    "basic.auth.user.info",
    "account.key",
    "secret.key",
    "access.key",
    "secret-key",
    "access-key",
];
const WORDS: &[&str] =
    &["password", "passwd", "secret", "token", "credentials", "apikey", "api-key", "private-key"];
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
    let k = key.to_ascii_lowercase().replace('_', "-");
    let last = k.rsplit('.').next().unwrap_or(&k);
    if NOT_A_VALUE.iter().any(|w| last.contains(w)) {
        return false;
    }
    WHOLE_KEY.iter().any(|w| k.contains(w)) || WORDS.iter().any(|w| last.contains(w))
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

/// Describes a literal credential on a command line (never the value itself), if any:
/// `mc alias set A URL USER PASS`, `--password=x`, `--password x`, `SECRET=x`, `u:p@host`.
pub fn command_line_credential(text: &str) -> Option<String> {
    let words: Vec<&str> =
        text.split_whitespace().map(|w| w.trim_matches(|c| c == '"' || c == '\'')).collect();
    let literal = |w: &str| !w.is_empty() && !w.starts_with('$') && !w.starts_with('-');
    for (i, w) in words.iter().enumerate() {
        let rest = &words[i + 1..];
        if *w == "mc"
            && rest.len() >= 6
            && (rest[..2] == ["alias", "set"] || rest[..2] == ["config", "host"])
        {
            let creds = if rest[1] == "set" { &rest[4..6] } else { &rest[5..rest.len().min(7)] };
            if creds.iter().any(|c| literal(c)) {
                return Some(format!("mc {} {} with literal keys", rest[0], rest[1]));
            }
        }
        if let Some(flag) = w.strip_prefix("--").or_else(|| w.strip_prefix('-')) {
            match flag.split_once('=') {
                Some((k, v)) if is_credential_key(k) && literal(v) => {
                    return Some(format!("--{k}=…"));
                }
                None if is_credential_key(flag) && rest.first().is_some_and(|n| literal(n)) => {
                    return Some(format!("--{flag} …"));
                }
                _ => {}
            }
        } else if let Some((k, v)) = w.split_once('=')
            && is_credential_key(k)
            && literal(v)
            && !k.contains('/')
        {
            return Some(format!("{k}=…"));
        }
        if let Some((_, after)) = w.split_once("://") {
            let authority = after.split('/').next().unwrap_or("");
            if let Some((userinfo, _)) = authority.rsplit_once('@')
                && userinfo.split_once(':').is_some_and(|(_, p)| literal(p))
            {
                return Some("user:password@ in a URL".to_string());
            }
        }
    }
    None
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
        ] {
            assert!(!is_credential_key(k), "{k}");
        }
        assert!(!is_literal(&Value::String("${S3_SECRET_KEY}".into())));
        assert!(is_literal(&Value::String("minioadmin".into())));
    }

    #[test]
    fn command_lines() {
        let mc = "mc alias set dev http://minio:9000 minioadmin minioadmin && mc cp a b";
        assert_eq!(command_line_credential(mc).as_deref(), Some("mc alias set with literal keys"));
        assert!(command_line_credential("mc alias set dev http://m:9000 $USER $PASS").is_none());
        assert!(command_line_credential("run --password=hunter2").is_some());
        assert!(command_line_credential("run --password hunter2").is_some());
        assert!(command_line_credential("MINIO_ROOT_PASSWORD=x ./start").is_some());
        assert!(command_line_credential("wget https://u:p@host/x.jar").is_some());
        assert!(
            command_line_credential("wget -O /opt/flink/x.jar https://repo1.maven.org/x.jar")
                .is_none()
        );
    }
}
