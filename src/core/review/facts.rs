//! **The one place the review reads specs.** Everything the judges need about a job on
//! one side of the change — the spec the operator compares, the job block, the Flink
//! version, the configuration that decides upgrades (with who set it), the storage that
//! holds state, the cluster a session job runs on, the status a baseline carried — is read
//! here and nowhere else, so that moving to the facts layer (`core::cluster`) is one edit
//! of this file.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::conf::{Conf, keys};
use super::specdiff::DeployMode;
use super::status::Status;
use super::storage::{Durability, durability};
use crate::core::config::{Scope, effective_configs_of};
use crate::core::design::Design;
use crate::core::flink::version::FlinkVersion;
use crate::core::graph::{EdgeKind, Graph};
use crate::core::model::{Kind, Resource, ResourceId};
use crate::core::targets::Targets;

/// One design of the review (the baseline or the new one) with what the facts need.
pub struct Side<'d> {
    /// The design.
    pub design: &'d Design,
    /// Its reference graph.
    pub graph: Graph,
    /// What it targets.
    pub targets: Targets,
    status: Option<&'d BTreeMap<ResourceId, Value>>,
}

/// What a resource is, as far as upgrades go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A FlinkDeployment with a job (application cluster).
    ApplicationCluster,
    /// A FlinkDeployment without a job (session cluster).
    SessionCluster,
    /// A FlinkSessionJob.
    SessionJob,
    /// A FlinkBlueGreenDeployment.
    BlueGreen,
    /// A CMF / CFK FlinkApplication (CMF runs it as an application cluster).
    CmfApplication,
    /// A CMF compute pool.
    ComputePool,
    /// A CMF statement.
    Statement,
    /// A CMF environment.
    Environment,
}

/// The upgrade mode of a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpgradeMode {
    /// `stateless`.
    Stateless,
    /// `savepoint`.
    Savepoint,
    /// `last-state`.
    LastState,
}

impl UpgradeMode {
    /// The spelling in the spec.
    pub fn as_str(self) -> &'static str {
        match self {
            UpgradeMode::Stateless => "stateless",
            UpgradeMode::Savepoint => "savepoint",
            UpgradeMode::LastState => "last-state",
        }
    }

    fn parse(text: Option<&str>) -> Self {
        match text {
            Some("savepoint") => UpgradeMode::Savepoint,
            Some("last-state") => UpgradeMode::LastState,
            _ => UpgradeMode::Stateless,
        }
    }
}

/// The `job` block of a spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// `state: suspended`.
    pub suspended: bool,
    /// `upgradeMode` (default stateless).
    pub upgrade_mode: UpgradeMode,
    /// `savepointRedeployNonce`.
    pub redeploy_nonce: Option<i64>,
    /// `initialSavepointPath` (blank counts as unset).
    pub initial_savepoint: Option<String>,
}

/// A state directory and what holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StateDir {
    /// The option (`execution.checkpointing.dir`).
    pub key: &'static str,
    /// The URI.
    pub uri: String,
    /// What holds it.
    pub durability: Durability,
    /// Where it was set (resource kind/name and pointer), for evidence.
    pub set_at: Option<(crate::core::model::ResourceRef, String)>,
}

