//! The resource model: one node per concept, whatever serialization it came in.
//!
//! A [`Resource`] keeps its document exactly as written (a JSON value with key order
//! preserved) so that import → export never loses a field. Typed access goes through the
//! accessors here, which know where each serialization keeps a field: a CMF environment
//! keeps `kubernetesNamespace` at the top of its REST body but under `spec` in the CFK
//! `FlinkEnvironment` CR; both are [`Kind::Environment`].

pub mod artifact;
mod cmf_fields;
mod fingerprint;
mod kinds;

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use cmf_fields::{connection_secret_ids, ddl_environments_field};
pub use fingerprint::fingerprint;
pub use kinds::{
    CFK_API, CMF_API, CMF_API_ALPHA, CMF_CONCEPTS, FKO_API, STUDIO_API, STUDIO_KINDS, classify,
    kind_name, kubernetes_api_version,
};

use super::pointer;
use super::yaml::Positions;

/// The concept a resource stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    // CMF concepts (CMF REST payload or CFK CR).
    /// CMF environment (`Environment` / CFK `FlinkEnvironment`).
    Environment,
    /// CMF Flink application (`FlinkApplication`, CMF REST or CFK).
    Application,
    /// CMF compute pool (`ComputePool` / CFK `FlinkComputePool`).
    ComputePool,
    /// CMF SQL statement (`Statement` / CFK `FlinkStatement`).
    Statement,
    /// CMF Kafka catalog (`KafkaCatalog` / CFK `FlinkKafkaCatalog`).
    KafkaCatalog,
    /// CMF Kafka database (`KafkaDatabase` / CFK `FlinkKafkaDatabase`).
    KafkaDatabase,
    /// CMF secret (`Secret` in `cmf.confluent.io` / CFK `FlinkSecret`).
    CmfSecret,
    /// Environment secret mapping (`EnvironmentSecretMapping` / CFK `FlinkEnvironmentSecretMapping`).
    SecretMapping,
    /// Savepoint of an application or statement (CMF REST).
    Savepoint,
    /// Detached savepoint (CMF REST).
    DetachedSavepoint,
    /// A versioned binary (job jar, UDF or connector jar) stored by CMF in an environment
    /// (CMF ≥ 2.4, REST only: CFK 3.4 has no CR for it); referenced as
    /// `cmf://{environment}/{name}[?version=N]` ([`artifact`]).
    Artifact,
    /// CFK `CMFRestClass`: how CFK reaches CMF.
    CmfRestClass,
    // Flink Kubernetes Operator.
    /// `FlinkDeployment`.
    FlinkDeployment,
    /// `FlinkSessionJob`.
    FlinkSessionJob,
    /// `FlinkStateSnapshot`.
    FlinkStateSnapshot,
    /// `FlinkBlueGreenDeployment`.
    FlinkBlueGreenDeployment,
    // Plain Kubernetes.
    /// `Namespace`.
    Namespace,
    /// `ServiceAccount`.
    ServiceAccount,
    /// Kubernetes `Secret`.
    Secret,
    /// `ConfigMap`.
    ConfigMap,
    /// `PersistentVolumeClaim`.
    PersistentVolumeClaim,
    /// `Role`.
    Role,
    /// `ClusterRole`.
    ClusterRole,
    /// `RoleBinding`.
    RoleBinding,
    /// `ClusterRoleBinding`.
    ClusterRoleBinding,
    // Studio-only nodes (never exported to kubectl).
    /// An installation of the Flink Kubernetes Operator.
    FkoInstall,
    /// An installation of Confluent for Kubernetes.
    CfkInstall,
    /// The CMF service.
    CmfInstall,
    /// An external Kafka cluster.
    KafkaCluster,
    /// An external Schema Registry.
    SchemaRegistry,
    /// External object storage (S3, MinIO, …).
    ObjectStore,
    /// A document without apiVersion/kind (kept, partly checked).
    Fragment,
    /// Anything else: kept verbatim, reported as info.
    Unknown,
}

