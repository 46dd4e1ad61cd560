//! CRD-TYPE-002 — values must have the type the CRD declares.
//!
//! What it checks: every type mismatch against the FKO CRDs other than `resource.cpu`
//! (CRD-TYPE-001): integers such as `replicas`, `job.parallelism`, nonces and
//! `backoffLimit` written as strings or decimals, strings given as numbers, lists given as
//! maps, pod-template fields (e.g. `containerPort: "8081"`), int-or-string quantities.
//! Why: the API server rejects the resource (a warning in CMF / CFK specs, which CMF turns
//! into a FlinkDeployment itself).
//! How to fix: write the value with the declared type (unquoted integers, quoted strings).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schema::IssueKind;

use super::shared::{certainty, ends_with, issues, show};

/// See the module documentation.
pub struct ValueType;

impl Rule for ValueType {
    fn id(&self) -> &'static str {
        "CRD-TYPE-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Values must have the CRD type (integers for replicas, parallelism, nonces, backoffLimit, …)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for f in issues(cx) {
            let IssueKind::Type { expected } = f.issue.kind else { continue };
            if ends_with(&f.issue.pointer, &["resource", "cpu"]) {
                continue;
            }
            let article = if expected.starts_with(['a', 'i', 'o']) { "an" } else { "a" };
            let (severity, why) = certainty(f.owner);
            out.report(
                f.owner,
                &f.issue.pointer,
                format!("Must be {article} {expected}, not {}{why}", show(&f.issue.value)),
            )
            .severity(severity)
            .hint(match expected {
                "integer" => "write a whole number without quotes",
                "string" => "quote the value",
                _ => "write the value with the type the CRD declares",
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_quoted_integers() {
        let f = check(
            &ValueType,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  job: {parallelism: '2', savepointTriggerNonce: 1}\n  taskManager: {replicas: 1.5, resource: {cpu: '1'}}\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/job/parallelism".into(), Severity::Error),
                ("/spec/taskManager/replicas".into(), Severity::Error)
            ]
        );
        assert_eq!(f[0].message, "Must be an integer, not \"2\"");
        assert_eq!(f[0].line, Some(5));
    }
}