/// What the review knows about one job-bearing resource on one side.
pub struct Facts<'d> {
    /// The resource.
    pub resource: &'d Resource,
    /// What it is.
    pub shape: Shape,
    /// The spec the operator (or CMF) compares: a FlinkDeployment's or session job's
    /// `spec`, a blue/green template's `spec`, a CMF application's `spec` with its
    /// environment's `flinkApplicationDefaults.spec` merged in (the environment wins), a
    /// pool's or statement's `spec`, an environment's body.
    pub spec: Value,
    /// Pointer of `spec` in the resource's document (fields are reported below it).
    pub spec_pointer: String,
    /// The deployment mode.
    pub mode: DeployMode,
    /// The job block, for job-bearing kinds.
    pub job: Option<Job>,
    /// `flinkVersion`.
    pub flink_version: Option<FlinkVersion>,
    /// The configuration that decides upgrades.
    pub conf: Conf,
    /// Checkpoint directory.
    pub checkpoint_dir: Option<StateDir>,
    /// Savepoint directory.
    pub savepoint_dir: Option<StateDir>,
    /// The session cluster a session job runs on (its `deploymentName`).
    pub session_cluster: Option<String>,
    /// The CMF environment (CMF kinds).
    pub environment: Option<String>,
    /// The status the baseline carried.
    pub status: Status<'d>,
    /// The spec whose pods write the state (the session cluster's for a session job, the
    /// pool's `clusterSpec` for a statement): what local directories are mounted from.
    pub pods: Value,
}

impl<'d> Side<'d> {
    /// A side for `design` checked against `targets`; `status` is the baseline's.
    pub fn new(
        design: &'d Design,
        targets: Targets,
        status: Option<&'d BTreeMap<ResourceId, Value>>,
    ) -> Self {
        Self { design, graph: Graph::build(design), targets, status }
    }

