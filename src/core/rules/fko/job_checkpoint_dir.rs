//! FKO-JOB-001 — stateful upgrade modes need a checkpoint directory.
//!
//! What it checks: `job.upgradeMode` `savepoint` or `last-state` while the effective
//! configuration has no checkpoint directory (`execution.checkpointing.dir`, formerly
//! `state.checkpoints.dir`).
//! Why: the operator's validator rejects it: state cannot be carried across upgrades.
//! How to fix: set the checkpoint directory (on durable storage) in `flinkConfiguration`
//! (or the environment defaults), or use `upgradeMode: stateless`.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::jobspec::{Check, report};

/// See the module documentation.
pub struct JobCheckpointDir;

impl Rule for JobCheckpointDir {
    fn id(&self) -> &'static str {
        "FKO-JOB-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Checkpoint directory must be defined for last-state and savepoint upgrade modes"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        report(cx, out, Check::CheckpointDir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const FD: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  job: {upgradeMode: last-state, parallelism: 1}\n";

    #[test]
    fn fires_without_a_checkpoint_dir() {
        let f = check(&JobCheckpointDir, FD);
        assert_eq!(pointers(&f), [("/spec/job/upgradeMode".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
        let ok = FD.replace(
            "spec:\n",
            "spec:\n  flinkConfiguration: {state.checkpoints.dir: \"s3://b/cp\"}\n",
        );
        assert!(check(&JobCheckpointDir, &ok).is_empty());
    }

    #[test]
    fn environment_defaults_provide_the_dir_for_applications() {
        let y = "{name: dev, kubernetesNamespace: dev, flinkApplicationDefaults: {spec: {flinkConfiguration: {execution.checkpointing.dir: \"s3://b/cp\"}}}}\n---\n\
                 {apiVersion: cmf.confluent.io/v1, kind: FlinkApplication, metadata: {name: app1}, spec: {job: {upgradeMode: savepoint}}}\n";
        assert!(check(&JobCheckpointDir, y).is_empty());
    }
}
