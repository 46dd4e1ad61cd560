//! REF-DDL-002 — `ddlEnvironments` names existing environments.
//!
//! What it checks: each entry of a database's `ddlEnvironments` (or legacy
//! `alterEnvironments`) names an environment. Warning (when the design has no
//! environments it only says to verify).
//! Why: a misspelt entry grants nothing; DDL from the intended environment then fails.
//! How to fix: fix the environment name or create the environment.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::rules::missing::{Missing, dangling, report_missing};

/// See the module documentation.
pub struct DdlEnvironmentRef;

impl Rule for DdlEnvironmentRef {
    fn id(&self) -> &'static str {
        "REF-DDL-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "ddlEnvironments names an environment that does not exist"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for (r, d) in dangling(cx, &[EdgeKind::DdlEnvironment]) {
            report_missing(
                cx,
                out,
                r,
                d,
                Missing {
                    what: "environment",
                    scope: "",
                    hint: "fix the environment name or create the environment",
                },
            )
            .severity(Severity::Warning);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const DB: &str = "apiVersion: cmf.confluent.io/v1\nkind: KafkaDatabase\nmetadata: {name: db1}\nspec:\n  ddlEnvironments: [dev-env]\n";

    #[test]
    fn fires_on_an_unknown_environment() {
        let f =
            check(&DdlEnvironmentRef, &format!("name: staging\nkubernetesNamespace: a\n---\n{DB}"));
        assert_eq!(pointers(&f), [("/spec/ddlEnvironments/0".into(), Severity::Warning)]);
        assert!(f[0].message.contains("'dev-env' is not in the input"));
        assert_eq!(f[0].line, Some(8));
        // CMF takes the list as written: a warning even for complete designs.
        let f = check_complete(
            &DdlEnvironmentRef,
            &format!("name: staging\nkubernetesNamespace: a\n---\n{DB}"),
        );
        assert_eq!(pointers(&f), [("/spec/ddlEnvironments/0".into(), Severity::Warning)]);
    }

    #[test]
    fn silent_when_it_exists() {
        assert!(
            check(&DdlEnvironmentRef, &format!("name: dev-env\nkubernetesNamespace: a\n---\n{DB}"))
                .is_empty()
        );
    }
}
