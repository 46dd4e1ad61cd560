//! Which frame a resource belongs to, and its dependency rank.

use std::collections::HashMap;

use crate::core::design::Design;
use crate::core::model::{Form, Kind, Resource};

/// CMF environment name → the Kubernetes namespace its workloads run in.
pub fn environment_namespaces(design: &Design) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for e in design.of_kind(Kind::Environment) {
        if let Some(ns) = e.spec_str(&["kubernetesNamespace"]) {
            out.entry(e.name().to_string()).or_insert_with(|| ns.to_string());
        }
    }
    out
}

/// The namespace frame a resource is drawn in, or `None` for what stands outside frames:
/// studio nodes, cluster-scoped objects, and CMF objects that live in CMF rather than in a
/// namespace (secrets, catalogs, databases). A namespace object is drawn in its own frame;
/// a CMF REST environment and the payloads of an environment in the namespace their
/// workloads run in.
pub fn frame_of(r: &Resource, env_namespaces: &HashMap<String, String>) -> Option<String> {
    match (r.form, r.kind) {
        (Form::Studio, _) | (_, Kind::ClusterRole | Kind::ClusterRoleBinding) => None,
        (_, Kind::Namespace) => Some(r.name().to_string()).filter(|n| !n.is_empty()),
        (Form::CmfRest, Kind::Environment) => {
            r.spec_str(&["kubernetesNamespace"]).map(str::to_string)
        }
        (Form::CmfRest, _) if r.is_environment_scoped() => {
            r.environment().and_then(|e| env_namespaces.get(e)).cloned()
        }
        (Form::CmfRest | Form::Opaque, _) => r.namespace().map(str::to_string),
        (Form::CfkCr | Form::FkoCr | Form::Kubernetes, _) => {
            Some(r.namespace().unwrap_or("default").to_string())
        }
    }
}

/// The dependency rank of a kind: infrastructure first (0), then secrets and
/// configuration, environments and clusters, pools and catalogs, jobs, snapshots.
/// References can push a resource further down (see `auto`).
pub fn rank(kind: Kind) -> u32 {
    match kind {
        Kind::Namespace
        | Kind::FkoInstall
        | Kind::CfkInstall
        | Kind::CmfInstall
        | Kind::KafkaCluster
        | Kind::SchemaRegistry
        | Kind::ObjectStore
        | Kind::ClusterRole => 0,
        Kind::ServiceAccount
        | Kind::Secret
        | Kind::ConfigMap
        | Kind::PersistentVolumeClaim
        | Kind::Role
        | Kind::CmfSecret
        | Kind::CmfRestClass => 1,
        Kind::Environment | Kind::RoleBinding | Kind::ClusterRoleBinding | Kind::SecretMapping => 2,
        Kind::ComputePool | Kind::KafkaCatalog | Kind::FlinkDeployment => 3,
        Kind::KafkaDatabase | Kind::Application | Kind::FlinkBlueGreenDeployment => 4,
        Kind::Statement | Kind::FlinkSessionJob => 5,
        Kind::Savepoint | Kind::DetachedSavepoint | Kind::FlinkStateSnapshot | Kind::Artifact => 6,
        Kind::Fragment | Kind::Unknown => 7,
    }
}