impl Kind {
    /// True for Kubernetes kinds that live outside namespaces (`Namespace`, `ClusterRole`,
    /// `ClusterRoleBinding`): `metadata.namespace` means nothing for them.
    pub fn is_cluster_scoped(self) -> bool {
        matches!(self, Kind::Namespace | Kind::ClusterRole | Kind::ClusterRoleBinding)
    }
}

/// How a resource is serialized (which API family wrote it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Form {
    /// A CMF REST payload (`cmf.confluent.io/v1`, or the flat environment body).
    CmfRest,
    /// A CFK custom resource (`platform.confluent.io/v1beta1`).
    CfkCr,
    /// A Flink Kubernetes Operator custom resource (`flink.apache.org/v1beta1`).
    FkoCr,
    /// A plain Kubernetes object.
    Kubernetes,
    /// A studio-only node (`studio.flinkstudio.dev/v1`).
    Studio,
    /// Not recognised.
    Opaque,
}

/// Identifier of a resource within a design; stable across edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ResourceId(pub u32);

/// Where a resource was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// File path (or a label such as `pasted`).
    pub file: String,
    /// Index of the document in the file.
    pub document: usize,
    /// Line positions of the document's values.
    pub positions: Arc<Positions>,
}

impl Origin {
    /// Line of the value at `pointer` (or of its nearest ancestor).
    pub fn line_of(&self, pointer: &str) -> Option<u32> {
        self.positions.line_of(pointer)
    }
}

/// One resource of a design.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// Stable id within the design.
    pub id: ResourceId,
    /// The concept.
    pub kind: Kind,
    /// The serialization.
    pub form: Form,
    /// The document exactly as written (lossless).
    pub doc: Value,
    /// CMF environment this resource belongs to, for CMF REST payloads that carry none
    /// (the REST path names it). CFK CRs carry `spec.flinkEnvironment` instead.
    pub assigned_environment: Option<String>,
    /// Kafka catalog a CMF REST `KafkaDatabase` belongs to (the REST path names it).
    pub assigned_catalog: Option<String>,
    /// Where it was read from, if imported.
    pub origin: Option<Origin>,
}

/// Identity of a resource as reported in findings and JSON output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ResourceRef {
    /// `apiVersion` as written (empty when absent).
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// `kind` as written (or the inferred kind).
    pub kind: String,
    /// Kubernetes namespace, or the CMF environment for environment-scoped CMF payloads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Name.
    pub name: String,
}

impl Resource {
    /// Builds a resource from a document, classifying it.
    pub fn new(id: ResourceId, doc: Value) -> Self {
        let (kind, form) = classify(&doc);
        Self {
            id,
            kind,
            form,
            doc,
            assigned_environment: None,
            assigned_catalog: None,
            origin: None,
        }
    }

    /// `apiVersion` as written.
    pub fn api_version(&self) -> &str {
        pointer::get_str(&self.doc, &["apiVersion"]).unwrap_or("")
    }

    /// `kind` as written, or the name of the inferred kind.
    pub fn kind_str(&self) -> &str {
        pointer::get_str(&self.doc, &["kind"]).unwrap_or(match self.kind {
            Kind::Environment => "Environment",
            Kind::Fragment => "Fragment",
            _ => "",
        })
    }

    /// The resource's name (`metadata.name`, or the flat `name` of a CMF environment body).
    pub fn name(&self) -> &str {
        pointer::get_str(&self.doc, &["metadata", "name"])
            .or_else(|| pointer::get_str(&self.doc, &["name"]))
            .unwrap_or("")
    }

    /// `metadata.namespace` for Kubernetes-style objects.
    pub fn namespace(&self) -> Option<&str> {
        pointer::get_str(&self.doc, &["metadata", "namespace"])
    }

