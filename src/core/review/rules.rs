//! Spec-change rules: the rows of domain.md §4.F and what the operator's reconcilers and
//! validator add, as findings with their own ids and the studio's severity policy
//! (error: the operator refuses it or CMF rejects it; warning: accepted but very likely
//! wrong, e.g. a running job loses its state; info: advice).
//!
//! They need a baseline, so they are not part of `rules::validate`: [`review`](super::review)
//! runs them on every verdict. The judges (`review::judge`) say *what happens* and why
//! (a [`Cause`]); each rule here only decides whether that is a finding, how severe, and
//! how to word it. One rule per file; [`RULES`] lists them.

mod cmf_deleted;
mod cmf_env_moved;
mod cmf_phase;
mod cmf_pool_no_update;
mod cmf_pool_running;
mod cmf_pool_type;
mod cmf_sql;
mod cmf_start_on_create;
mod cmf_state_dropped;
mod cmf_statement_pool;
mod fko_checkpoint_moved;
mod fko_cluster_jobs_together;
mod fko_cluster_type;
mod fko_deleted;
mod fko_deployment_mode;
mod fko_initial_path;
mod fko_major_version;
mod fko_mode_stateless;
mod fko_non_durable;
mod fko_nonce_path;
mod fko_session_cluster;
mod fko_session_jobs;
mod fko_stateless_restart;
mod fko_version_suspend;

use super::verdict::{Cause, Reason, Verdict};
use crate::core::finding::{Finding, Severity};
use crate::core::model::Resource;
use crate::core::targets::Targets;

/// What a change rule reads: the resource, one reason of its verdict, the verdict, and
/// the targets of the new design.
pub struct ChangeCx<'a> {
    /// The resource (the new design's; the baseline's when removed).
    pub resource: &'a Resource,
    /// The reason being judged.
    pub reason: &'a Reason,
    /// The whole verdict.
    pub verdict: &'a Verdict,
    /// What the new design targets.
    pub targets: &'a Targets,
}

impl ChangeCx<'_> {
    /// A finding of `rule` at the reason's pointer.
    pub fn finding(&self, rule: &dyn ChangeRule, message: String, hint: &str) -> Finding {
        let mut f = Finding::about(
            rule.id(),
            rule.severity(),
            self.resource,
            &self.reason.pointer,
            message,
        );
        f.hint(hint);
        f
    }

    /// The cause judged.
    pub fn cause(&self) -> &Cause {
        &self.reason.cause
    }
}

/// A spec-change rule.
pub trait ChangeRule: Sync {
    /// Stable id (`FKO-CHG-001`).
    fn id(&self) -> &'static str;
    /// Default severity.
    fn severity(&self) -> Severity;
    /// One-line description.
    fn summary(&self) -> &'static str;
    /// The finding for this reason, if the rule judges it.
    fn check(&self, cx: &ChangeCx<'_>) -> Option<Finding>;
}

/// Every spec-change rule, in catalog order.
pub static RULES: &[&dyn ChangeRule] = &[
    &fko_cluster_type::ClusterType,
    &fko_deployment_mode::DeploymentMode,
    &fko_nonce_path::NoncePath,
    &fko_version_suspend::VersionSuspend,
    &fko_session_cluster::SessionCluster,
    &fko_mode_stateless::ModeStateless,
    &fko_initial_path::InitialPath,
    &fko_stateless_restart::StatelessRestart,
    &fko_non_durable::NonDurable,
    &fko_major_version::MajorVersion,
    &fko_session_jobs::SessionJobs,
    &fko_cluster_jobs_together::ClusterJobsTogether,
    &fko_checkpoint_moved::CheckpointMoved,
    &fko_deleted::Deleted,
    &cmf_pool_type::PoolType,
    &cmf_sql::Sql,
    &cmf_pool_no_update::PoolNoUpdate,
    &cmf_pool_running::PoolRunning,
    &cmf_phase::Phase,
    &cmf_start_on_create::StartOnCreate,
    &cmf_env_moved::EnvMoved,
    &cmf_statement_pool::StatementPool,
    &cmf_state_dropped::StateDropped,
    &cmf_deleted::Deleted,
];

/// The findings of every rule on one verdict.
pub fn judge(resource: &Resource, verdict: &Verdict, targets: &Targets) -> Vec<Finding> {
    let mut out = Vec::new();
    for reason in &verdict.reasons {
        let cx = ChangeCx { resource, reason, verdict, targets };
        out.extend(RULES.iter().filter_map(|r| r.check(&cx)));
    }
    out
}

#[cfg(test)]
pub(crate) mod testing {
    //! `review_of(before, after)` reviews two YAML texts; rule tests assert on the
    //! findings of one rule.

