//! SEC-CRED-001 — plaintext credentials in Flink configuration.
//!
//! What it checks: every Flink configuration map of the design (deployment-like specs,
//! session jobs, statements, environment defaults, operator defaults) for a credential key
//! (`password`, `secret-key`, `access-key`, `token`, `sasl.jaas.config`,
//! `basic.auth.user.info`, `account.key`, …) holding a literal value. `${VAR}` placeholders,
//! which Flink fills from the container environment, are fine.
//! Why: the configuration is stored in the custom resource, in CMF's database and in a
//! ConfigMap readable by anyone who can read the namespace, and it ends up in Git.
//! How to fix: put the value in a Kubernetes Secret, expose it to `flink-main-container`
//! with `env[].valueFrom.secretKeyRef`, and write `${ENV_VAR}` in the configuration.

use crate::core::cluster::conf_maps;
use crate::core::credentials::{entries, is_credential_key, is_literal};
use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ConfigCredential;

impl Rule for ConfigCredential {
    fn id(&self) -> &'static str {
        "SEC-CRED-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Credentials in flinkConfiguration should come from a Secret, not a literal value"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for m in conf_maps(r, None) {
                for (key, pointer, value) in entries(m.map, &m.pointer) {
                    if is_credential_key(&key) && is_literal(value) {
                        out.report(r, &pointer, format!("plaintext credential: {key} has a literal value"))
                            .hint("store it in a Kubernetes Secret, expose it with env[].valueFrom.secretKeyRef and write ${ENV_VAR} here");
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
    fn fires_on_literal_secret_key_without_echoing_it() {
        let f = check(
            &ConfigCredential,
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: p}\nspec:\n  clusterSpec:\n    \
             flinkConfiguration:\n      s3.access-key: '${S3_ACCESS_KEY}'\n      s3:\n        secret-key: minioadmin\n      \
             kubernetes.secrets: 'cert:/opt/cert'\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/clusterSpec/flinkConfiguration/s3/secret-key".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(9));
        assert!(!f[0].message.contains("minioadmin"));
    }

    #[test]
    fn covers_operator_defaults_and_statement_defaults() {
        let f = check(
            &ConfigCredential,
            "name: e\nkubernetesNamespace: n\nstatementDefaults:\n  detached:\n    flinkConfiguration: {sasl.jaas.config: x}\n",
        );
        assert_eq!(f[0].pointer, "/statementDefaults/detached/flinkConfiguration/sasl.jaas.config");
    }
}