    /// The resource `id`.
    pub fn get(&self, id: ResourceId) -> Option<&'d Resource> {
        self.design.get(id)
    }

    fn target(&self, r: &Resource, edge: EdgeKind) -> Option<&'d Resource> {
        self.graph.targets(r.id, edge).into_iter().find_map(|id| self.design.get(id))
    }

    fn sources(&self, r: &Resource, edge: EdgeKind) -> Vec<&'d Resource> {
        self.graph.sources(r.id, edge).into_iter().filter_map(|id| self.design.get(id)).collect()
    }

    /// The session jobs that run on a session cluster.
    pub fn session_jobs_of(&self, cluster: &Resource) -> Vec<&'d Resource> {
        self.sources(cluster, EdgeKind::SessionCluster)
    }

    /// The statements that use a compute pool.
    pub fn statements_on(&self, pool: &Resource) -> Vec<&'d Resource> {
        self.sources(pool, EdgeKind::ComputePool)
    }

    /// The applications, pools and statements of an environment.
    pub fn members_of(&self, environment: &Resource) -> Vec<&'d Resource> {
        self.sources(environment, EdgeKind::Environment)
    }

    /// The status the baseline carried for `r` (empty on the new side).
    pub fn status_of(&self, r: &Resource) -> Status<'d> {
        Status(self.status.and_then(|s| s.get(&r.id)))
    }

    /// The facts of `r`, when it is a kind whose changes the review judges.
    pub fn facts(&self, r: &'d Resource) -> Option<Facts<'d>> {
        let shape = match r.kind {
            Kind::FlinkDeployment if r.spec_get(&["job"]).is_some_and(|j| !j.is_null()) => {
                Shape::ApplicationCluster
            }
            Kind::FlinkDeployment => Shape::SessionCluster,
            Kind::FlinkSessionJob => Shape::SessionJob,
            Kind::FlinkBlueGreenDeployment => Shape::BlueGreen,
            Kind::Application => Shape::CmfApplication,
            Kind::ComputePool => Shape::ComputePool,
            Kind::Statement => Shape::Statement,
            Kind::Environment => Shape::Environment,
            _ => return None,
        };
        let env =
            r.is_environment_scoped().then(|| self.target(r, EdgeKind::Environment)).flatten();
        let (spec, spec_pointer) = match shape {
            Shape::BlueGreen => (
                r.spec_get(&["template", "spec"]).cloned().unwrap_or(Value::Null),
                r.spec_field(&["template", "spec"]),
            ),
            Shape::CmfApplication => {
                let own = r.spec().cloned().unwrap_or(Value::Null);
                let defaults = env.and_then(|e| e.spec_get(&["flinkApplicationDefaults", "spec"]));
                (defaults.map_or(own.clone(), |d| merged(&own, d)), r.spec_pointer().to_string())
            }
            _ => (r.spec().cloned().unwrap_or(Value::Null), r.spec_pointer().to_string()),
        };
        let conf = self.conf(r, shape, &spec);
        // The pods that write state: the session cluster's for a session job, the pool's
        // for a statement, the spec's own otherwise.
        let pods = match shape {
            Shape::SessionJob => {
                self.target(r, EdgeKind::SessionCluster).and_then(|c| c.spec().cloned())
            }
            Shape::Statement => self
                .target(r, EdgeKind::ComputePool)
                .and_then(|p| p.spec_get(&["clusterSpec"]).cloned()),
            Shape::ComputePool => spec.get("clusterSpec").cloned(),
            _ => Some(spec.clone()),
        }
        .unwrap_or(Value::Null);
        let dir = |key: &'static str| {
            let s = conf.setting(key).filter(|s| !s.value.trim().is_empty())?;
            Some(StateDir {
                key,
                durability: durability(&s.value, &pods),
                uri: s.value.trim().to_string(),
                set_at: s.resource.map(|r| (r, s.pointer)),
            })
        };
        let job_value = match shape {
            Shape::ApplicationCluster
            | Shape::SessionJob
            | Shape::BlueGreen
            | Shape::CmfApplication => spec.get("job").filter(|j| j.is_object()),
            _ => None,
        };
        let job = job_value.map(|j| Job {
            suspended: j.get("state").and_then(Value::as_str) == Some("suspended"),
            upgrade_mode: UpgradeMode::parse(j.get("upgradeMode").and_then(Value::as_str)),
            redeploy_nonce: j.get("savepointRedeployNonce").and_then(Value::as_i64),
            initial_savepoint: j
                .get("initialSavepointPath")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        });
        let version_text = match shape {
            Shape::ComputePool => spec.pointer("/clusterSpec/flinkVersion"),
            Shape::Statement => self
                .target(r, EdgeKind::ComputePool)
                .and_then(|p| p.spec_get(&["clusterSpec", "flinkVersion"])),
            Shape::SessionJob => {
                self.target(r, EdgeKind::SessionCluster).and_then(|c| c.spec_get(&["flinkVersion"]))
            }
            _ => spec.get("flinkVersion"),
        };
        Some(Facts {
            resource: r,
            shape,
            mode: DeployMode::of(&spec),
            job,
            flink_version: version_text.and_then(Value::as_str).and_then(FlinkVersion::parse),
            checkpoint_dir: dir(keys::CHECKPOINT_DIR),
            savepoint_dir: dir(keys::SAVEPOINT_DIR),
            session_cluster: (shape == Shape::SessionJob)
                .then(|| r.spec_str(&["deploymentName"]).map(str::to_string))
                .flatten(),
            environment: r.environment().map(str::to_string),
            status: self.status_of(r),
            pods,
            conf,
            spec,
            spec_pointer,
        })
    }

    fn conf(&self, r: &Resource, shape: Shape, spec: &Value) -> Conf {
        if shape == Shape::BlueGreen {
            let base = r.spec_field(&["template", "spec", "flinkConfiguration"]);
            return Conf::own(spec.get("flinkConfiguration"), r.reference(), &base);
        }
        let configs = effective_configs_of(self.design, &self.graph, &self.targets, &[r.id]);
        configs
            .into_iter()
            .find(|c| c.scope == Scope::Cluster)
            .map(Conf::effective)
            .unwrap_or_default()
    }
}

/// `own` with `defaults` merged in, the defaults winning (CMF's documented rule for
/// application defaults, domain.md §3.2).
fn merged(own: &Value, defaults: &Value) -> Value {
    match (own, defaults) {
        (Value::Object(o), Value::Object(d)) => {
            let mut out: Map<String, Value> = o.clone();
            for (k, v) in d {
                let m = out.get(k).map_or_else(|| v.clone(), |mine| merged(mine, v));
                out.insert(k.clone(), m);
            }
            Value::Object(out)
        }
        (_, d) if !d.is_null() => d.clone(),
        (o, _) => o.clone(),
    }
}

