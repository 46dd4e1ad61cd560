//! CMF-STMT-003 — statement parallelism is a positive integer.
//!
//! What it checks: `spec.parallelism`, when set, is an integer ≥ 1.
//! Why: the OpenAPI declares an int32 defaulting to 1; zero or negative parallelism
//! cannot run.
//! How to fix: set `parallelism: 1` or more, or leave it out (default 1).

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct StmtParallelism;

impl Rule for StmtParallelism {
    fn id(&self) -> &'static str {
        "CMF-STMT-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Statement parallelism must be an integer ≥ 1 (default 1)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Statement) {
            let Some(p) = r.spec_get(&["parallelism"]) else { continue };
            let ok = matches!(p, Value::Number(n) if n.as_i64().is_some_and(|v| (1..=i64::from(i32::MAX)).contains(&v)));
            if !ok {
                out.report(
                    r,
                    &r.spec_field(&["parallelism"]),
                    format!("parallelism {p} is not an integer ≥ 1"),
                )
                .hint("use a whole number of at least 1, unquoted");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const STMT: &str = "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  parallelism: ";

    #[test]
    fn fires_on_zero_and_text() {
        let f = check(&StmtParallelism, &format!("{STMT}0\n"));
        assert_eq!(pointers(&f), [("/spec/parallelism".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
        assert_eq!(check(&StmtParallelism, &format!("{STMT}'4'\n")).len(), 1);
    }

    #[test]
    fn silent_on_positive() {
        assert!(check(&StmtParallelism, &format!("{STMT}4\n")).is_empty());
    }
}
