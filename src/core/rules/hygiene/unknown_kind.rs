//! EXP-002 — kinds the Flink operator's API group does not define.
//!
//! What it checks: a `flink.apache.org/*` document whose kind is not FlinkDeployment,
//! FlinkSessionJob, FlinkStateSnapshot or FlinkBlueGreenDeployment (for example
//! `FlinkApplication`, which is a CMF/CFK kind). Unknown CFK kinds are CFK-KIND-001's,
//! unknown CMF kinds CMF-API-001's.
//! Why: kubectl answers "no matches for kind … in version flink.apache.org/v1beta1".
//! How to fix: use `kind: FlinkDeployment` (application mode: with `spec.job`), or write
//! a CMF FlinkApplication (`cmf.confluent.io/v1`) / CFK FlinkApplication.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct UnknownKind;

impl Rule for UnknownKind {
    fn id(&self) -> &'static str {
        "EXP-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Kind not defined in flink.apache.org (e.g. FlinkApplication)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx
            .subjects()
            .filter(|r| r.kind == Kind::Unknown && r.api_version().starts_with("flink.apache.org/"))
        {
            let kind = r.kind_str();
            let hint = if kind == "FlinkApplication" {
                "FlinkApplication is a CMF/CFK kind: use kind FlinkDeployment with spec.job here, or apiVersion cmf.confluent.io/v1 (CMF) / platform.confluent.io/v1beta1 (CFK)".to_string()
            } else {
                "use FlinkDeployment, FlinkSessionJob, FlinkStateSnapshot or FlinkBlueGreenDeployment".to_string()
            };
            out.report(r, "/kind", format!("'{kind}' is not a kind of {}", r.api_version()))
                .hint(hint);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_flink_application() {
        let f = check(
            &UnknownKind,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkApplication\nmetadata: {name: a}\n",
        );
        assert_eq!(pointers(&f), [("/kind".into(), Severity::Error)]);
        assert!(f[0].hint.contains("FlinkDeployment"));
        assert_eq!(f[0].line, Some(2));
    }

    #[test]
    fn silent_on_flink_deployment() {
        assert!(
            check(
                &UnknownKind,
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n"
            )
            .is_empty()
        );
    }
}
