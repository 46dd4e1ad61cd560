//! OPS-FKO-002 — `watchNamespaces` written the way Helm understands it.
//!
//! What it checks: on the `FlinkKubernetesOperator` node, a singular `watchNamespace`
//! key; `watchNamespaces` given as a string instead of a list; list entries with
//! leading/trailing whitespace or several names in one entry (`"a, b"`, `"{a,b}"`).
//! Why: Helm ignores the unknown singular key (the operator then watches *all*
//! namespaces), and keeps whitespace and commas in list values, so the operator watches
//! a namespace literally named " b" (inference: verify with the rendered chart).
//! How to fix: write `watchNamespaces: [a, b]` — one clean name per entry.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct WatchValues;

impl Rule for WatchValues {
    fn id(&self) -> &'static str {
        "OPS-FKO-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "watchNamespaces misspelt (singular key), not a list, or entries with whitespace/commas"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.of_kind(Kind::FkoInstall) {
            if r.spec_get(&["watchNamespace"]).is_some() {
                out.report(r, &r.spec_field(&["watchNamespace"]), "'watchNamespace' (singular) is not a Helm value of the operator: it watches all namespaces")
                    .hint("rename it to watchNamespaces (a list)");
            }
            match r.spec_get(&["watchNamespaces"]) {
                Some(Value::String(s)) => {
                    out.report(r, &r.spec_field(&["watchNamespaces"]), format!("watchNamespaces is the string '{s}', not a list"))
                        .hint("write watchNamespaces: [a, b] (Helm: --set watchNamespaces={a\\,b} without spaces)");
                }
                Some(Value::Array(items)) => {
                    for (i, v) in items.iter().enumerate() {
                        let Some(s) = v.as_str() else { continue };
                        if s != s.trim() || s.contains(',') || s.contains('{') || s.contains(' ') {
                            out.report(
                                r,
                                &r.spec_field(&["watchNamespaces", &i.to_string()]),
                                format!(
                                    "watchNamespaces entry '{s}' has whitespace, braces or commas"
                                ),
                            )
                            .hint("one namespace name per entry, without spaces (Helm keeps them)");
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const FKO: &str = "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {name: fko}\nspec:\n";

    #[test]
    fn fires_on_singular_key_and_spaces() {
        let f = check(
            &WatchValues,
            &format!("{FKO}  watchNamespace: flink\n  watchNamespaces: ['flink', ' team-a']\n"),
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/watchNamespace".into(), Severity::Warning),
                ("/spec/watchNamespaces/1".into(), Severity::Warning)
            ]
        );
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_on_a_clean_list() {
        assert!(
            check(&WatchValues, &format!("{FKO}  watchNamespaces: [flink, team-a]\n")).is_empty()
        );
    }
}
