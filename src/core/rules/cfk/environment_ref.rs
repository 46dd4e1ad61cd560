//! CFK-REF-002 — CFK CRs name an existing Flink environment.
//!
//! What it checks: FlinkApplication, FlinkComputePool, FlinkStatement,
//! FlinkKafkaCatalog, FlinkKafkaDatabase and FlinkEnvironmentSecretMapping have
//! `spec.flinkEnvironment` (error when missing) naming an environment of the design
//! (FlinkEnvironment CR or CMF environment); a name not in the input follows the
//! reference policy (`rules::missing`: warning, error for complete designs).
//! Why: CFK creates the object under `/environments/{flinkEnvironment}` in CMF; an
//! unknown environment leaves the CR failing to sync.
//! How to fix: set `spec.flinkEnvironment` to the FlinkEnvironment's `metadata.name`.

use crate::core::finding::Severity;
use crate::core::graph::{EdgeKind, Reference};
use crate::core::hash::FastSet;
use crate::core::model::Kind;
use crate::core::rules::missing::{Missing, report_reference};
use crate::core::rules::{Context, Rule, Sink};

use super::shared::cfk_subjects;

/// See the module documentation.
pub struct EnvironmentRef;

const KINDS: &[Kind] = &[
    Kind::Application,
    Kind::ComputePool,
    Kind::Statement,
    Kind::KafkaCatalog,
    Kind::KafkaDatabase,
    Kind::SecretMapping,
];

impl Rule for EnvironmentRef {
    fn id(&self) -> &'static str {
        "CFK-REF-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "CFK CRs need spec.flinkEnvironment naming an existing environment"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let envs = cx.once(self.id(), || {
            cx.of_kind(Kind::Environment).map(|e| e.name().to_string()).collect::<FastSet<String>>()
        });
        for r in cfk_subjects(cx).filter(|r| KINDS.contains(&r.kind)) {
            let Some(env) = r.spec_str(&["flinkEnvironment"]) else {
                out.report(
                    r,
                    "/spec",
                    format!("{} '{}' has no spec.flinkEnvironment", r.kind_str(), r.name()),
                )
                .hint("add spec.flinkEnvironment: the name of its FlinkEnvironment");
                continue;
            };
            if envs.contains(env) {
                continue;
            }
            let reference = Reference {
                edge: EdgeKind::Environment,
                field: r.spec_field(&["flinkEnvironment"]),
                targets: &[Kind::Environment],
                name: env.to_string(),
                namespace: None,
                environment: None,
                catalog: None,
            };
            report_reference(
                cx,
                out,
                r,
                &reference,
                Missing {
                    what: "Flink environment",
                    scope: "",
                    hint: "set spec.flinkEnvironment to the FlinkEnvironment's metadata.name",
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const ENV: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkEnvironment\nmetadata: {name: env1}\nspec: {kubernetesNamespace: a}\n---\n";
    const STMT: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkStatement\nmetadata: {name: stmt1}\nspec:\n  flinkEnvironment: ";

    #[test]
    fn an_environment_not_in_the_input_must_exist_or_is_an_error_when_complete() {
        let f = check(&EnvironmentRef, &format!("{ENV}{STMT}env2\n"));
        assert_eq!(pointers(&f), [("/spec/flinkEnvironment".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(10));
        assert!(f[0].message.contains("'env2' is not in the input (the input has 'env1')"));
        let f = check_complete(&EnvironmentRef, &format!("{ENV}{STMT}env2\n"));
        assert_eq!(pointers(&f), [("/spec/flinkEnvironment".into(), Severity::Error)]);
    }

    #[test]
    fn silent_when_known() {
        assert!(check(&EnvironmentRef, &format!("{ENV}{STMT}env1\n")).is_empty());
    }
}
