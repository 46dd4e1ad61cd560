//! CMF-SP-001 — savepoint spec values.
//!
//! What it checks: Savepoint / DetachedSavepoint `spec.formatType` is one of
//! `CANONICAL`, `NATIVE`, `UNKNOWN`, and `spec.backoffLimit` is an integer ≥ −1.
//! Why: those are the OpenAPI `SavepointSpec` constraints (−1 = unlimited retries).
//! How to fix: use one of the enum values; use −1, 0 or a positive retry count.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SavepointSpec;

impl Rule for SavepointSpec {
    fn id(&self) -> &'static str {
        "CMF-SP-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Savepoint formatType must be CANONICAL|NATIVE|UNKNOWN and backoffLimit ≥ -1"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let kinds = [Kind::Savepoint, Kind::DetachedSavepoint];
        for r in cx.subjects().filter(|r| kinds.contains(&r.kind)) {
            if let Some(f) = r.spec_get(&["formatType"])
                && !matches!(f.as_str(), Some("CANONICAL" | "NATIVE" | "UNKNOWN"))
            {
                out.report(
                    r,
                    "/spec/formatType",
                    format!("formatType {f} is not CANONICAL, NATIVE or UNKNOWN"),
                )
                .hint("use CANONICAL (default) or NATIVE");
            }
            if let Some(b) = r.spec_get(&["backoffLimit"]) {
                let ok = matches!(b, Value::Number(n) if n.as_i64().is_some_and(|v| v >= -1));
                if !ok {
                    out.report(
                        r,
                        "/spec/backoffLimit",
                        format!("backoffLimit {b} must be an integer ≥ -1"),
                    )
                    .hint("-1 retries forever, 0 never retries");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const SP: &str =
        "apiVersion: cmf.confluent.io/v1\nkind: Savepoint\nmetadata: {name: sp1}\nspec:\n";

    #[test]
    fn fires_on_bad_values() {
        let f =
            check(&SavepointSpec, &format!("{SP}  formatType: canonical\n  backoffLimit: -2\n"));
        assert_eq!(
            pointers(&f),
            [
                ("/spec/formatType".into(), Severity::Error),
                ("/spec/backoffLimit".into(), Severity::Error)
            ]
        );
        assert_eq!(f[1].line, Some(6));
    }

    #[test]
    fn silent_on_valid_values() {
        assert!(
            check(&SavepointSpec, &format!("{SP}  formatType: NATIVE\n  backoffLimit: -1\n"))
                .is_empty()
        );
    }
}
