//! What the Flink Kubernetes Operator makes of a spec change: its `ReflectiveDiffBuilder`
//! and the `@SpecDiff` annotations of the spec classes, as data.
//!
//! Every changed field gets a [`DiffType`]; the change as a whole is the largest of them
//! (`DiffType.from`). The table (FKO `main`, the same since 1.8 apart from the
//! blue/green kinds):
//!
//! | field | type |
//! |---|---|
//! | `restartNonce` | UPGRADE (a removed nonce is ignored) |
//! | `flinkConfiguration` keys `job.autoscaler*`, `parallelism.default`, `kubernetes.operator*` | IGNORE |
//! | `flinkConfiguration` key `pipeline.jobvertex-parallelism-overrides` | SCALE (native mode), else UPGRADE |
//! | other `flinkConfiguration` keys | UPGRADE |
//! | `job.parallelism`, `taskManager.replicas` | SCALE (standalone mode), else UPGRADE |
//! | `job.upgradeMode`, `initialSavepointPath`, `allowNonRestoredState`, `savepointTriggerNonce`, `checkpointTriggerNonce`, `autoscalerResetNonce` | IGNORE |
//! | `job.savepointRedeployNonce` | SAVEPOINT_REDEPLOY (a removed nonce is ignored) |
//! | any other field (`image`, `flinkVersion`, `podTemplate`, `jobManager`, `job.jarURI`, `job.args`, `job.state`, `ingress`, `logConfiguration`, `serviceAccount`, `mode`, `deploymentName` …) | UPGRADE |
//!
//! `job` and `taskManager` are compared field by field only when both sides have them
//! (they are `Diffable`); `jobManager` is compared as a whole. Values are compared after
//! the operator's defaults are applied (`job.state: running`, `upgradeMode: stateless`,
//! `job.parallelism: 0`, `jobManager.replicas: 1`, `args: []`), and the configuration
//! after flattening nested maps, as `ConfigObjectNode.asFlatMap` does.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::core::config::flatten;
use crate::core::pointer;

/// The operator's classification of a change (`org.apache.flink…diff.DiffType`), in
/// increasing order of impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiffType {
    /// Recorded, nothing is restarted.
    Ignore,
    /// Can be applied by rescaling in place (falls back to an upgrade).
    Scale,
    /// Needs a job upgrade (suspend and restore by the upgrade mode).
    Upgrade,
    /// A full redeploy from `initialSavepointPath`.
    SavepointRedeploy,
}

impl DiffType {
    /// The operator's name (`SAVEPOINT_REDEPLOY`).
    pub fn operator_name(self) -> &'static str {
        match self {
            DiffType::Ignore => "IGNORE",
            DiffType::Scale => "SCALE",
            DiffType::Upgrade => "UPGRADE",
            DiffType::SavepointRedeploy => "SAVEPOINT_REDEPLOY",
        }
    }
}

/// The Kubernetes deployment mode of a Flink cluster (`spec.mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeployMode {
    /// `native` (the default): Flink asks Kubernetes for TaskManagers.
    Native,
    /// `standalone`: the operator creates a TaskManager Deployment.
    Standalone,
}

impl DeployMode {
    /// The mode of a spec (`native` when absent or unknown).
    pub fn of(spec: &Value) -> Self {
        match spec.get("mode").and_then(Value::as_str) {
            Some("standalone") => DeployMode::Standalone,
            _ => DeployMode::Native,
        }
    }

    /// The spelling of `spec.mode`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeployMode::Native => "native",
            DeployMode::Standalone => "standalone",
        }
    }
}

/// One changed field and what the operator makes of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldDiff {
    /// JSON Pointer below the spec (`/job/parallelism`, `/flinkConfiguration/a.b`).
    pub path: String,
    /// The value before (`None`: absent).
    pub before: Option<Value>,
    /// The value after (`None`: absent).
    pub after: Option<Value>,
    /// The operator's classification.
    #[serde(rename = "diffType")]
    pub diff_type: DiffType,
}

/// The classified differences between two FlinkDeployment (or FlinkSessionJob) specs.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SpecDiff {
    /// Every changed field.
    pub fields: Vec<FieldDiff>,
}

