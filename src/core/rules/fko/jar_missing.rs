//! FKO-JAR-002 — no jarURI: the jar must be on the image classpath.
//!
//! What it checks: an application-mode job without `job.jarURI` and without `entryClass`.
//! Why: since FLINK-29288 the operator accepts a job without jarURI when the jar is on the
//! image's classpath (`/opt/flink/usrlib`); without an entry class Flink must find a single
//! main class there.
//! How to fix: set `jarURI: local:///…` or make sure the image ships the job jar.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct JarMissing;

impl Rule for JarMissing {
    fn id(&self) -> &'static str {
        "FKO-JAR-002"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Without jarURI the job jar must be on the image classpath"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| s.complete() && s.job_bearing()) {
            if s.get(&["job"]).is_some()
                && s.merged(&["job", "jarURI"]).is_none()
                && s.merged(&["job", "entryClass"]).is_none()
            {
                out.report(
                    s.owner,
                    &s.field(&["job"]),
                    "No jarURI and no entryClass: the job jar must be on the image classpath",
                )
                .hint(
                    "set job.jarURI: local:///opt/flink/usrlib/<jar> or ship the jar in the image",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_jar_and_entry_class() {
        let fd = |j: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  job: {j}\n"
            )
        };
        assert_eq!(
            pointers(&check(&JarMissing, &fd("{parallelism: 1}"))),
            [("/spec/job".into(), Severity::Info)]
        );
        assert!(check(&JarMissing, &fd("{entryClass: a.B}")).is_empty());
        assert!(check(&JarMissing, "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: s}\nspec: {}\n").is_empty());
    }
}
