//! CRD-TYPE-003 — string-only `flinkConfiguration` before FKO 1.13.
//!
//! What it checks: on a targeted FKO ≤ 1.12 (e.g. Confluent's 1.120.x), `flinkConfiguration`
//! values of FlinkDeployments, session jobs and blue/green templates that are not strings:
//! unquoted numbers or booleans (`taskmanager.numberOfTaskSlots: 1`) or nested maps.
//! Why: the 1.12 CRD declares `additionalProperties: string`; the API server rejects other
//! values. FKO 1.13 switched to free-form YAML that it flattens.
//! How to fix: quote the values (`"1"`, `"true"`) and write dotted keys.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

use super::shared::show;

/// See the module documentation.
pub struct StringConfig;

impl Rule for StringConfig {
    fn id(&self) -> &'static str {
        "CRD-TYPE-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "flinkConfiguration values must be strings on FKO ≤ 1.12"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if cx.targets.fko.at_least(1, 13) {
            return;
        }
        for r in cx.subjects() {
            let tokens: &[&str] = match r.kind {
                Kind::FlinkDeployment | Kind::FlinkSessionJob => &["flinkConfiguration"],
                Kind::FlinkBlueGreenDeployment => &["template", "spec", "flinkConfiguration"],
                _ => continue,
            };
            let Some(m) = r.spec_get(tokens).and_then(Value::as_object) else { continue };
            let base = r.spec_field(tokens);
            for (k, v) in m.iter().filter(|(_, v)| !v.is_string() && !v.is_null()) {
                let what = if v.is_object() { "a nested map" } else { "not a string" };
                out.report(
                    r,
                    &pointer::push(&base, k),
                    format!(
                        "{k}: {} is {what}; FKO {} accepts only string values",
                        show(v),
                        cx.targets.fko
                    ),
                )
                .hint("quote the value and use dotted keys (nested maps need FKO ≥ 1.13)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const FD: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  flinkConfiguration:\n    taskmanager.numberOfTaskSlots: 2\n    state.backend.type: rocksdb\n";

    #[test]
    fn fires_only_for_old_operators() {
        let old = Targets { fko: Version::new(1, 12, 0), ..Targets::default() };
        let f = check_with(&StringConfig, FD, old);
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/taskmanager.numberOfTaskSlots".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(6));
        assert!(check(&StringConfig, FD).is_empty());
    }
}
