//! CRD-PRUNE-001 — fields the CRD does not know.
//!
//! What it checks: fields of FKO CRs (and of CMF specs that become FlinkDeployments) that
//! are not in the CRD schema, e.g. `job.jarFile`, `job.className`, `job.restartNonce`, or
//! `cpu`/`memory` directly under `jobManager`; with a did-you-mean suggestion.
//! Why: with strict server-side field validation (recent kubectl's default) the apply
//! fails; otherwise the API server prunes the field silently. Either way the setting is lost.
//! In CMF / CFK specs it is a warning: CMF builds the FlinkDeployment itself, and its
//! client does not ask for strict validation, so the field is dropped, not rejected.
//! How to fix: move or rename the field as suggested.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schema::IssueKind;

use super::shared::{certainty, issues};

/// See the module documentation.
pub struct UnknownField;

impl Rule for UnknownField {
    fn id(&self) -> &'static str {
        "CRD-PRUNE-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Field unknown to the CRD schema (rejected or pruned by the API server)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for f in issues(cx) {
            let IssueKind::Unknown { suggestion } = &f.issue.kind else { continue };
            let field = f
                .issue
                .pointer
                .rsplit('/')
                .next()
                .unwrap_or("")
                .replace("~1", "/")
                .replace("~0", "~");
            let suggestion = suggestion.as_ref().map(|s| match s.strip_prefix("../") {
                Some(up) => {
                    let tokens: Vec<&str> = f.issue.pointer.split('/').skip(1).collect();
                    let parent = &tokens[..tokens.len().saturating_sub(2)];
                    parent.iter().chain(std::iter::once(&up)).copied().collect::<Vec<_>>().join(".")
                }
                None => s.clone(),
            });
            let (severity, why) = certainty(f.owner);
            let message = match &suggestion {
                Some(s) => format!("Unknown field {field}; did you mean {s}?{why}"),
                None => format!("Unknown field {field}{why}"),
            };
            out.report(f.owner, &f.issue.pointer, message).severity(severity).hint(match suggestion {
                Some(s) => format!("rename or move it to {s}; the API server rejects or drops unknown fields"),
                None => "remove it or check the CRD reference; the API server rejects or drops unknown fields".into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_with_suggestions() {
        let f = check(
            &UnknownField,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  jobManager:\n    resource:\n    cpu: 1\n  job: {jarFile: a.jar, restartNonce: 1}\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/jobManager/cpu".into(), Severity::Error),
                ("/spec/job/jarFile".into(), Severity::Error),
                ("/spec/job/restartNonce".into(), Severity::Error)
            ]
        );
        assert_eq!(f[0].message, "Unknown field cpu; did you mean resource.cpu?");
        assert_eq!(f[0].line, Some(7));
        assert_eq!(f[2].message, "Unknown field restartNonce; did you mean spec.restartNonce?");
    }

    #[test]
    fn checks_fko_flink_applications_as_deployments() {
        let f = check(
            &UnknownField,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkApplication\nmetadata: {name: app}\nspec: {job: {className: a.B}}\n",
        );
        assert_eq!(f[0].message, "Unknown field className; did you mean entryClass?");
    }

    #[test]
    fn amazon_emr_fields_are_known_on_emr_deployments_only() {
        let spec = "jobManager: {highAvailabilityEnabled: true, storageDir: 's3://b/ha'}, executionRoleArn: arn, monitoringConfiguration: {s3MonitoringConfiguration: {logUri: 's3://b/logs'}}";
        let doc = |label: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{{label}{spec}}}\n"
            )
        };
        assert!(check(&UnknownField, &doc("emrReleaseLabel: emr-7.9.0-flink-latest, ")).is_empty());
        let apache = check(&UnknownField, &doc(""));
        assert_eq!(apache.len(), 4, "{apache:?}");
    }

    #[test]
    fn cfk_fields_of_applications_are_not_unknown() {
        let f = check(
            &UnknownField,
            "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkApplication\nmetadata: {name: app}\nspec: {flinkEnvironment: env, cmfRestClassRef: {name: default}, image: x}\n",
        );
        assert!(f.is_empty());
    }
}
