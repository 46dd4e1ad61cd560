//! CMF-VER-001 — features newer than the declared CMF version.
//!
//! What it checks: objects and fields that appeared after the CMF version the design
//! targets: secrets, secret mappings, catalogs, compute pools, statements (2.0); Kafka
//! databases, savepoints, detached savepoints, statement `startFromSavepoint` (2.1);
//! the environment `metadata` block (2.3). (SHARED pools, `ddlEnvironments` and
//! `kubernetesClusterName` have rules of their own.)
//! Why: an older CMF answers 404 for the endpoint or ignores the field.
//! How to fix: upgrade CMF, or declare the version you run on the CmfService node.

use crate::core::finding::Severity;
use crate::core::model::{Form, Kind};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct VersionFeatures;

const KINDS: &[(Kind, u32, u32, &str)] = &[
    (Kind::CmfSecret, 2, 0, "secrets"),
    (Kind::SecretMapping, 2, 0, "environment secret mappings"),
    (Kind::KafkaCatalog, 2, 0, "Kafka catalogs"),
    (Kind::ComputePool, 2, 0, "compute pools"),
    (Kind::Statement, 2, 0, "SQL statements"),
    (Kind::KafkaDatabase, 2, 1, "Kafka databases"),
    (Kind::Savepoint, 2, 1, "savepoints"),
    (Kind::DetachedSavepoint, 2, 1, "detached savepoints"),
];

impl Rule for VersionFeatures {
    fn id(&self) -> &'static str {
        "CMF-VER-001"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Feature newer than the declared CMF version"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let v = cx.targets.cmf;
        for r in cx.subjects() {
            if let Some((_, maj, min, what)) = KINDS.iter().find(|k| k.0 == r.kind)
                && !v.at_least(*maj, *min)
            {
                out.report(
                    r,
                    "/kind",
                    format!("{what} need CMF {maj}.{min}; the design targets CMF {v}"),
                )
                .hint("upgrade CMF or check the declared version on the CmfService node");
            }
            if r.kind == Kind::Statement
                && r.spec_get(&["startFromSavepoint"]).is_some()
                && !v.at_least(2, 1)
            {
                out.report(
                    r,
                    &r.spec_field(&["startFromSavepoint"]),
                    format!("startFromSavepoint needs CMF 2.1; the design targets CMF {v}"),
                )
                .hint("upgrade CMF to 2.1+");
            }
            if r.kind == Kind::Environment
                && r.form == Form::CmfRest
                && r.doc.get("metadata").is_some()
                && !v.at_least(2, 3)
            {
                out.report(
                    r,
                    "/metadata",
                    format!(
                        "the environment metadata block needs CMF 2.3; the design targets CMF {v}"
                    ),
                )
                .hint("use the top-level name on older CMF");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const DB: &str =
        "apiVersion: cmf.confluent.io/v1\nkind: KafkaDatabase\nmetadata: {name: db1}\n";

    #[test]
    fn fires_on_databases_before_2_1() {
        let t = Targets { cmf: Version::new(2, 0, 0), ..Targets::default() };
        let f = check_with(&VersionFeatures, DB, t);
        assert_eq!(pointers(&f), [("/kind".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(2));
    }

    #[test]
    fn silent_on_current_cmf() {
        assert!(check(&VersionFeatures, DB).is_empty());
    }
}
