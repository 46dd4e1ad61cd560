//! REF-ART-001 — a `cmf://` URI names an artifact of the design.
//!
//! What it checks: every well-formed `cmf://{environment}/{name}` in an application,
//! statement or compute pool names an `Artifact` of that environment (reference policy
//! `rules::missing`: a warning naming what must exist, an error for complete designs).
//! Why: CMF resolves the URI when it deploys the job; a missing artifact fails the
//! deployment (the application or statement never starts).
//! How to fix: add the Artifact (with its file) to the environment, upload it to CMF, or
//! fix the URI.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::rules::missing::{Missing, dangling, report_missing, scope_text};

/// See the module documentation.
pub struct ArtifactRef;

impl Rule for ArtifactRef {
    fn id(&self) -> &'static str {
        "REF-ART-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A cmf:// URI must name an artifact of its environment"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for (r, d) in dangling(cx, &[EdgeKind::Artifact]) {
            report_missing(
                cx,
                out,
                r,
                d,
                Missing {
                    what: "artifact",
                    scope: &scope_text(&d.reference),
                    hint: "add the Artifact with its file to the environment (apply uploads it) or fix the cmf:// URI",
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const ENV: &str = "name: dev\nkubernetesNamespace: flink\n---\n";
    const APP: &str = "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: app}\nspec:\n  job: {jarURI: 'cmf://dev/job.jar'}\n";

    #[test]
    fn an_artifact_not_in_the_input_must_exist() {
        let other = "apiVersion: cmf.confluent.io/v1\nkind: Artifact\nmetadata: {name: udf.jar}\nspec: {}\n---\n";
        let f = check(&ArtifactRef, &format!("{ENV}{other}{APP}"));
        assert_eq!(pointers(&f), [("/spec/job/jarURI".into(), Severity::Warning)]);
        assert!(
            f[0].message.contains("artifact 'job.jar' in environment 'dev' is not in the input (the input has 'udf.jar')"),
            "{}",
            f[0].message
        );
        let f = check_complete(&ArtifactRef, &format!("{ENV}{other}{APP}"));
        assert_eq!(pointers(&f), [("/spec/job/jarURI".into(), Severity::Error)]);
    }

    #[test]
    fn silent_when_it_resolves() {
        let art = "apiVersion: cmf.confluent.io/v1\nkind: Artifact\nmetadata: {name: job.jar}\nspec: {}\n---\n";
        assert!(check(&ArtifactRef, &format!("{ENV}{art}{APP}")).is_empty());
    }
}
