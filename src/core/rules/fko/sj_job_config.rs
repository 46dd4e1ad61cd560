//! FKO-SJ-005 — the session job's job spec against the merged configuration.
//!
//! What it checks: the job checks of FKO-JOB-001..005 and FKO-JOB-007 on a FlinkSessionJob,
//! with the configuration the validator builds: session job overrides → session cluster
//! `flinkConfiguration` → operator defaults (stateful upgrade modes need checkpoint and
//! savepoint directories; savepoint triggers need a savepoint directory; parallelism ≥ 1).
//! Why: the operator's validator rejects the session job (FKO 1.8+ includes the overrides).
//! How to fix: set the directories on the session cluster (or the job), and a parallelism.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::conf::session_jobs;
use super::jobspec::job_problems;

/// See the module documentation.
pub struct SjJobConfig;

impl Rule for SjJobConfig {
    fn id(&self) -> &'static str {
        "FKO-SJ-005"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Session job spec invalid against the merged session cluster configuration"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for j in session_jobs(cx).into_iter().filter(|j| j.owner.spec_get(&["job"]).is_some()) {
            let r = j.owner;
            let locate = |t: &[&str]| {
                r.spec_get(t).filter(|v| !v.is_null()).map(|v| (v, r, r.spec_field(t)))
            };
            for p in job_problems(&locate, (r, r.spec_field(&["job"])), false, &j.conf) {
                out.report(p.resource, &p.pointer, p.message).hint(p.hint);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn design(cluster_conf: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: s}}\nspec: {{flinkConfiguration: {{{cluster_conf}}}}}\n---\n\
                 apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {{name: j}}\n\
                 spec:\n  deploymentName: s\n  job: {{upgradeMode: savepoint, parallelism: 2}}\n"
        )
    }

    #[test]
    fn uses_the_session_cluster_configuration() {
        let f = check(&SjJobConfig, &design(""));
        assert_eq!(
            pointers(&f),
            [
                ("/spec/job/upgradeMode".into(), Severity::Error),
                ("/spec/job/upgradeMode".into(), Severity::Error)
            ]
        );
        assert_eq!(f[0].line, Some(11));
        assert!(
            check(&SjJobConfig, &design("state.checkpoints.dir: a, state.savepoints.dir: b"))
                .is_empty()
        );
    }
}