    use crate::core::design::Design;
    use crate::core::finding::Finding;
    use crate::core::import::import_text;
    use crate::core::review::{Baseline, Review, review};
    use crate::core::targets::Targets;

    /// A session cluster (checkpoints on S3, no HA) and one savepoint-mode session job on it.
    pub const SESSION_CLUSTER: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: s, namespace: f}\n\
        spec: {image: 'flink:1.20', flinkVersion: v1_20, serviceAccount: flink, flinkConfiguration: {execution.checkpointing.dir: 's3://b/cp'}, \
        jobManager: {resource: {memory: 1g, cpu: 1}}, taskManager: {resource: {memory: 2g, cpu: 1}}}\n---\n\
        apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {name: j, namespace: f}\n\
        spec: {deploymentName: s, job: {jarURI: 'https://x/a.jar', parallelism: 1, upgradeMode: savepoint}}\n";

    /// The review of `after` against the baseline `before` (default targets).
    pub fn review_of(before: &str, after: &str) -> Review {
        review_with(before, after, Targets::default())
    }

    /// The review with the given targets on both sides.
    pub fn review_with(before: &str, after: &str, targets: Targets) -> Review {
        let mut b = Baseline::new("baseline.yaml");
        b.add_text("baseline.yaml", before);
        b.finish(None, None);
        assert!(b.findings.is_empty(), "baseline does not import cleanly: {:?}", b.findings);
        let mut d = Design::new();
        let (_, problems) = import_text(&mut d, "new.yaml", after);
        assert!(problems.is_empty(), "new design does not import cleanly: {problems:?}");
        d.assign_scopes(None, None);
        review(&b, targets, &d, targets)
    }

    /// A FlinkDeployment `orders` in namespace `flink` with `spec` (a YAML flow mapping).
    pub fn deployment(spec: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: orders, namespace: flink}}\nspec: {spec}\n"
        )
    }

    /// A stateful application spec: checkpoints, savepoints and HA on S3, savepoint
    /// upgrades. Tests replace parts of it.
    pub const STATEFUL: &str = "{image: 'flink:1.20', flinkVersion: v1_20, serviceAccount: flink, \
        flinkConfiguration: {execution.checkpointing.dir: 's3://b/cp', execution.checkpointing.savepoint-dir: 's3://b/sp', \
        execution.checkpointing.interval: 10s, high-availability.type: kubernetes, high-availability.storageDir: 's3://b/ha'}, \
        jobManager: {resource: {memory: 1g, cpu: 1}}, taskManager: {resource: {memory: 2g, cpu: 1}}, \
        job: {jarURI: 'local:///opt/a.jar', parallelism: 2, upgradeMode: savepoint}}";

    /// A CMF environment `prod` (namespace `apps`), a DEDICATED pool with checkpoint and
    /// savepoint directories, and a statement `orders` on it.
    pub const CMF_SQL: &str = "{name: prod, kubernetesNamespace: apps}\n---\n\
        {apiVersion: cmf.confluent.io/v1, kind: ComputePool, metadata: {name: pool}, spec: {type: DEDICATED, clusterSpec: \
        {flinkVersion: v1_19, image: 'confluentinc/cp-flink-sql:1.19-cp8', flinkConfiguration: \
        {execution.checkpointing.dir: 's3://b/cp', execution.checkpointing.savepoint-dir: 's3://b/sp'}, \
        jobManager: {resource: {memory: 1g, cpu: 1}}, taskManager: {resource: {memory: 2g, cpu: 1}}}}}\n---\n\
        {apiVersion: cmf.confluent.io/v1, kind: Statement, metadata: {name: orders}, \
        spec: {computePoolName: pool, statement: 'INSERT INTO a SELECT * FROM b', parallelism: 1}}";

    /// The findings of `rule` in a review.
    pub fn of_rule<'r>(review: &'r Review, rule: &str) -> Vec<&'r Finding> {
        review.findings.iter().filter(|f| f.rule == rule).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_documented_and_apart_from_the_validation_rules() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        for r in RULES {
            assert!(!r.summary().is_empty(), "{}", r.id());
            assert!(r.id().contains("-CHG-"), "{}", r.id());
            assert!(
                crate::core::rules::rule(r.id()).is_none(),
                "{} is also a validation rule",
                r.id()
            );
        }
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids");
    }
}
