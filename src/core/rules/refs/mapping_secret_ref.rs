//! REF-SEC-001 — a secret mapping's secret exists.
//!
//! What it checks: EnvironmentSecretMapping `spec.secretName` (CFK: `spec.secretRef.name`
//! → FlinkSecret) names a CMF secret of the design. Reference policy `rules::missing`: a
//! warning naming what must exist, an error for complete designs.
//! Why: CMF answers 404 when the mapping is created, or the catalog sees no credentials.
//! How to fix: create the secret (CMF `Secret` / CFK `FlinkSecret`) or fix the name.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::rules::missing::{Missing, dangling, report_missing};

/// See the module documentation.
pub struct MappingSecretRef;

impl Rule for MappingSecretRef {
    fn id(&self) -> &'static str {
        "REF-SEC-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "The secret named by a secret mapping must exist"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for (r, d) in dangling(cx, &[EdgeKind::CmfSecret]) {
            report_missing(
                cx,
                out,
                r,
                d,
                Missing {
                    what: "secret",
                    scope: "",
                    hint: "create the CMF Secret (CFK: FlinkSecret) or fix the name",
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const MAP: &str = "apiVersion: cmf.confluent.io/v1\nkind: EnvironmentSecretMapping\nmetadata: {name: kafka-id}\nspec:\n  secretName: kafka-secret\n";

    #[test]
    fn other_secrets_in_the_input_do_not_make_it_an_error() {
        let sec =
            "---\napiVersion: cmf.confluent.io/v1\nkind: Secret\nmetadata: {name: other-secret}\n";
        let f = check(&MappingSecretRef, &format!("{MAP}{sec}"));
        assert_eq!(pointers(&f), [("/spec/secretName".into(), Severity::Warning)]);
        assert!(f[0].message.ends_with("it must already exist in CMF"), "{}", f[0].message);
        assert_eq!(f[0].line, Some(5));
        let f = check_complete(&MappingSecretRef, &format!("{MAP}{sec}"));
        assert_eq!(pointers(&f), [("/spec/secretName".into(), Severity::Error)]);
    }

    #[test]
    fn silent_when_resolved() {
        let sec =
            "---\napiVersion: cmf.confluent.io/v1\nkind: Secret\nmetadata: {name: kafka-secret}\n";
        assert!(check(&MappingSecretRef, &format!("{MAP}{sec}")).is_empty());
    }
}
