//! NAME-BG-001 — blue/green names must leave room for the child suffix.
//!
//! What it checks: a FlinkBlueGreenDeployment `metadata.name` for which the derived child
//! name `<name>-green` is not a valid FlinkDeployment name (more than 39 characters, or
//! characters outside `[a-z0-9-]`, or not starting with a letter).
//! Why: the operator creates FlinkDeployments `<name>-blue` and `<name>-green`, which must
//! satisfy NAME-FKO-001 (≤ 45 characters).
//! How to fix: use at most 39 lowercase letters, digits and hyphens, starting with a letter.

use crate::core::finding::Severity;
use crate::core::flink::names::is_deployment_name;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct BgName;

impl Rule for BgName {
    fn id(&self) -> &'static str {
        "NAME-BG-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Blue/green name too long (or invalid) for the derived child '<name>-green'"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::FlinkBlueGreenDeployment) {
            let child = format!("{}-green", r.name());
            if !is_deployment_name(&child) {
                out.report(
                    r,
                    "/metadata/name",
                    format!("Derived child '{child}' is not a valid FlinkDeployment name"),
                )
                .hint("use at most 39 lowercase letters, digits and '-', starting with a letter");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_above_39_characters() {
        let y = |n: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkBlueGreenDeployment\nmetadata: {{name: {n}}}\n"
            )
        };
        let f = check(&BgName, &y(&"a".repeat(40)));
        assert_eq!(pointers(&f), [("/metadata/name".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(3));
        assert!(check(&BgName, &y(&"a".repeat(39))).is_empty());
        assert_eq!(check(&BgName, &y("My.App")).len(), 1);
    }
}