    /// Pointer of the object holding the concept's spec fields: `""` for the flat CMF
    /// environment body, `/spec` otherwise.
    pub fn spec_pointer(&self) -> &'static str {
        if self.kind == Kind::Environment && self.form == Form::CmfRest { "" } else { "/spec" }
    }

    /// The concept's spec object (see [`Resource::spec_pointer`]).
    pub fn spec(&self) -> Option<&Value> {
        if self.spec_pointer().is_empty() {
            Some(&self.doc)
        } else {
            pointer::child(&self.doc, "spec")
        }
    }

    /// A field of the spec, by tokens.
    pub fn spec_get(&self, tokens: &[&str]) -> Option<&Value> {
        self.spec().and_then(|s| pointer::get(s, tokens))
    }

    /// A string field of the spec, by tokens.
    pub fn spec_str(&self, tokens: &[&str]) -> Option<&str> {
        self.spec_get(tokens).and_then(Value::as_str)
    }

    /// JSON Pointer of a spec field, ready for a finding.
    pub fn spec_field(&self, tokens: &[&str]) -> String {
        tokens.iter().fold(self.spec_pointer().to_string(), |acc, t| pointer::push(&acc, t))
    }

    /// The CMF environment this resource lives in: CFK `spec.flinkEnvironment`, or the
    /// environment the design assigned to a CMF REST payload.
    pub fn environment(&self) -> Option<&str> {
        match self.form {
            Form::CfkCr => self.spec_str(&["flinkEnvironment"]),
            _ => self.assigned_environment.as_deref(),
        }
    }

    /// The Kafka catalog of a database: CFK `spec.catalogRef.name` or the assigned one.
    pub fn catalog(&self) -> Option<&str> {
        match self.form {
            Form::CfkCr => self.spec_str(&["catalogRef", "name"]),
            _ => self.assigned_catalog.as_deref(),
        }
    }

    /// True for concepts that live in a CMF environment.
    pub fn is_environment_scoped(&self) -> bool {
        matches!(
            self.kind,
            Kind::Application
                | Kind::ComputePool
                | Kind::Statement
                | Kind::SecretMapping
                | Kind::Artifact
        )
    }

    /// True for studio-only nodes.
    pub fn is_studio(&self) -> bool {
        self.form == Form::Studio
    }

    /// Identity for reports. Environment-scoped CMF payloads report their environment
    /// as the namespace.
    pub fn reference(&self) -> ResourceRef {
        let namespace = self.namespace().map(str::to_string).or_else(|| {
            (self.form == Form::CmfRest && self.is_environment_scoped())
                .then(|| self.environment().map(str::to_string))
                .flatten()
        });
        ResourceRef {
            api_version: self.api_version().to_string(),
            kind: self.kind_str().to_string(),
            namespace,
            name: self.name().to_string(),
        }
    }

    /// File and line of the value at `pointer`, where known.
    pub fn location(&self, pointer: &str) -> (Option<&str>, Option<u32>) {
        match &self.origin {
            Some(o) => (Some(o.file.as_str()), o.line_of(pointer)),
            None => (None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flat_and_cr_environments_are_the_same_concept() {
        let rest = Resource::new(ResourceId(0), json!({"name": "dev", "kubernetesNamespace": "a"}));
        let cr = Resource::new(
            ResourceId(1),
            json!({"apiVersion": CFK_API, "kind": "FlinkEnvironment",
                   "metadata": {"name": "dev"}, "spec": {"kubernetesNamespace": "a"}}),
        );
        assert_eq!(rest.kind, Kind::Environment);
        assert_eq!(cr.kind, Kind::Environment);
        assert_eq!(rest.spec_str(&["kubernetesNamespace"]), Some("a"));
        assert_eq!(cr.spec_str(&["kubernetesNamespace"]), Some("a"));
        assert_eq!(rest.spec_field(&["kubernetesNamespace"]), "/kubernetesNamespace");
        assert_eq!(cr.spec_field(&["kubernetesNamespace"]), "/spec/kubernetesNamespace");
        assert_eq!(rest.name(), "dev");
    }

    #[test]
    fn environment_comes_from_cr_or_assignment() {
        let mut app = Resource::new(
            ResourceId(0),
            json!({"apiVersion": CMF_API, "kind": "FlinkApplication", "metadata": {"name": "a"}}),
        );
        assert_eq!(app.environment(), None);
        app.assigned_environment = Some("prod".into());
        assert_eq!(app.environment(), Some("prod"));
        assert_eq!(app.reference().namespace.as_deref(), Some("prod"));
    }
}
