//! REF-ENV-001 — CMF payloads belong to an existing environment.
//!
//! What it checks: (a) a CMF REST application, compute pool, statement or secret
//! mapping has no environment at all (the design has no environment, or several, and
//! none was assigned): warning asking to assign one; (b) the environment it was assigned
//! does not exist (reference policy `rules::missing`: a warning naming what must exist,
//! an error for complete designs). CFK
//! CRs are checked by CFK-REF-002.
//! Why: these objects live under `/environments/{env}/…`; CMF answers 404 "Environment
//! not found", and without an environment the studio cannot tell where they will run.
//! How to fix: assign the payload to an environment (studio: "Assign environment"; CLI:
//! `--environment`), or create the environment.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::{Form, Kind};
use crate::core::rules::{Context, Rule, Sink};

use crate::core::rules::missing::{Missing, dangling, report_missing};

/// See the module documentation.
pub struct EnvironmentRef;

impl Rule for EnvironmentRef {
    fn id(&self) -> &'static str {
        "REF-ENV-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Application/pool/statement/mapping must belong to an existing environment"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut envs: Vec<&str> = cx.of_kind(Kind::Environment).map(|e| e.name()).collect();
        envs.sort_unstable();
        envs.dedup();
        for r in cx.resources() {
            if r.form != Form::CmfRest || !r.is_environment_scoped() || r.environment().is_some() {
                continue;
            }
            let why = match envs.len() {
                0 => "the design has no environment".to_string(),
                _ => format!("the design has several ({})", envs.join(", ")),
            };
            out.report(r, "", format!("{} '{}' has no environment: {why}", r.kind_str(), r.name()))
                .severity(Severity::Warning)
                .hint("assign it to an environment (it is created under /environments/{env}/…); until then environment rules cannot check it");
        }
        for (r, d) in dangling(cx, &[EdgeKind::Environment]) {
            if r.form != Form::CmfRest {
                continue;
            }
            report_missing(
                cx,
                out,
                r,
                d,
                Missing {
                    what: "environment",
                    scope: "",
                    hint: "create the environment or assign an existing one",
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const POOL: &str =
        "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\n";

    #[test]
    fn asks_to_assign_when_environments_are_ambiguous() {
        let envs =
            "name: env-a\nkubernetesNamespace: a\n---\nname: env-b\nkubernetesNamespace: b\n---\n";
        let f = check(&EnvironmentRef, &format!("{envs}{POOL}"));
        assert_eq!(pointers(&f), [("".into(), Severity::Warning)]);
        assert!(f[0].message.contains("env-a, env-b"));
        assert_eq!(f[0].line, Some(7));
    }

    #[test]
    fn silent_with_the_single_environment() {
        let f =
            check(&EnvironmentRef, &format!("name: env-a\nkubernetesNamespace: a\n---\n{POOL}"));
        assert!(f.is_empty());
    }
}
