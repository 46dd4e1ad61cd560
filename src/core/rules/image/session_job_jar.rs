//! IMG-004 — a session job's jar built for another Flink version than its cluster.
//!
//! What it checks: a FlinkSessionJob whose `job.jarURI` names a Flink artifact with a version
//! (`flink-examples-streaming_2.12-1.19.2-….jar`, `flink-sql-connector-kafka-3.2.0-1.18.jar`)
//! that differs from the session cluster's `flinkVersion` (or image tag).
//! Why: Flink's APIs and connectors are not binary compatible across minor versions; the job
//! may fail at submission or at run time with linkage errors.
//! How to fix: use the artifact built for the cluster's Flink version.

use crate::core::finding::Severity;
use crate::core::flink::image;
use crate::core::flink::version::FlinkVersion;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SessionJobJar;

impl Rule for SessionJobJar {
    fn id(&self) -> &'static str {
        "IMG-004"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "A session job's Flink artifact should match the session cluster's Flink version"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for job in cx.subjects_of_kind(Kind::FlinkSessionJob) {
            let Some(jar) = job.spec_str(&["job", "jarURI"]) else { continue };
            let Some(built) = image::artifact_flink_version(jar) else { continue };
            for cluster in cx.targets_of(job, EdgeKind::SessionCluster) {
                let runs = cluster
                    .spec_str(&["flinkVersion"])
                    .and_then(|v| FlinkVersion::parse_enum(v.trim()))
                    .or_else(|| cluster.spec_str(&["image"]).and_then(image::flink_version));
                if let Some(runs) = runs.filter(|v| *v != built) {
                    out.report(
                        job,
                        &job.spec_field(&["job", "jarURI"]),
                        format!(
                            "job built for Flink {built}, session cluster '{}' runs {runs}",
                            cluster.name(),
                        ),
                    )
                    .hint(format!("use the artifact built for Flink {runs}"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn design(cluster: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: s}}\nspec: {{image: 'flink:{cluster}', flinkVersion: v{}}}\n---\n\
             apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {{name: j}}\nspec:\n  deploymentName: s\n  job:\n    \
             jarURI: https://repo/flink-examples-streaming_2.12-1.19.2-TopSpeedWindowing.jar\n",
            cluster.replace('.', "_")
        )
    }

    #[test]
    fn fires_on_an_older_jar() {
        let f = check(&SessionJobJar, &design("1.20"));
        assert_eq!(pointers(&f), [("/spec/job/jarURI".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(12));
        assert_eq!(f[0].message, "job built for Flink 1.19, session cluster 's' runs 1.20");
    }

    #[test]
    fn silent_when_versions_agree() {
        assert!(check(&SessionJobJar, &design("1.19")).is_empty());
    }
}
