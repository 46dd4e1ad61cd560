//! CMF-ART-002 — an artifact reference stays in its own environment.
//!
//! What it checks: a `cmf://{environment}/…` URI whose environment is not the one the
//! referencing application, statement or compute pool lives in.
//! Why: artifacts are scoped to an environment and access to them is granted per
//! environment (CMF "Manage Artifacts": RBAC per environment); a job of one environment
//! reading another's artifact is very likely a copy-paste slip and breaks when the
//! environments' permissions differ.
//! How to fix: upload the artifact to the job's own environment and point the URI there.

use crate::core::finding::Severity;
use crate::core::model::artifact;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ArtifactEnvironment;

impl Rule for ArtifactEnvironment {
    fn id(&self) -> &'static str {
        "CMF-ART-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A cmf:// URI names an artifact of another environment"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            let Some(own) = r.environment() else { continue };
            for found in artifact::references_of(r) {
                let Ok(uri) = &found.uri else { continue };
                if uri.environment != own {
                    out.report(
                        r,
                        &found.pointer,
                        format!(
                            "'{}' names artifact '{}' of environment '{}', but {} '{}' runs in environment '{own}'",
                            found.text,
                            uri.name,
                            uri.environment,
                            r.kind_str(),
                            r.name()
                        ),
                    )
                    .hint(format!("upload the artifact to '{own}' and use cmf://{own}/{}", uri.name));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn stmt(uri: &str) -> String {
        format!(
            "name: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: st}}\nspec:\n  computePoolName: pool\n  statement: \"CREATE FUNCTION f AS 'x.F' USING JAR '{uri}'\"\n"
        )
    }

    #[test]
    fn fires_across_environments() {
        let f = check(&ArtifactEnvironment, &stmt("cmf://prod/udf.jar"));
        assert_eq!(pointers(&f), [("/spec/statement".into(), Severity::Warning)]);
        assert!(
            f[0].message
                .contains("of environment 'prod', but Statement 'st' runs in environment 'dev'"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn silent_in_the_same_environment() {
        assert!(check(&ArtifactEnvironment, &stmt("cmf://dev/udf.jar")).is_empty());
    }
}
