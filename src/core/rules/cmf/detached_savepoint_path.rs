//! CMF-SP-002 — a detached savepoint should point at savepoint data.
//!
//! What it checks: a DetachedSavepoint without `spec.path`.
//! Why: a detached savepoint created through the API registers existing savepoint data
//! so an application can start from it; without a path there is nothing to start from
//! (inference).
//! How to fix: set `spec.path` to the savepoint directory (e.g. `s3://…/savepoint-…`).

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct DetachedSavepointPath;

impl Rule for DetachedSavepointPath {
    fn id(&self) -> &'static str {
        "CMF-SP-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A detached savepoint should set spec.path to existing savepoint data"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::DetachedSavepoint) {
            if r.spec_str(&["path"]).is_none_or(|p| p.trim().is_empty()) {
                out.report(
                    r,
                    "/spec",
                    format!("detached savepoint '{}' has no spec.path", r.name()),
                )
                .hint("set spec.path to the savepoint directory it stands for");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_path() {
        let f = check(
            &DetachedSavepointPath,
            "apiVersion: cmf.confluent.io/v1\nkind: DetachedSavepoint\nmetadata: {name: sp1}\nspec:\n  formatType: NATIVE\n",
        );
        assert_eq!(pointers(&f), [("/spec".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_with_path() {
        let f = check(
            &DetachedSavepointPath,
            "apiVersion: cmf.confluent.io/v1\nkind: DetachedSavepoint\nmetadata: {name: sp1}\nspec: {path: 's3://b/sp-1'}\n",
        );
        assert!(f.is_empty());
    }
}
