//! CFG-CP-002 — checkpoint/savepoint directories on a stateless job.
//!
//! What it checks: FlinkDeployments, session jobs and CMF applications whose job uses
//! `upgradeMode: stateless` (explicitly or by default) while their effective
//! configuration sets a checkpoint or savepoint directory.
//! Why: a stateless upgrade starts from empty state, so the state the directories hold is
//! dropped on every upgrade — usually not what the directories were configured for.
//! How to fix: use `upgradeMode: savepoint` or `last-state`, or drop the directories.

use crate::core::config::Scope;
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct StatelessDirs;

impl Rule for StatelessDirs {
    fn id(&self) -> &'static str {
        "CFG-CP-002"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Checkpoint/savepoint directories set but upgradeMode is stateless"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let jobs = [Kind::FlinkDeployment, Kind::FlinkSessionJob, Kind::Application];
        for r in cx.subjects().filter(|r| jobs.contains(&r.kind) && r.spec_get(&["job"]).is_some())
        {
            let mode = r.spec_str(&["job", "upgradeMode"]).unwrap_or("stateless");
            let Some(c) = cx.config(r.id, Scope::Cluster) else { continue };
            let dirs = ["execution.checkpointing.dir", "execution.checkpointing.savepoint-dir"];
            let Some(dir) = dirs.iter().find_map(|k| c.get(k)) else { continue };
            if mode == "stateless" {
                let pointer = if r.spec_get(&["job", "upgradeMode"]).is_some() {
                    "/spec/job/upgradeMode"
                } else {
                    "/spec/job"
                };
                out.report(
                    r,
                    pointer,
                    format!(
                        "State is dropped on upgrades ({}={} but upgradeMode is stateless)",
                        dir.key, dir.value
                    ),
                )
                .hint("use upgradeMode savepoint or last-state to keep state across upgrades");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::flink::version::FlinkVersion;
    use crate::core::rules::testing::{check, pointers};

    /// A FlinkDeployment on Flink 1.20 (its CRD spelling from the version table).
    fn doc() -> String {
        let v = FlinkVersion::new(1, 20).enum_name();
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
                       spec:\n  flinkVersion: {v}\n  flinkConfiguration: {{state.checkpoints.dir: s3://b/c}}\n"
        )
    }

    #[test]
    fn fires_on_stateless_jobs_with_dirs() {
        let doc = doc();
        let f = check(&StatelessDirs, &format!("{doc}  job: {{upgradeMode: stateless}}\n"));
        assert_eq!(pointers(&f), [("/spec/job/upgradeMode".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(7));
        assert_eq!(
            pointers(&check(&StatelessDirs, &format!("{doc}  job: {{jarURI: x}}\n")))[0].0,
            "/spec/job"
        );
    }

    #[test]
    fn silent_on_stateful_modes_and_sessions() {
        let doc = doc();
        assert!(
            check(&StatelessDirs, &format!("{doc}  job: {{upgradeMode: savepoint}}\n")).is_empty()
        );
        assert!(check(&StatelessDirs, &doc).is_empty());
    }
}
