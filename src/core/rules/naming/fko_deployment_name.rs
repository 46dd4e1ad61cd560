//! NAME-FKO-001 — FlinkDeployment names and session-job `deploymentName`s.
//!
//! What it checks: `metadata.name` of a FlinkDeployment and `spec.deploymentName` of a
//! FlinkSessionJob match `[a-z]([-a-z0-9]{0,43}[a-z0-9])?`.
//! Why: the operator's DefaultValidator rejects other names (they become Kubernetes
//! service and deployment names; dots and more than 45 characters break them).
//! How to fix: use at most 45 lowercase letters, digits and hyphens, starting with a
//! letter and ending with a letter or digit.

use crate::core::finding::Severity;
use crate::core::flink::names::is_deployment_name;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct FkoDeploymentName;

impl Rule for FkoDeploymentName {
    fn id(&self) -> &'static str {
        "NAME-FKO-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "FlinkDeployment names (and session-job deploymentName) must be ≤45 chars of [a-z0-9-], starting with a letter"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let hint = "use at most 45 lowercase letters, digits and '-', starting with a letter";
        for r in cx.of_kind(Kind::FlinkDeployment) {
            if !is_deployment_name(r.name()) {
                out.report(
                    r,
                    "/metadata/name",
                    format!("'{}' is not a valid FlinkDeployment name", r.name()),
                )
                .hint(hint);
            }
        }
        for r in cx.of_kind(Kind::FlinkSessionJob) {
            if let Some(d) = r.spec_str(&["deploymentName"])
                && !is_deployment_name(d)
            {
                out.report(
                    r,
                    "/spec/deploymentName",
                    format!("deploymentName '{d}' is not a valid FlinkDeployment name"),
                )
                .hint(hint);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_dots_and_length() {
        let f = check(
            &FkoDeploymentName,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\n\
             metadata: {name: session-cluster-1.13}\n---\n\
             apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\n\
             metadata: {name: j}\nspec: {deploymentName: Bad}\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/metadata/name".into(), Severity::Error),
                ("/spec/deploymentName".into(), Severity::Error)
            ]
        );
        assert_eq!(f[0].line, Some(3));
    }

    #[test]
    fn silent_on_valid_names() {
        let f = check(
            &FkoDeploymentName,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: basic-example}\n",
        );
        assert!(f.is_empty());
        assert!(!is_deployment_name(&"a".repeat(46)));
        assert!(is_deployment_name(&"a".repeat(45)));
    }
}
