//! FKO-SNAP-005 — an existing savepoint needs its path.
//!
//! What it checks: `spec.savepoint.alreadyExists: true` without `spec.savepoint.path`.
//! Why: the operator copies the spec path into the status; without it the snapshot points
//! at nothing and cannot be used to restore.
//! How to fix: set `savepoint.path` to the savepoint directory.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SnapExistsPath;

impl Rule for SnapExistsPath {
    fn id(&self) -> &'static str {
        "FKO-SNAP-005"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "An existing savepoint (alreadyExists) needs its path"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::FlinkStateSnapshot) {
            let exists =
                r.spec_get(&["savepoint", "alreadyExists"]).and_then(|v| v.as_bool()) == Some(true);
            if exists && r.spec_str(&["savepoint", "path"]).is_none_or(|p| p.trim().is_empty()) {
                out.report(
                    r,
                    &r.spec_field(&["savepoint", "alreadyExists"]),
                    "Existing savepoint needs its path",
                )
                .hint("set savepoint.path to the savepoint's directory");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};
    const SNAP: &str =
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {name: s}\n";

    #[test]
    fn fires_without_path() {
        assert_eq!(
            pointers(&check(
                &SnapExistsPath,
                &format!("{SNAP}spec: {{savepoint: {{alreadyExists: true}}}}\n")
            )),
            [("/spec/savepoint/alreadyExists".into(), Severity::Warning)]
        );
        assert!(
            check(
                &SnapExistsPath,
                &format!(
                    "{SNAP}spec: {{savepoint: {{alreadyExists: true, path: 's3://b/sp-1'}}}}\n"
                )
            )
            .is_empty()
        );
    }
}
