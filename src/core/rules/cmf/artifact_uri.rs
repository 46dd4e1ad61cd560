//! CMF-ART-001 — `cmf://` URIs are well formed.
//!
//! What it checks: every `cmf://` text in an application, statement or compute pool
//! reads `cmf://{environment}/{name}` with an optional `?version=N` (N ≥ 1).
//! Why: CMF resolves only that shape (CMF 2.4 "Manage Artifacts"); anything else cannot
//! be resolved and the job fails to deploy.
//! How to fix: write `cmf://<environment>/<artifact>` or `…?version=<n>`.

use crate::core::finding::Severity;
use crate::core::model::artifact;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ArtifactUri;

impl Rule for ArtifactUri {
    fn id(&self) -> &'static str {
        "CMF-ART-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "cmf:// URIs must read cmf://<environment>/<artifact>[?version=N]"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for found in artifact::references_of(r) {
                if let Err(e) = &found.uri {
                    out.report(r, &found.pointer, format!("'{}' is not an artifact reference: {e}", found.text))
                        .hint("write cmf://<environment>/<artifact> or cmf://<environment>/<artifact>?version=<n>");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn app(uri: &str) -> String {
        format!(
            "name: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {{name: app}}\nspec:\n  job: {{jarURI: '{uri}'}}\n"
        )
    }

    #[test]
    fn fires_on_a_malformed_uri() {
        let f = check(&ArtifactUri, &app("cmf://job.jar?version=latest"));
        assert_eq!(pointers(&f), [("/spec/job/jarURI".into(), Severity::Error)]);
        assert!(
            f[0].message.contains("expected cmf://<environment>/<artifact>"),
            "{}",
            f[0].message
        );
        let f = check(&ArtifactUri, &app("cmf://dev/job.jar?version=0"));
        assert!(f[0].message.contains("'?version=0' is not a version"), "{}", f[0].message);
    }

    #[test]
    fn silent_on_good_uris_and_other_schemes() {
        assert!(check(&ArtifactUri, &app("cmf://dev/job.jar?version=2")).is_empty());
        assert!(check(&ArtifactUri, &app("local:///opt/flink/job.jar")).is_empty());
    }
}
