//! FKO-JAR-001 — application jar URIs should point into the image.
//!
//! What it checks: `job.jarURI` of a FlinkDeployment or CMF application without a URI
//! scheme (e.g. `flink-app/target/app.jar` or `/home/me/app.jar`).
//! Why: the operator does not validate it, but Flink resolves it at startup: a path from
//! the build host does not exist in the container. Native application mode expects
//! `local:///…` (a file inside the image) or a fetchable remote URI.
//! How to fix: copy the jar into the image and use `local:///opt/flink/usrlib/app.jar`.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct JarScheme;

/// The scheme of a URI (`local` in `local:///x`), if it has one.
pub fn scheme(uri: &str) -> Option<&str> {
    let (s, rest) = uri.split_once(':')?;
    let ok = !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (ok && rest.starts_with('/')).then_some(s)
}

impl Rule for JarScheme {
    fn id(&self) -> &'static str {
        "FKO-JAR-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "jarURI without a scheme; use local:///… pointing into the image"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| s.job_bearing()) {
            let Some(uri) = s.str(&["job", "jarURI"]) else { continue };
            if scheme(uri).is_none() {
                out.report(s.owner, &s.field(&["job", "jarURI"]), format!("jarURI '{uri}' has no scheme; Flink cannot find a build-host path in the container"))
                    .hint("put the jar into the image and use local:///opt/flink/usrlib/<jar>");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_bare_paths() {
        let fd = |u: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  job: {{jarURI: '{u}'}}\n"
            )
        };
        let f = check(&JarScheme, &fd("flink-app/target/app.jar"));
        assert_eq!(pointers(&f), [("/spec/job/jarURI".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(5));
        assert!(check(&JarScheme, &fd("local:///opt/flink/usrlib/app.jar")).is_empty());
        assert!(check(&JarScheme, &fd("s3://bucket/app.jar")).is_empty());
        assert_eq!(scheme("C:\\x.jar"), None);
    }
}
