//! FKO-JOB-001 — stateful upgrade modes need a checkpoint directory.
//!
//! What it checks: `job.upgradeMode` `savepoint` or `last-state` while the effective
//! configuration has no checkpoint directory (`execution.checkpointing.dir`, formerly
//! `state.checkpoints.dir`).
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: the operator's validator rejects it: state cannot be carried across upgrades.
//! How to fix: set the checkpoint directory (on durable storage) in `flinkConfiguration`
//! (or the environment defaults), or use `upgradeMode: stateless`.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::jobspec::{CHECKPOINT_DIR, Job, Problem, report_sites};

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
        report_sites(cx, out, problem);
    }
}

/// The problem of `job`: a stateful upgrade mode without a checkpoint directory.
pub fn problem<'c>(job: &Job<'c>) -> Option<Problem<'c>> {
    let mode = job.locate(&["job", "upgradeMode"])?;
    let m = mode.value.as_str().unwrap_or("");
    if !(m == "savepoint" || m == "last-state") || job.has(CHECKPOINT_DIR) {
        return None;
    }
    Some(job.lacking(
        (mode.resource, mode.pointer),
        format!("Checkpoint directory must be defined for upgradeMode {m}"),
        "set execution.checkpointing.dir (state.checkpoints.dir) in flinkConfiguration",
    ))
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

    fn operator(name: &str, watch: &str, defaults: &str) -> String {
        format!(
            "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {{name: {name}}}\n\
             spec: {{watchNamespaces: [{watch}], defaultConfiguration: {{{defaults}}}}}\n---\n"
        )
    }

    fn enum_name(major: u32, minor: u32) -> String {
        crate::core::flink::version::FlinkVersion::new(major, minor).enum_name()
    }

    fn in_team_b() -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\n\
             metadata: {{name: a, namespace: team-b}}\nspec:\n  flinkVersion: {}\n  job: {{upgradeMode: savepoint, parallelism: 1}}\n",
            enum_name(1, 20)
        )
    }

    #[test]
    fn the_operator_watching_the_namespace_supplies_its_defaults() {
        // Before: the first operator's defaults were read, whatever it watched.
        let dir = "state.checkpoints.dir: s3://b/cp";
        let second_has_it = format!(
            "{}{}{}",
            operator("a", "team-a", ""),
            operator("b", "team-b", dir),
            in_team_b()
        );
        assert!(check(&JobCheckpointDir, &second_has_it).is_empty());
        let first_has_it = format!(
            "{}{}{}",
            operator("a", "team-a", dir),
            operator("b", "team-b", ""),
            in_team_b()
        );
        assert_eq!(
            pointers(&check(&JobCheckpointDir, &first_has_it)),
            [("/spec/job/upgradeMode".into(), Severity::Error)]
        );
    }

    #[test]
    fn version_ranges_of_operator_defaults_apply_to_blue_green_templates() {
        // A `1.18+` range covers Flink 1.20. A blue/green template had no effective
        // configuration and read only exact `flink-version.<flinkVersion>.` keys of the first
        // operator.
        let key = format!(
            "kubernetes.operator.default-configuration.flink-version.{}+.execution.checkpointing.dir",
            enum_name(1, 18)
        );
        let bg = format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkBlueGreenDeployment\n\
             metadata: {{name: bg, namespace: team-b}}\nspec:\n  template:\n    spec:\n      \
             flinkVersion: {}\n      job: {{upgradeMode: last-state, parallelism: 1}}\n",
            enum_name(1, 20)
        );
        let y = format!("{}{bg}", operator("a", "", &format!("{key}: s3://b/cp")));
        assert!(check(&JobCheckpointDir, &y).is_empty());
        let newer = key.replace(&enum_name(1, 18), &enum_name(2, 0));
        let y = format!("{}{bg}", operator("a", "", &format!("{newer}: s3://b/cp")));
        assert_eq!(
            pointers(&check(&JobCheckpointDir, &y)),
            [("/spec/template/spec/job/upgradeMode".into(), Severity::Error)]
        );
    }

    #[test]
    fn an_environment_outside_the_design_may_supply_the_dir() {
        let app = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkApplication\n\
            metadata: {name: a, namespace: confluent}\nspec: {flinkEnvironment: prod, job: {upgradeMode: savepoint, parallelism: 1}}\n";
        let f = check(&JobCheckpointDir, app);
        assert_eq!(pointers(&f), [("/spec/job/upgradeMode".into(), Severity::Warning)]);
        assert!(f[0].message.starts_with("Checkpoint directory must be defined for upgradeMode savepoint: not set here, so it must come from the flinkApplicationDefaults of environment 'prod'"), "{}", f[0].message);
    }
}
