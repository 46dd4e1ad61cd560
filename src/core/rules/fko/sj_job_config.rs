//! FKO-SJ-005 — the session job's job spec against the merged configuration.
//!
//! What it checks: the job checks of FKO-JOB-001..005 and FKO-JOB-007 on a FlinkSessionJob,
//! with the configuration the validator builds: session job overrides → session cluster
//! `flinkConfiguration` → operator defaults (stateful upgrade modes need checkpoint and
//! savepoint directories; savepoint triggers need a savepoint directory; parallelism ≥ 1).
//! Why: the operator's validator rejects the session job (FKO 1.8+ includes the overrides).
//! How to fix: set the directories on the session cluster (or the job), and a parallelism.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use super::jobspec::{Job, Problem, report, session_job};
use super::{
    job_checkpoint_dir, job_max_checkpoint_age, job_parallelism, job_periodic_savepoint,
    job_savepoint_dir, job_trigger_nonce,
};

/// The job checks, in catalog order.
type Check = for<'c> fn(&Job<'c>) -> Option<Problem<'c>>;
const CHECKS: [Check; 6] = [
    job_checkpoint_dir::problem,
    job_savepoint_dir::problem,
    job_trigger_nonce::problem,
    job_periodic_savepoint::problem,
    job_max_checkpoint_age::problem,
    job_parallelism::problem,
];

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
        for r in cx.of_kind(Kind::FlinkSessionJob).filter(|r| r.spec_get(&["job"]).is_some()) {
            let job = session_job(cx, r);
            for p in CHECKS.iter().filter_map(|check| check(&job)) {
                report(cx, out, &p);
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
