//! CMF-SEC-002 — CMF secret keys are client connection properties.
//!
//! What it checks: the keys of a CMF `Secret`'s `spec.data` look like Kafka or Schema
//! Registry client properties (`sasl.*`, `security.protocol`, `ssl.*`,
//! `schema.registry.*`, `basic.auth.*`, `bearer.auth.*`, …).
//! Why: CMF merges the secret's keys into the catalog/database `connectionConfig` at
//! runtime; any other key (`username`, `password`) is passed to the client and ignored.
//! How to fix: name keys after the client property they provide, e.g. `sasl.jaas.config`
//! or `basic.auth.user.info`.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::model::{Form, Kind};
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SecretKeys;

const PREFIXES: &[&str] = &[
    "sasl.",
    "security.",
    "ssl.",
    "schema.registry.",
    "basic.auth.",
    "bearer.auth.",
    "bootstrap.",
    "client.",
    "request.",
    "auto.register",
    "use.latest",
];

impl Rule for SecretKeys {
    fn id(&self) -> &'static str {
        "CMF-SEC-002"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "CMF merges secret keys into the catalog/database connection config"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::CmfSecret).filter(|r| r.form == Form::CmfRest) {
            let Some(Value::Object(m)) = r.spec_get(&["data"]) else { continue };
            for key in m.keys().filter(|k| !PREFIXES.iter().any(|p| k.starts_with(p))) {
                out.report(r, &pointer::push("/spec/data", key), format!("'{key}' is not a Kafka or Schema Registry client property"))
                    .hint("CMF merges these keys into connectionConfig; use property names such as sasl.jaas.config or basic.auth.user.info");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_plain_user_keys() {
        let f = check(
            &SecretKeys,
            "apiVersion: cmf.confluent.io/v1\nkind: Secret\nmetadata: {name: kafka-secret}\nspec:\n  data:\n    password: x\n",
        );
        assert_eq!(pointers(&f), [("/spec/data/password".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_on_client_properties() {
        let f = check(
            &SecretKeys,
            "apiVersion: cmf.confluent.io/v1\nkind: Secret\nmetadata: {name: kafka-secret}\nspec:\n  data: {sasl.jaas.config: x, security.protocol: SASL_SSL}\n",
        );
        assert!(f.is_empty());
    }
}
