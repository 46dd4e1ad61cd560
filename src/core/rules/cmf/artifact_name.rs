//! CMF-ART-004 — artifact names follow CMF's rules.
//!
//! What it checks: an `Artifact`'s `metadata.name` is lowercase letters, digits and '-',
//! starts with a letter, ends with a letter or digit, has at most one extension
//! (`.jar`) and at most 45 characters; an artifact a SQL statement loads with
//! `USING JAR` ends in `.jar`.
//! Why: CMF rejects other names (`ArtifactMetadata.name` pattern and `maxLength`, CMF 2.4
//! OpenAPI), and "an Artifact referenced as a SQL UDF must be named with a `.jar`
//! extension".
//! How to fix: rename the artifact (and the URIs naming it).

use crate::core::finding::Severity;
use crate::core::model::{Kind, artifact};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ArtifactName;

impl Rule for ArtifactName {
    fn id(&self) -> &'static str {
        "CMF-ART-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Artifact names must match CMF's pattern; SQL loads only .jar artifacts"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            if r.kind == Kind::Artifact {
                if let Some(problem) = artifact::name_problem(r.name()) {
                    out.report(
                        r,
                        "/metadata/name",
                        format!("artifact name '{}': {problem}", r.name()),
                    )
                    .hint("e.g. 'orders-job.jar'");
                }
                continue;
            }
            if r.kind != Kind::Statement {
                continue;
            }
            for f in artifact::references_of(r) {
                let Ok(uri) = &f.uri else { continue };
                if !uri.name.ends_with(".jar") {
                    out.report(
                        r,
                        &f.pointer,
                        format!("SQL loads artifact '{}' with USING JAR, but its name has no .jar extension", uri.name),
                    )
                    .hint("name the artifact '<name>.jar' (CMF requires it for SQL UDFs and connectors)");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const ENV: &str = "name: dev\nkubernetesNamespace: flink\n---\n";

    #[test]
    fn fires_on_bad_names() {
        let a = "apiVersion: cmf.confluent.io/v1\nkind: Artifact\nmetadata: {name: Orders_Job.jar}\nspec: {}\n";
        let f = check(&ArtifactName, &format!("{ENV}{a}"));
        assert_eq!(pointers(&f), [("/metadata/name".into(), Severity::Error)]);
        let s = "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: st}\nspec:\n  statement: \"CREATE FUNCTION f AS 'F' USING JAR 'cmf://dev/udf'\"\n";
        let f = check(&ArtifactName, &format!("{ENV}{s}"));
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Error)]);
    }

    #[test]
    fn silent_on_good_names() {
        let a = "apiVersion: cmf.confluent.io/v1\nkind: Artifact\nmetadata: {name: orders-job.jar}\nspec: {}\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: st}\nspec:\n  statement: \"CREATE FUNCTION f AS 'F' USING JAR 'cmf://dev/udf.jar'\"\n";
        assert!(check(&ArtifactName, &format!("{ENV}{a}")).is_empty());
    }
}
