//! FKO-SJ-008 — operator-level artifact options set in a CR.
//!
//! What it checks: `kubernetes.operator.user.artifacts.allowed-schemes` or
//! `kubernetes.operator.user.artifacts.disallow-restricted-hosts` in the `flinkConfiguration`
//! of a FlinkSessionJob or FlinkDeployment.
//! Why: they are read from the operator's own configuration only; in a CR they are ignored.
//! How to fix: set them in the operator's Helm `defaultConfiguration` instead.

use serde_json::Value;

use crate::core::config::flatten;
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SjOperatorOption;

const OPERATOR_ONLY: &[&str] = &[
    "kubernetes.operator.user.artifacts.allowed-schemes",
    "kubernetes.operator.user.artifacts.disallow-restricted-hosts",
];

impl Rule for SjOperatorOption {
    fn id(&self) -> &'static str {
        "FKO-SJ-008"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Operator-level artifact option set in a CR is ignored"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx
            .subjects()
            .filter(|r| matches!(r.kind, Kind::FlinkSessionJob | Kind::FlinkDeployment))
        {
            let Some(conf) = r.spec_get(&["flinkConfiguration"]).filter(|v| Value::is_object(v))
            else {
                continue;
            };
            let keys = flatten(conf);
            for k in OPERATOR_ONLY.iter().filter(|k| keys.contains_key(**k)) {
                let at = if conf.get(*k).is_some() {
                    pointer::push(&r.spec_field(&["flinkConfiguration"]), k)
                } else {
                    r.spec_field(&["flinkConfiguration"])
                };
                out.report(
                    r,
                    &at,
                    format!("{k} is an operator-level option; ignored in a {}", r.kind_str()),
                )
                .hint("set it in the operator's defaultConfiguration (Helm values) instead");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_in_a_session_job() {
        let y = |c: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {{name: j}}\nspec: {{flinkConfiguration: {{{c}}}}}\n"
            )
        };
        assert_eq!(
            pointers(&check(
                &SjOperatorOption,
                &y("kubernetes.operator.user.artifacts.allowed-schemes: s3")
            )),
            [(
                "/spec/flinkConfiguration/kubernetes.operator.user.artifacts.allowed-schemes"
                    .into(),
                Severity::Info
            )]
        );
        assert!(check(&SjOperatorOption, &y("pipeline.name: x")).is_empty());
    }
}
