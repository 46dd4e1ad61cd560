//! CMF-ART-005 — an artifact says which file it stands for.
//!
//! What it checks: an `Artifact` with neither a file (`studio.flinkstudio.dev/artifact-file`)
//! nor attached content.
//! Why: plan and apply upload the file; without one they leave the artifact alone, so it
//! must already exist in CMF.
//! How to fix: pick the file in the inspector (or set the annotation to its path relative
//! to the design file), or leave it if CMF already has the artifact.

use crate::core::finding::Severity;
use crate::core::model::{Kind, artifact};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ArtifactFile;

impl Rule for ArtifactFile {
    fn id(&self) -> &'static str {
        "CMF-ART-005"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "An artifact without a file is not uploaded by plan/apply"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Artifact) {
            if artifact::file(r).is_none() && artifact::content(r).is_none() {
                out.report(
                    r,
                    "/metadata",
                    format!("artifact '{}' names no file: apply will not upload it, so it must already exist in CMF", r.name()),
                )
                .hint(format!("pick its file, or set annotation {} to the file's path", artifact::FILE));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_a_file() {
        let a = "apiVersion: cmf.confluent.io/v1\nkind: Artifact\nmetadata: {name: job.jar}\nspec: {}\n";
        assert_eq!(pointers(&check(&ArtifactFile, a)), [("/metadata".into(), Severity::Info)]);
    }

    #[test]
    fn silent_with_a_file() {
        let a = "apiVersion: cmf.confluent.io/v1\nkind: Artifact\nmetadata: {name: job.jar, annotations: {studio.flinkstudio.dev/artifact-file: jars/job.jar}}\nspec: {}\n";
        assert!(check(&ArtifactFile, a).is_empty());
    }
}
