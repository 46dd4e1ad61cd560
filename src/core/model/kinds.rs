//! The table of known `apiVersion`/`kind` pairs and the classifier.

use serde_json::Value;

use super::{Form, Kind};

/// CMF REST API version.
pub const CMF_API: &str = "cmf.confluent.io/v1";
/// Older CMF REST API version still seen in the wild.
pub const CMF_API_ALPHA: &str = "cmf.confluent.io/v1alpha1";
/// CFK API version.
pub const CFK_API: &str = "platform.confluent.io/v1beta1";
/// Flink Kubernetes Operator API version.
pub const FKO_API: &str = "flink.apache.org/v1beta1";
/// API version of the studio's own nodes.
pub const STUDIO_API: &str = "studio.flinkstudio.dev/v1";

/// The CMF concepts: kinds that are the same node whether they come as a CMF REST payload
/// or as a CFK custom resource (they follow CMF's naming rules).
pub const CMF_CONCEPTS: &[Kind] = &[
    Kind::Environment,
    Kind::Application,
    Kind::ComputePool,
    Kind::Statement,
    Kind::KafkaCatalog,
    Kind::KafkaDatabase,
    Kind::CmfSecret,
    Kind::SecretMapping,
];

const CMF_KINDS: &[(&str, Kind)] = &[
    ("Environment", Kind::Environment),
    ("FlinkApplication", Kind::Application),
    ("ComputePool", Kind::ComputePool),
    ("Statement", Kind::Statement),
    ("KafkaCatalog", Kind::KafkaCatalog),
    ("KafkaDatabase", Kind::KafkaDatabase),
    ("Secret", Kind::CmfSecret),
    ("EnvironmentSecretMapping", Kind::SecretMapping),
    ("Savepoint", Kind::Savepoint),
    ("DetachedSavepoint", Kind::DetachedSavepoint),
    ("Artifact", Kind::Artifact),
];

const CFK_KINDS: &[(&str, Kind)] = &[
    ("FlinkEnvironment", Kind::Environment),
    ("FlinkApplication", Kind::Application),
    ("FlinkComputePool", Kind::ComputePool),
    ("FlinkStatement", Kind::Statement),
    ("FlinkKafkaCatalog", Kind::KafkaCatalog),
    ("FlinkKafkaDatabase", Kind::KafkaDatabase),
    ("FlinkSecret", Kind::CmfSecret),
    ("FlinkEnvironmentSecretMapping", Kind::SecretMapping),
    ("CMFRestClass", Kind::CmfRestClass),
];

const FKO_KINDS: &[(&str, Kind)] = &[
    ("FlinkDeployment", Kind::FlinkDeployment),
    ("FlinkSessionJob", Kind::FlinkSessionJob),
    ("FlinkStateSnapshot", Kind::FlinkStateSnapshot),
    ("FlinkBlueGreenDeployment", Kind::FlinkBlueGreenDeployment),
];

const K8S_KINDS: &[(&str, &str, Kind)] = &[
    ("v1", "Namespace", Kind::Namespace),
    ("v1", "ServiceAccount", Kind::ServiceAccount),
    ("v1", "Secret", Kind::Secret),
    ("v1", "ConfigMap", Kind::ConfigMap),
    ("v1", "PersistentVolumeClaim", Kind::PersistentVolumeClaim),
    ("rbac.authorization.k8s.io/v1", "Role", Kind::Role),
    ("rbac.authorization.k8s.io/v1", "ClusterRole", Kind::ClusterRole),
    ("rbac.authorization.k8s.io/v1", "RoleBinding", Kind::RoleBinding),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", Kind::ClusterRoleBinding),
];

/// Kinds of the studio's own nodes, as written in design files.
pub const STUDIO_KINDS: &[(&str, Kind)] = &[
    ("FlinkKubernetesOperator", Kind::FkoInstall),
    ("ConfluentForKubernetes", Kind::CfkInstall),
    ("CmfService", Kind::CmfInstall),
    ("KafkaCluster", Kind::KafkaCluster),
    ("SchemaRegistry", Kind::SchemaRegistry),
    ("ObjectStore", Kind::ObjectStore),
];

