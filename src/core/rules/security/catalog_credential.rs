//! SEC-CRED-002 — credentials in a Kafka catalog's or database's `connectionConfig`.
//!
//! What it checks: every `connectionConfig` map of a KafkaCatalog or KafkaDatabase (CMF
//! REST or CFK) for credential keys (`sasl.jaas.config`, `basic.auth.user.info`,
//! `*password*`, …) with a literal value.
//! Why: `connectionConfig` is stored and returned in clear by the CMF API; CMF Secrets exist
//! to hold the sensitive connection properties and are merged in at run time.
//! How to fix: move the properties into a CMF Secret, map it into the environment with an
//! EnvironmentSecretMapping and reference it with `connectionSecretId`.

use serde_json::Value;

use crate::core::credentials::{entries, is_credential_key, is_literal};
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct CatalogCredential;

fn connection_configs<'a>(v: &'a Value, at: &str, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                let p = pointer::push(at, k);
                if k == "connectionConfig" {
                    out.push((p, c));
                } else {
                    connection_configs(c, &p, out);
                }
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                connection_configs(c, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

impl Rule for CatalogCredential {
    fn id(&self) -> &'static str {
        "SEC-CRED-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Catalog/database connectionConfig should not hold credentials; use a CMF Secret"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in
            cx.subjects().filter(|r| matches!(r.kind, Kind::KafkaCatalog | Kind::KafkaDatabase))
        {
            let (Some(spec), at) = (r.spec(), r.spec_pointer()) else { continue };
            let mut maps = Vec::new();
            connection_configs(spec, at, &mut maps);
            for (at, map) in maps {
                for (key, pointer, value) in entries(map, &at) {
                    if is_credential_key(&key) && is_literal(value) {
                        out.report(r, &pointer, format!("credential {key} in connectionConfig has a literal value"))
                            .hint("put it in a CMF Secret, map it with an EnvironmentSecretMapping and reference it with connectionSecretId");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_jaas_config_in_a_database() {
        let f = check(
            &CatalogCredential,
            "apiVersion: cmf.confluent.io/v1\nkind: KafkaDatabase\nmetadata: {name: db}\nspec:\n  kafkaCluster:\n    \
             connectionConfig:\n      bootstrap.servers: k:9092\n      sasl.jaas.config: 'x required password=\"p\";'\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/kafkaCluster/connectionConfig/sasl.jaas.config".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(8));
    }

    #[test]
    fn silent_on_plain_connection_settings() {
        let f = check(
            &CatalogCredential,
            "apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: c}\nspec:\n  srInstance:\n    \
             connectionConfig: {schema.registry.url: 'http://sr:8081'}\n    connectionSecretId: sr\n",
        );
        assert!(f.is_empty());
    }
}
