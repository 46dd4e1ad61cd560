//! CMF-ART-003 — a pinned artifact version exists.
//!
//! What it checks: a `cmf://…?version=N` whose artifact is in the design but holds fewer
//! than N versions: the number its `studio.flinkstudio.dev/artifact-versions` annotation
//! declares, or 1 (what the first upload creates) when it declares none. Reference
//! policy `rules::missing`: a warning for open inputs (CMF may hold more versions than the
//! design knows), an error for complete designs.
//! Why: CMF numbers versions 1, 2, … per upload; a URI pinned to a version that does not
//! exist cannot be resolved and the job fails to deploy.
//! How to fix: pin an existing version, drop `?version=` to use the latest, or declare
//! the versions CMF holds on the artifact.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::artifact;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ArtifactVersion;

impl Rule for ArtifactVersion {
    fn id(&self) -> &'static str {
        "CMF-ART-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A cmf:// URI pins an artifact version the artifact does not have"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            let found = artifact::references_of(r);
            if found.is_empty() {
                continue;
            }
            let targets = cx.targets_of(r, EdgeKind::Artifact);
            for f in found {
                let Ok(uri) = &f.uri else { continue };
                let Some(pinned) = uri.version else { continue };
                let Some(a) = targets.iter().find(|a| {
                    a.name() == uri.name && a.environment() == Some(uri.environment.as_str())
                }) else {
                    continue;
                };
                let declared = artifact::versions(a);
                let holds = declared.unwrap_or(1);
                if pinned <= holds {
                    continue;
                }
                let what = match declared {
                    Some(n) => format!("declares {n} version{}", if n == 1 { "" } else { "s" }),
                    None => {
                        "declares no versions, so it holds version 1 after its first upload".into()
                    }
                };
                let severity =
                    if cx.targets.complete { Severity::Error } else { Severity::Warning };
                out.report(
                    r,
                    &f.pointer,
                    format!("'{}' pins version {pinned}, but artifact '{}' {what}", f.text, uri.name),
                )
                .severity(severity)
                .hint(format!(
                    "pin a version from 1 to {holds}, drop ?version= to use the latest, or set annotation {} on the artifact",
                    artifact::VERSIONS
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    fn design(versions: Option<u32>, uri: &str) -> String {
        let ann = versions
            .map(|n| format!(", annotations: {{studio.flinkstudio.dev/artifact-versions: '{n}'}}"))
            .unwrap_or_default();
        format!(
            "name: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: Artifact\nmetadata: {{name: job.jar{ann}}}\nspec: {{}}\n---\napiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {{name: app}}\nspec:\n  job: {{jarURI: '{uri}'}}\n"
        )
    }

    #[test]
    fn fires_on_a_version_the_artifact_lacks() {
        let f = check(&ArtifactVersion, &design(Some(2), "cmf://dev/job.jar?version=3"));
        assert_eq!(pointers(&f), [("/spec/job/jarURI".into(), Severity::Warning)]);
        assert!(
            f[0].message.contains("pins version 3, but artifact 'job.jar' declares 2 versions"),
            "{}",
            f[0].message
        );
        let f = check_complete(&ArtifactVersion, &design(None, "cmf://dev/job.jar?version=2"));
        assert_eq!(pointers(&f), [("/spec/job/jarURI".into(), Severity::Error)]);
    }

    #[test]
    fn silent_on_existing_or_unpinned_versions() {
        assert!(
            check(&ArtifactVersion, &design(Some(3), "cmf://dev/job.jar?version=3")).is_empty()
        );
        assert!(check(&ArtifactVersion, &design(None, "cmf://dev/job.jar?version=1")).is_empty());
        assert!(check(&ArtifactVersion, &design(None, "cmf://dev/job.jar")).is_empty());
    }
}