impl SpecDiff {
    /// The type of the whole change: the largest field type (`IGNORE` when nothing changed).
    pub fn diff_type(&self) -> DiffType {
        self.fields.iter().map(|f| f.diff_type).max().unwrap_or(DiffType::Ignore)
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The changed field at `path`, if any.
    pub fn field(&self, path: &str) -> Option<&FieldDiff> {
        self.fields.iter().find(|f| f.path == path)
    }

    /// True when some changed field lies at or below `path`.
    pub fn touches(&self, path: &str) -> bool {
        self.fields.iter().any(|f| f.path == path || f.path.starts_with(&format!("{path}/")))
    }

    /// The changed fields of type `t`.
    pub fn of_type(&self, t: DiffType) -> impl Iterator<Item = &FieldDiff> {
        self.fields.iter().filter(move |f| f.diff_type == t)
    }
}

/// Configuration key prefixes the operator ignores, and the one it scales in place.
const CONFIG_IGNORED: &[&str] = &["job.autoscaler", "parallelism.default", "kubernetes.operator"];
const CONFIG_SCALE_NATIVE: &str = "pipeline.jobvertex-parallelism-overrides";

/// Job fields the operator ignores.
const JOB_IGNORED: &[&str] = &[
    "savepointTriggerNonce",
    "initialSavepointPath",
    "checkpointTriggerNonce",
    "upgradeMode",
    "allowNonRestoredState",
    "autoscalerResetNonce",
];

fn config_type(key: &str, mode: DeployMode) -> DiffType {
    if CONFIG_IGNORED.iter().any(|p| key.starts_with(p)) {
        DiffType::Ignore
    } else if key.starts_with(CONFIG_SCALE_NATIVE) && mode == DeployMode::Native {
        DiffType::Scale
    } else {
        DiffType::Upgrade
    }
}

/// A spec with the operator's defaults applied where an absent field and its default
/// compare equal.
fn normalised(spec: &Value) -> Map<String, Value> {
    let mut out = spec.as_object().cloned().unwrap_or_default();
    out.retain(|_, v| !v.is_null());
    if let Some(job) = out.get_mut("job").and_then(Value::as_object_mut) {
        job.retain(|_, v| !v.is_null());
        for (k, d) in [
            ("state", json!("running")),
            ("upgradeMode", json!("stateless")),
            ("parallelism", json!(0)),
            ("args", json!([])),
        ] {
            job.entry(k).or_insert(d);
        }
    }
    if let Some(jm) = out.get_mut("jobManager").and_then(Value::as_object_mut) {
        jm.retain(|_, v| !v.is_null());
        jm.entry("replicas").or_insert(json!(1));
    }
    if let Some(tm) = out.get_mut("taskManager").and_then(Value::as_object_mut) {
        tm.retain(|_, v| !v.is_null());
    }
    out
}

fn same(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x.as_f64() == y.as_f64(),
        (Some(x), Some(y)) => x == y,
        (None, None) => true,
        _ => false,
    }
}

struct Builder {
    mode: DeployMode,
    fields: Vec<FieldDiff>,
}

impl Builder {
    fn push(&mut self, path: String, b: Option<&Value>, a: Option<&Value>, t: DiffType) {
        if !same(b, a) {
            self.fields.push(FieldDiff {
                path,
                before: b.cloned(),
                after: a.cloned(),
                diff_type: t,
            });
        }
    }

    /// A field annotated `onNullIgnore`: removing it is not a change.
    fn push_nullable(&mut self, path: String, b: Option<&Value>, a: Option<&Value>, t: DiffType) {
        if a.is_some() {
            self.push(path, b, a, t);
        }
    }

    fn config(&mut self, b: Option<&Value>, a: Option<&Value>) {
        let (b, a) = (b.map(flatten).unwrap_or_default(), a.map(flatten).unwrap_or_default());
        let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let (bv, av) = (b.get(key).map(|s| json!(s)), a.get(key).map(|s| json!(s)));
            let path = pointer::push("/flinkConfiguration", key);
            self.push(path, bv.as_ref(), av.as_ref(), config_type(key, self.mode));
        }
    }

    fn job(&mut self, b: &Map<String, Value>, a: &Map<String, Value>) {
        let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let path = pointer::push("/job", key);
            let (bv, av) = (b.get(key), a.get(key));
            match key.as_str() {
                "savepointRedeployNonce" => {
                    self.push_nullable(path, bv, av, DiffType::SavepointRedeploy)
                }
                "parallelism" => self.push(path, bv, av, self.scale_in_standalone()),
                k if JOB_IGNORED.contains(&k) => self.push(path, bv, av, DiffType::Ignore),
                _ => self.push(path, bv, av, DiffType::Upgrade),
            }
        }
    }

    fn task_manager(&mut self, b: &Map<String, Value>, a: &Map<String, Value>) {
        let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let t = if key == "replicas" { self.scale_in_standalone() } else { DiffType::Upgrade };
            self.push(pointer::push("/taskManager", key), b.get(key), a.get(key), t);
        }
    }

    fn scale_in_standalone(&self) -> DiffType {
        if self.mode == DeployMode::Standalone { DiffType::Scale } else { DiffType::Upgrade }
    }
}

