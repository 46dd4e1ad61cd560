//! CMF-STMT-002 — statement `flinkConfiguration` and `properties` are string maps.
//!
//! What it checks: every value of a statement's `spec.flinkConfiguration` and
//! `spec.properties` is a string.
//! Why: the OpenAPI declares both as string→string maps; CMF rejects numbers and
//! booleans (YAML turns unquoted `10`, `true` into them).
//! How to fix: quote the values (`parallelism.default: "2"`).

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use super::shared::non_string_values;

/// See the module documentation.
pub struct StmtStringMaps;

impl Rule for StmtStringMaps {
    fn id(&self) -> &'static str {
        "CMF-STMT-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Statement flinkConfiguration and properties values must be strings"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Statement) {
            for map in ["flinkConfiguration", "properties"] {
                for (key, at) in non_string_values(r.spec_get(&[map]), &r.spec_field(&[map])) {
                    out.report(r, &at, format!("{map} value of '{key}' is not a string"))
                        .hint("quote the value: CMF expects a string→string map");
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
    fn fires_on_unquoted_numbers() {
        let f = check(
            &StmtStringMaps,
            "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  flinkConfiguration:\n    parallelism.default: 2\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/parallelism.default".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_on_strings() {
        let f = check(
            &StmtStringMaps,
            "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  properties: {sql.current-catalog: cat}\n",
        );
        assert!(f.is_empty());
    }
}