fn lookup(table: &[(&str, Kind)], kind: &str) -> Option<Kind> {
    table.iter().find(|(k, _)| *k == kind).map(|(_, v)| *v)
}

/// Classifies a document: which concept, in which serialization.
///
/// Documents without `apiVersion`/`kind` are recognised as CMF environment bodies when
/// they carry `name` and `kubernetesNamespace` (that REST body has no envelope); other
/// such documents are [`Kind::Fragment`]s.
pub fn classify(doc: &Value) -> (Kind, Form) {
    let api = doc.get("apiVersion").and_then(Value::as_str);
    let kind = doc.get("kind").and_then(Value::as_str);
    match (api, kind) {
        (Some(CMF_API | CMF_API_ALPHA), Some(k)) => {
            lookup(CMF_KINDS, k).map_or((Kind::Unknown, Form::Opaque), |k| (k, Form::CmfRest))
        }
        (Some(CFK_API), Some(k)) => {
            lookup(CFK_KINDS, k).map_or((Kind::Unknown, Form::Opaque), |k| (k, Form::CfkCr))
        }
        (Some(FKO_API), Some(k)) => {
            lookup(FKO_KINDS, k).map_or((Kind::Unknown, Form::Opaque), |k| (k, Form::FkoCr))
        }
        (Some(STUDIO_API), Some(k)) => {
            lookup(STUDIO_KINDS, k).map_or((Kind::Unknown, Form::Opaque), |k| (k, Form::Studio))
        }
        (Some(a), Some(k)) => K8S_KINDS
            .iter()
            .find(|(ka, kk, _)| *ka == a && *kk == k)
            .map_or((Kind::Unknown, Form::Opaque), |(_, _, v)| (*v, Form::Kubernetes)),
        _ if doc.get("kubernetesNamespace").is_some() && doc.get("name").is_some() => {
            (Kind::Environment, Form::CmfRest)
        }
        _ => (Kind::Fragment, Form::Opaque),
    }
}

/// The `kind` string a concept takes in a given serialization, if it has one there.
pub fn kind_name(kind: Kind, form: Form) -> Option<&'static str> {
    let find = |table: &[(&'static str, Kind)]| {
        table.iter().find(|(_, k)| *k == kind).map(|(name, _)| *name)
    };
    match form {
        Form::CmfRest => find(CMF_KINDS),
        Form::CfkCr => find(CFK_KINDS),
        Form::FkoCr => find(FKO_KINDS),
        Form::Studio => find(STUDIO_KINDS),
        Form::Kubernetes => K8S_KINDS.iter().find(|(_, _, k)| *k == kind).map(|(_, n, _)| *n),
        Form::Opaque => None,
    }
}

/// The `apiVersion` of a plain Kubernetes kind.
pub fn kubernetes_api_version(kind: Kind) -> Option<&'static str> {
    K8S_KINDS.iter().find(|(_, _, k)| *k == kind).map(|(a, _, _)| *a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn classifies_each_family() {
        let c = |v: Value| classify(&v);
        assert_eq!(
            c(json!({"apiVersion": CMF_API_ALPHA, "kind": "FlinkApplication"})),
            (Kind::Application, Form::CmfRest)
        );
        assert_eq!(
            c(json!({"apiVersion": CFK_API, "kind": "FlinkComputePool"})),
            (Kind::ComputePool, Form::CfkCr)
        );
        assert_eq!(
            c(json!({"apiVersion": FKO_API, "kind": "FlinkSessionJob"})),
            (Kind::FlinkSessionJob, Form::FkoCr)
        );
        assert_eq!(
            c(json!({"apiVersion": "v1", "kind": "Secret"})),
            (Kind::Secret, Form::Kubernetes)
        );
        assert_eq!(c(json!({"apiVersion": CFK_API, "kind": "KafkaCatalog"})).0, Kind::Unknown);
        assert_eq!(c(json!({"spec": {}})).0, Kind::Fragment);
        assert_eq!(kind_name(Kind::CmfSecret, Form::CfkCr), Some("FlinkSecret"));
        assert_eq!(kind_name(Kind::Role, Form::Kubernetes), Some("Role"));
    }
}