/// Classifies the change from `before` to `after` (FlinkDeployment or FlinkSessionJob
/// specs, or a blue/green template's spec) as the operator does; `mode` is the deployment
/// mode the operator runs the resource in (the one it was deployed with).
pub fn spec_diff(before: &Value, after: &Value, mode: DeployMode) -> SpecDiff {
    let (b, a) = (normalised(before), normalised(after));
    let mut builder = Builder { mode, fields: Vec::new() };
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (bv, av) = (b.get(key), a.get(key));
        let path = pointer::push("", key);
        match (key.as_str(), bv.and_then(Value::as_object), av.and_then(Value::as_object)) {
            ("restartNonce", _, _) => builder.push_nullable(path, bv, av, DiffType::Upgrade),
            ("flinkConfiguration", _, _) => builder.config(bv, av),
            ("job", Some(bj), Some(aj)) => builder.job(bj, aj),
            ("taskManager", Some(bt), Some(at)) => builder.task_manager(bt, at),
            _ => builder.push(path, bv, av, DiffType::Upgrade),
        }
    }
    SpecDiff { fields: builder.fields }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(before: Value, after: Value) -> DiffType {
        spec_diff(&before, &after, DeployMode::Native).diff_type()
    }

    #[test]
    fn defaults_compare_equal_to_absent_fields() {
        let a = json!({"job": {"jarURI": "local:///a.jar"}, "jobManager": {"resource": {"memory": "1g"}}});
        let b = json!({"job": {"jarURI": "local:///a.jar", "state": "running", "upgradeMode": "stateless",
                               "args": []}, "jobManager": {"replicas": 1, "resource": {"memory": "1g"}}});
        assert!(spec_diff(&a, &b, DeployMode::Native).is_empty());
    }

    #[test]
    fn ignored_fields_restart_nothing() {
        let before = json!({"job": {"upgradeMode": "savepoint", "parallelism": 2},
                            "flinkConfiguration": {"job.autoscaler.enabled": "false"}});
        let after = json!({"job": {"upgradeMode": "stateless", "parallelism": 2,
                                   "initialSavepointPath": "s3://b/sp-1", "allowNonRestoredState": true},
                           "flinkConfiguration": {"job.autoscaler": {"enabled": true},
                                                  "kubernetes.operator.periodic.savepoint.interval": "1h"}});
        let d = spec_diff(&before, &after, DeployMode::Native);
        assert_eq!(d.diff_type(), DiffType::Ignore, "{d:?}");
        assert_eq!(d.fields.len(), 5, "{d:?}");
        assert!(d.field("/flinkConfiguration/job.autoscaler.enabled").is_some());
    }

    #[test]
    fn parallelism_scales_only_in_standalone_mode() {
        let (b, a) = (json!({"job": {"parallelism": 2}}), json!({"job": {"parallelism": 4}}));
        assert_eq!(kind(b.clone(), a.clone()), DiffType::Upgrade);
        assert_eq!(spec_diff(&b, &a, DeployMode::Standalone).diff_type(), DiffType::Scale);
        let (b, a) =
            (json!({"taskManager": {"replicas": 2}}), json!({"taskManager": {"replicas": 3}}));
        assert_eq!(spec_diff(&b, &a, DeployMode::Standalone).diff_type(), DiffType::Scale);
        let b = json!({"flinkConfiguration": {"pipeline.jobvertex-parallelism-overrides": "a:2"}});
        let a = json!({"flinkConfiguration": {"pipeline.jobvertex-parallelism-overrides": "a:4"}});
        assert_eq!(kind(b.clone(), a.clone()), DiffType::Scale);
        assert_eq!(spec_diff(&b, &a, DeployMode::Standalone).diff_type(), DiffType::Upgrade);
    }

    #[test]
    fn nonces_and_upgrades() {
        let b = json!({"job": {"savepointRedeployNonce": 1}});
        assert_eq!(
            kind(b.clone(), json!({"job": {"savepointRedeployNonce": 2}})),
            DiffType::SavepointRedeploy
        );
        assert_eq!(kind(b, json!({"job": {}})), DiffType::Ignore, "a removed nonce is ignored");
        assert_eq!(kind(json!({}), json!({"restartNonce": 3})), DiffType::Upgrade);
        assert_eq!(kind(json!({"restartNonce": 3}), json!({})), DiffType::Ignore);
        assert_eq!(
            kind(json!({"image": "flink:1.20"}), json!({"image": "flink:2.0"})),
            DiffType::Upgrade
        );
        assert_eq!(
            kind(json!({"job": {"state": "running"}}), json!({"job": {"state": "suspended"}})),
            DiffType::Upgrade
        );
        let nested = kind(
            json!({"flinkConfiguration": {"execution.checkpointing.interval": "10s"}}),
            json!({"flinkConfiguration": {"execution": {"checkpointing": {"interval": "10s"}}}}),
        );
        assert_eq!(nested, DiffType::Ignore, "nested and dotted keys are the same configuration");
    }

    #[test]
    fn a_job_added_or_removed_is_one_upgrade_field() {
        let d = spec_diff(&json!({}), &json!({"job": {"jarURI": "x"}}), DeployMode::Native);
        assert_eq!(d.fields.len(), 1);
        assert_eq!(d.fields[0].path, "/job");
        assert_eq!(d.diff_type(), DiffType::Upgrade);
    }
}
