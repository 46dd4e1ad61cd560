//! CMF-STMT-007 — interactive SELECT without a bound.
//!
//! What it checks: an interactive statement (`SELECT`, `WITH`, …) without `LIMIT`.
//! Why: on an unbounded Kafka source the results stream forever, holding a cluster
//! (DEDICATED pool) or slots (SHARED pool) until the statement is stopped.
//! How to fix: add `LIMIT n`, use a bounded scan (`scan.bounded.mode`), or stop the
//! statement once you have seen enough.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::flink::sql::{StatementKind, classify, has_limit};

/// See the module documentation.
pub struct StmtUnboundedSelect;

impl Rule for StmtUnboundedSelect {
    fn id(&self) -> &'static str {
        "CMF-STMT-007"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Interactive SELECT without LIMIT streams results indefinitely on unbounded sources"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Statement) {
            let Some(sql) = r.spec_str(&["statement"]) else { continue };
            if classify(sql) == StatementKind::Interactive
                && !has_limit(sql)
                && !sql.contains("scan.bounded")
            {
                out.report(r, &r.spec_field(&["statement"]), format!("interactive statement '{}' has no LIMIT", r.name()))
                    .hint("on a Kafka table the results stream until you stop the statement; add LIMIT or a bounded scan");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const STMT: &str = "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  statement: ";

    #[test]
    fn fires_on_select_without_limit() {
        let f = check(&StmtUnboundedSelect, &format!("{STMT}SELECT url FROM clicks\n"));
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_with_limit_or_insert() {
        assert!(
            check(&StmtUnboundedSelect, &format!("{STMT}SELECT url FROM clicks LIMIT 5\n"))
                .is_empty()
        );
        assert!(
            check(&StmtUnboundedSelect, &format!("{STMT}INSERT INTO a SELECT * FROM b\n"))
                .is_empty()
        );
    }
}
