//! CFK-KIND-001 — CMF kind names under the CFK API group.
//!
//! What it checks: a `platform.confluent.io/v1beta1` object whose kind is not a CFK
//! kind but looks like a CMF one (`KafkaCatalog`, `ComputePool`, `Statement`,
//! `Environment`, `EnvironmentSecretMapping`, `KafkaDatabase`, or anything with
//! Flink/Catalog/ComputePool/Statement in it). Other CFK kinds (Kafka, Connect, …) are
//! left alone.
//! Why: CFK's Flink kinds carry a `Flink` prefix; the API server rejects the object
//! ("no matches for kind").
//! How to fix: use FlinkKafkaCatalog, FlinkKafkaDatabase, FlinkComputePool,
//! FlinkStatement, FlinkEnvironment, FlinkEnvironmentSecretMapping, FlinkSecret.

use crate::core::finding::Severity;
use crate::core::model::{CFK_API, Kind};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct UnknownKind;

fn suggestion(kind: &str) -> Option<&'static str> {
    let k = kind.to_ascii_lowercase();
    let table: &[(&str, &str)] = &[
        ("secretmapping", "FlinkEnvironmentSecretMapping"),
        ("database", "FlinkKafkaDatabase"),
        ("catalog", "FlinkKafkaCatalog"),
        ("computepool", "FlinkComputePool"),
        ("statement", "FlinkStatement"),
        ("environment", "FlinkEnvironment"),
        ("application", "FlinkApplication"),
        ("secret", "FlinkSecret"),
        ("restclass", "CMFRestClass"),
    ];
    table.iter().find(|(needle, _)| k.contains(needle)).map(|(_, s)| *s)
}

impl Rule for UnknownKind {
    fn id(&self) -> &'static str {
        "CFK-KIND-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Unknown Flink kind under platform.confluent.io/v1beta1"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects().filter(|r| r.kind == Kind::Unknown && r.api_version() == CFK_API) {
            let kind = r.kind_str();
            let flinkish = kind.contains("Flink") || suggestion(kind).is_some();
            if !flinkish || kind == "KafkaTopic" {
                continue;
            }
            let hint = suggestion(kind).map_or_else(
                || "use one of the CFK Flink kinds (FlinkEnvironment, FlinkApplication, FlinkComputePool, …)".to_string(),
                |s| format!("did you mean {s}?"),
            );
            out.report(r, "/kind", format!("'{kind}' is not a CFK kind")).hint(hint);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_cmf_kind_names() {
        let f = check(
            &UnknownKind,
            "apiVersion: platform.confluent.io/v1beta1\nkind: KafkaCatalog\nmetadata: {name: c}\n",
        );
        assert_eq!(pointers(&f), [("/kind".into(), Severity::Error)]);
        assert!(f[0].hint.contains("FlinkKafkaCatalog"));
        assert_eq!(f[0].line, Some(2));
    }

    #[test]
    fn silent_on_other_cfk_kinds() {
        let f = check(
            &UnknownKind,
            "apiVersion: platform.confluent.io/v1beta1\nkind: Kafka\nmetadata: {name: k}\n---\napiVersion: platform.confluent.io/v1beta1\nkind: KafkaTopic\nmetadata: {name: t}\n",
        );
        assert!(f.is_empty());
    }
}
