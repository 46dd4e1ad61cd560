//! CMF-ENV-004 — the shape of an environment's `statementDefaults`.
//!
//! What it checks: `statementDefaults` only has the branches `detached` and
//! `interactive` (others are ignored: warning), and their `flinkConfiguration` values are
//! strings (error).
//! Why: the OpenAPI `AllStatementDefaults` has exactly those two branches, each a
//! string→string `flinkConfiguration`; a `flinkConfiguration` placed directly under
//! `statementDefaults` is silently ignored.
//! How to fix: put keys under `statementDefaults.detached.flinkConfiguration` (INSERT
//! jobs) or `statementDefaults.interactive.flinkConfiguration` (SELECT), quoted.

use serde_json::Value;

use super::shared::non_string_values;
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct EnvStatementDefaults;

impl Rule for EnvStatementDefaults {
    fn id(&self) -> &'static str {
        "CMF-ENV-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "statementDefaults holds string maps under detached/interactive only"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Environment) {
            let Some(Value::Object(m)) = r.spec_get(&["statementDefaults"]) else { continue };
            let base = r.spec_field(&["statementDefaults"]);
            for (branch, v) in m {
                let at = pointer::push(&base, branch);
                if branch != "detached" && branch != "interactive" {
                    out.report(r, &at, format!("statementDefaults.{branch} is ignored by CMF"))
                        .severity(Severity::Warning)
                        .hint("use statementDefaults.detached.flinkConfiguration or statementDefaults.interactive.flinkConfiguration");
                    continue;
                }
                let conf_at = pointer::push(&at, "flinkConfiguration");
                for (key, p) in non_string_values(v.get("flinkConfiguration"), &conf_at) {
                    out.report(
                        r,
                        &p,
                        format!("statementDefaults.{branch} value of '{key}' is not a string"),
                    )
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
    fn fires_on_unknown_branch_and_numbers() {
        let f = check(
            &EnvStatementDefaults,
            "name: dev-env\nkubernetesNamespace: flink\nstatementDefaults:\n  flinkConfiguration: {a: b}\n  detached:\n    flinkConfiguration: {parallelism.default: 2}\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/statementDefaults/flinkConfiguration".into(), Severity::Warning),
                (
                    "/statementDefaults/detached/flinkConfiguration/parallelism.default".into(),
                    Severity::Error
                )
            ]
        );
        assert_eq!(f[1].line, Some(6));
    }

    #[test]
    fn silent_on_string_maps() {
        let f = check(
            &EnvStatementDefaults,
            "name: dev-env\nkubernetesNamespace: flink\nstatementDefaults:\n  detached:\n    flinkConfiguration: {state.backend.type: rocksdb}\n",
        );
        assert!(f.is_empty());
    }
}
