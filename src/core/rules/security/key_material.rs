//! SEC-EXP-002 — private keys, keystores and client secrets in manifests.
//!
//! What it checks: any string holding a PEM private key (`-----BEGIN … PRIVATE KEY-----`);
//! Secret `data`/`stringData` entries named like key material (`*.key`, `*.jks`, `*.p12`,
//! `*.pfx`, `*keystore*`); and OAuth client secrets (`clientSecret`, `client-secret`,
//! `client_secret`) written literally outside a Secret.
//! Why: key material in manifests is copied into every clone of the repository and every
//! export; rotating it means finding all copies.
//! How to fix: create TLS and OAuth secrets out of band (cert-manager, a secret manager)
//! and reference them by name (`secretRef`, `kubernetes.secrets`, `tls.secretRef`).

use serde_json::Value;

use crate::core::credentials::is_private_key;
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct KeyMaterial;

fn key_file_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [".key", ".jks", ".p12", ".pfx"].iter().any(|s| n.ends_with(s)) || n.contains("keystore")
}

fn client_secret_key(name: &str) -> bool {
    let n = name.to_ascii_lowercase().replace(['-', '_'], "");
    n == "clientsecret"
}

fn walk(v: &Value, at: &mut String, in_secret_data: bool, out: &mut Vec<(String, &'static str)>) {
    match v {
        Value::String(s) if is_private_key(s) => {
            out.push((at.clone(), "a PEM private key"));
        }
        Value::Object(m) => {
            for (k, c) in m {
                let len = at.len();
                pointer::push_token(at, k);
                if in_secret_data && key_file_name(k) {
                    out.push((at.clone(), "key material (keystore / private key file)"));
                } else if client_secret_key(k)
                    && c.as_str().is_some_and(|s| !s.is_empty() && !s.contains("${"))
                {
                    out.push((at.clone(), "a literal OAuth client secret"));
                } else {
                    walk(c, at, false, out);
                }
                at.truncate(len);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                let len = at.len();
                pointer::push_index(at, i);
                walk(c, at, false, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

impl Rule for KeyMaterial {
    fn id(&self) -> &'static str {
        "SEC-EXP-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Do not commit private keys, keystores or client secrets in manifests"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            let mut hits = Vec::new();
            if r.kind == Kind::Secret {
                for k in ["data", "stringData"] {
                    if let Some(d) = r.doc.get(k) {
                        walk(d, &mut format!("/{k}"), true, &mut hits);
                    }
                }
            } else {
                walk(&r.doc, &mut String::new(), false, &mut hits);
            }
            for (at, what) in hits {
                out.report(r, &at, format!("{what} is embedded in the manifest"))
                    .hint("create it out of band (cert-manager, a secret manager) and reference the Secret by name");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_keystores_and_pem_keys() {
        let f = check(
            &KeyMaterial,
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  keystore.jks: AAAA\n  truststore.pem: BBBB\n---\n\
             apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  k: \"-----BEGIN RSA PRIVATE KEY-----\\nx\"\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/data/keystore.jks".into(), Severity::Warning),
                ("/data/k".into(), Severity::Warning)
            ]
        );
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn fires_on_literal_client_secret_only() {
        let rc = |v: &str| {
            format!(
                "apiVersion: platform.confluent.io/v1beta1\nkind: CMFRestClass\nmetadata: {{name: r}}\nspec:\n  cmfRest:\n    authentication:\n      oauth: {{clientSecret: '{v}'}}\n"
            )
        };
        assert_eq!(check(&KeyMaterial, &rc("s3cr3t")).len(), 1);
        assert!(check(&KeyMaterial, &rc("${CLIENT_SECRET}")).is_empty());
    }
}