impl Facts<'_> {
    /// True when the job is meant to run (a job block that is not suspended; a statement
    /// that is not stopped).
    pub fn meant_to_run(&self) -> bool {
        match self.shape {
            Shape::Statement => self.spec.get("stopped").and_then(Value::as_bool) != Some(true),
            _ => self.job.as_ref().is_some_and(|j| !j.suspended),
        }
    }

    /// True when the job keeps state worth carrying: it checkpoints, or names a
    /// checkpoint directory.
    pub fn has_state(&self) -> bool {
        self.conf.checkpointing() || self.checkpoint_dir.is_some()
    }

    /// The upgrade mode (stateless when there is no job block).
    pub fn upgrade_mode(&self) -> UpgradeMode {
        self.job.as_ref().map_or(UpgradeMode::Stateless, |j| j.upgrade_mode)
    }

    /// What holds `uri` for this side's pods.
    pub fn durability_of(&self, uri: &str) -> Durability {
        durability(uri, &self.pods)
    }

    /// Pointer of a field of the spec.
    pub fn field(&self, tokens: &[&str]) -> String {
        tokens.iter().fold(self.spec_pointer.clone(), |acc, t| crate::core::pointer::push(&acc, t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::import_text;

    fn side_of(yaml: &str) -> Design {
        let mut d = Design::new();
        import_text(&mut d, "x.yaml", yaml);
        d.assign_scopes(None, None);
        d
    }

    #[test]
    fn applications_see_their_environment_defaults() {
        let d = side_of(
            "{name: prod, kubernetesNamespace: apps, flinkApplicationDefaults: {spec: {flinkConfiguration: \
             {execution.checkpointing.dir: 's3://b/cp', high-availability.type: kubernetes}, job: {upgradeMode: last-state}}}}\n---\n\
             {apiVersion: cmf.confluent.io/v1, kind: FlinkApplication, metadata: {name: orders}, \
              spec: {flinkVersion: v1_20, job: {jarURI: 'local:///a.jar', upgradeMode: savepoint}}}\n",
        );
        let side = Side::new(&d, Targets::default(), None);
        let f = side.facts(&d.resources[1]).unwrap();
        assert_eq!(f.shape, Shape::CmfApplication);
        assert_eq!(f.upgrade_mode(), UpgradeMode::LastState, "the environment wins");
        assert!(f.conf.ha());
        let cp = f.checkpoint_dir.unwrap();
        assert_eq!(cp.uri, "s3://b/cp");
        assert_eq!(cp.set_at.unwrap().0.name, "prod");
        assert_eq!(f.flink_version, Some(FlinkVersion::new(1, 20)));
    }

    #[test]
    fn session_jobs_read_their_cluster() {
        let d = side_of(
            "{apiVersion: flink.apache.org/v1beta1, kind: FlinkDeployment, metadata: {name: s, namespace: f}, \
              spec: {flinkVersion: v1_19, flinkConfiguration: {state.checkpoints.dir: 'file:///tmp/cp'}}}\n---\n\
             {apiVersion: flink.apache.org/v1beta1, kind: FlinkSessionJob, metadata: {name: j, namespace: f}, \
              spec: {deploymentName: s, job: {jarURI: 'https://x/a.jar', upgradeMode: last-state}}}\n",
        );
        let side = Side::new(&d, Targets::default(), None);
        let f = side.facts(&d.resources[1]).unwrap();
        assert_eq!(f.shape, Shape::SessionJob);
        assert_eq!(f.session_cluster.as_deref(), Some("s"));
        assert_eq!(f.flink_version, Some(FlinkVersion::new(1, 19)));
        assert!(!f.checkpoint_dir.unwrap().durability.survives());
        assert_eq!(side.session_jobs_of(&d.resources[0]).len(), 1);
        assert_eq!(side.facts(&d.resources[0]).unwrap().shape, Shape::SessionCluster);
    }
}
