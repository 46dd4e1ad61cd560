//! CMF-DB-001 — a Kafka database needs a Kafka connection.
//!
//! What it checks: KafkaDatabase / FlinkKafkaDatabase `spec.kafkaCluster.connectionConfig`
//! is present (error) and contains `bootstrap.servers` (warning).
//! Why: the OpenAPI requires `kafkaCluster.connectionConfig`; without bootstrap servers
//! the database's topics cannot be read as tables.
//! How to fix: add `kafkaCluster.connectionConfig.bootstrap.servers: host:port`.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct DatabaseKafka;

impl Rule for DatabaseKafka {
    fn id(&self) -> &'static str {
        "CMF-DB-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A Kafka database needs kafkaCluster.connectionConfig with bootstrap.servers"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::KafkaDatabase) {
            let path = ["kafkaCluster", "connectionConfig"];
            match r.spec_get(&path) {
                Some(c) if c.is_object() => {
                    if c.get("bootstrap.servers").is_none() {
                        out.report(
                            r,
                            &r.spec_field(&path),
                            format!("database '{}' sets no bootstrap.servers", r.name()),
                        )
                        .severity(Severity::Warning)
                        .hint("add bootstrap.servers to kafkaCluster.connectionConfig");
                    }
                }
                _ => {
                    out.report(
                        r,
                        "/spec",
                        format!("database '{}' has no kafkaCluster.connectionConfig", r.name()),
                    )
                    .hint("add spec.kafkaCluster.connectionConfig with bootstrap.servers");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const DB: &str =
        "apiVersion: cmf.confluent.io/v1\nkind: KafkaDatabase\nmetadata: {name: db1}\nspec:\n";

    #[test]
    fn fires_without_connection() {
        let f = check(&DatabaseKafka, &format!("{DB}  ddlEnvironments: []\n"));
        assert_eq!(pointers(&f), [("/spec".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_with_bootstrap_servers() {
        let f = check(
            &DatabaseKafka,
            &format!(
                "{DB}  kafkaCluster:\n    connectionConfig: {{bootstrap.servers: 'k:9092'}}\n"
            ),
        );
        assert!(f.is_empty());
    }
}
