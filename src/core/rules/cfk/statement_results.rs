//! CFK-STMT-001 — results of a FlinkStatement SELECT are not in the CR.
//!
//! What it checks: a CFK FlinkStatement whose SQL is interactive (`SELECT`, `WITH`, …).
//! Why: CFK does not surface statement results; they are only readable through the CMF
//! REST endpoint `/environments/{env}/statements/{name}/results`.
//! How to fix: read results with the CMF REST API or `confluent flink statement`, or
//! write them to a table with `INSERT INTO`.

use crate::core::finding::Severity;
use crate::core::flink::sql::{StatementKind, classify};
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use super::shared::cfk_subjects;

/// See the module documentation.
pub struct StatementResults;

impl Rule for StatementResults {
    fn id(&self) -> &'static str {
        "CFK-STMT-001"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "FlinkStatement results are only available through the CMF REST results endpoint"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cfk_subjects(cx).filter(|r| r.kind == Kind::Statement) {
            if r.spec_str(&["statement"]).map(classify) == Some(StatementKind::Interactive) {
                out.report(r, "/spec/statement", format!("the results of SELECT statement '{}' are not visible through CFK", r.name()))
                    .hint("read them from CMF: GET /cmf/api/v1/environments/{env}/statements/{name}/results, or INSERT INTO a table");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const ST: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkStatement\nmetadata: {name: s1}\nspec:\n  statement: ";

    #[test]
    fn fires_on_select() {
        let f = check(&StatementResults, &format!("{ST}SELECT * FROM t\n"));
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_on_insert() {
        assert!(
            check(&StatementResults, &format!("{ST}INSERT INTO a SELECT * FROM b\n")).is_empty()
        );
    }
}
