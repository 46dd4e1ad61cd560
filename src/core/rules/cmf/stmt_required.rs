//! CMF-STMT-001 — a statement needs its SQL and a compute pool.
//!
//! What it checks: Statement / FlinkStatement `spec.statement` (non-empty) and
//! `spec.computePoolName` are present.
//! Why: both are required by the OpenAPI `StatementSpec`; CMF answers 400 otherwise.
//! How to fix: add the SQL text and the name of a compute pool of the same environment.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct StmtRequired;

impl Rule for StmtRequired {
    fn id(&self) -> &'static str {
        "CMF-STMT-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A statement needs spec.statement and spec.computePoolName"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Statement) {
            for (field, hint) in [
                ("statement", "add the Flink SQL text in spec.statement"),
                (
                    "computePoolName",
                    "add spec.computePoolName: a compute pool of the statement's environment",
                ),
            ] {
                if r.spec_str(&[field]).is_none_or(|s| s.trim().is_empty()) {
                    out.report(r, "/spec", format!("statement '{}' has no spec.{field}", r.name()))
                        .hint(hint);
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
    fn fires_without_pool() {
        let f = check(
            &StmtRequired,
            "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  statement: SELECT 1\n",
        );
        assert_eq!(pointers(&f), [("/spec".into(), Severity::Error)]);
        assert!(f[0].message.contains("computePoolName"));
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_when_complete() {
        let f = check(
            &StmtRequired,
            "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec: {statement: SELECT 1, computePoolName: pool1}\n",
        );
        assert!(f.is_empty());
    }
}
