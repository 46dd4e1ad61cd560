//! The palette: every kind the studio can create, grouped as the user thinks of them,
//! and a new resource of each with sensible defaults and a free name.
//!
//! Defaults pass validation where they can on their own. What cannot, by nature, is
//! listed in [`Entry::needs`] (a statement needs a compute pool to run on, a session job
//! a session cluster…): connect it and the finding goes away.

mod docs;
mod wire;

use serde_json::Value;

use super::design::Design;
use super::edit::{free_name, set_name, taken};
use super::model::{Form, Kind};

/// A group of the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Plain Kubernetes objects.
    Kubernetes,
    /// Apache Flink Kubernetes Operator custom resources.
    FlinkOperator,
    /// Confluent Manager for Apache Flink objects (REST payloads).
    Cmf,
    /// Confluent for Kubernetes custom resources.
    Cfk,
    /// Installations and external systems (studio-only nodes).
    Studio,
}

impl Group {
    /// Heading shown above the group.
    pub fn label(self) -> &'static str {
        match self {
            Group::Kubernetes => "Kubernetes",
            Group::FlinkOperator => "Flink Kubernetes Operator",
            Group::Cmf => "CMF",
            Group::Cfk => "CFK",
            Group::Studio => "Installations & external systems",
        }
    }
}

/// One creatable thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Stable id of the entry (`fko-session-cluster`), for the UI and tests.
    pub id: &'static str,
    /// Label on the palette button.
    pub label: &'static str,
    /// Group.
    pub group: Group,
    /// Concept created.
    pub kind: Kind,
    /// Serialization created.
    pub form: Form,
    /// What it must be connected to before it validates, if anything (shown as a hint).
    pub needs: Option<&'static str>,
}

const fn entry(
    id: &'static str,
    label: &'static str,
    group: Group,
    kind: Kind,
    form: Form,
) -> Entry {
    Entry { id, label, group, kind, form, needs: None }
}

const fn needing(mut e: Entry, needs: &'static str) -> Entry {
    e.needs = Some(needs);
    e
}

use Form as F;
use Group as G;
use Kind as K;

/// Every palette entry, grouped, in display order.
pub const ENTRIES: &[Entry] = &[
    entry("namespace", "Namespace", G::Kubernetes, K::Namespace, F::Kubernetes),
    entry("service-account", "ServiceAccount", G::Kubernetes, K::ServiceAccount, F::Kubernetes),
    entry("secret", "Secret", G::Kubernetes, K::Secret, F::Kubernetes),
    entry("config-map", "ConfigMap", G::Kubernetes, K::ConfigMap, F::Kubernetes),
    entry("pvc", "PersistentVolumeClaim", G::Kubernetes, K::PersistentVolumeClaim, F::Kubernetes),
    entry("role", "Role (Flink job)", G::Kubernetes, K::Role, F::Kubernetes),
    entry("cluster-role", "ClusterRole", G::Kubernetes, K::ClusterRole, F::Kubernetes),
    needing(
        entry("role-binding", "RoleBinding", G::Kubernetes, K::RoleBinding, F::Kubernetes),
        "a Role and a ServiceAccount",
    ),
    needing(
        entry(
            "cluster-role-binding",
            "ClusterRoleBinding",
            G::Kubernetes,
            K::ClusterRoleBinding,
            F::Kubernetes,
        ),
        "a ClusterRole and a ServiceAccount",
    ),
    entry(
        "fko-application",
        "FlinkDeployment (application)",
        G::FlinkOperator,
        K::FlinkDeployment,
        F::FkoCr,
    ),
    entry(
        "fko-session-cluster",
        "FlinkDeployment (session cluster)",
        G::FlinkOperator,
        K::FlinkDeployment,
        F::FkoCr,
    ),
    needing(
        entry("fko-session-job", "FlinkSessionJob", G::FlinkOperator, K::FlinkSessionJob, F::FkoCr),
        "a session cluster (FlinkDeployment without a job) in its namespace",
    ),
    needing(
        entry(
            "fko-snapshot",
            "FlinkStateSnapshot",
            G::FlinkOperator,
            K::FlinkStateSnapshot,
            F::FkoCr,
        ),
        "the FlinkDeployment or FlinkSessionJob it snapshots",
    ),
    entry(
        "fko-blue-green",
        "FlinkBlueGreenDeployment",
        G::FlinkOperator,
        K::FlinkBlueGreenDeployment,
        F::FkoCr,
    ),
    entry("cmf-environment", "Environment", G::Cmf, K::Environment, F::CmfRest),
    needing(
        entry("cmf-application", "FlinkApplication", G::Cmf, K::Application, F::CmfRest),
        "an environment",
    ),
    needing(
        entry("cmf-compute-pool", "ComputePool", G::Cmf, K::ComputePool, F::CmfRest),
        "an environment",
    ),
    needing(
        entry("cmf-statement", "Statement", G::Cmf, K::Statement, F::CmfRest),
        "an environment and a compute pool",
    ),
    needing(
        entry("cmf-artifact", "Artifact (jar, CMF 2.4+)", G::Cmf, K::Artifact, F::CmfRest),
        "an environment",
    ),
    entry("cmf-kafka-catalog", "KafkaCatalog", G::Cmf, K::KafkaCatalog, F::CmfRest),
    needing(
        entry("cmf-kafka-database", "KafkaDatabase", G::Cmf, K::KafkaDatabase, F::CmfRest),
        "a Kafka catalog",
    ),
    entry("cmf-secret", "Secret (CMF)", G::Cmf, K::CmfSecret, F::CmfRest),
    needing(
        entry(
            "cmf-secret-mapping",
            "EnvironmentSecretMapping",
            G::Cmf,
            K::SecretMapping,
            F::CmfRest,
        ),
        "an environment and a CMF secret",
    ),
    entry("cfk-rest-class", "CMFRestClass", G::Cfk, K::CmfRestClass, F::CfkCr),
    needing(
        entry("cfk-environment", "FlinkEnvironment", G::Cfk, K::Environment, F::CfkCr),
        "a CMFRestClass",
    ),
    needing(
        entry("cfk-application", "FlinkApplication", G::Cfk, K::Application, F::CfkCr),
        "an environment and a CMFRestClass",
    ),
    needing(
        entry("cfk-compute-pool", "FlinkComputePool", G::Cfk, K::ComputePool, F::CfkCr),
        "an environment and a CMFRestClass",
    ),
    needing(
        entry("cfk-statement", "FlinkStatement", G::Cfk, K::Statement, F::CfkCr),
        "an environment, a compute pool and a CMFRestClass",
    ),
    needing(
        entry("cfk-kafka-catalog", "FlinkKafkaCatalog", G::Cfk, K::KafkaCatalog, F::CfkCr),
        "a CMFRestClass",
    ),
    needing(
        entry("cfk-kafka-database", "FlinkKafkaDatabase", G::Cfk, K::KafkaDatabase, F::CfkCr),
        "a catalog and a CMFRestClass",
    ),
    needing(
        entry("cfk-secret", "FlinkSecret", G::Cfk, K::CmfSecret, F::CfkCr),
        "a Kubernetes Secret and a CMFRestClass",
    ),
    needing(
        entry(
            "cfk-secret-mapping",
            "FlinkEnvironmentSecretMapping",
            G::Cfk,
            K::SecretMapping,
            F::CfkCr,
        ),
        "an environment, a FlinkSecret and a CMFRestClass",
    ),
    entry("fko-install", "Flink Kubernetes Operator", G::Studio, K::FkoInstall, F::Studio),
    entry("cfk-install", "Confluent for Kubernetes", G::Studio, K::CfkInstall, F::Studio),
    entry("cmf-install", "CMF service", G::Studio, K::CmfInstall, F::Studio),
    entry("kafka", "Kafka cluster", G::Studio, K::KafkaCluster, F::Studio),
    entry("schema-registry", "Schema Registry", G::Studio, K::SchemaRegistry, F::Studio),
    entry("object-store", "Object storage (S3 / MinIO)", G::Studio, K::ObjectStore, F::Studio),
];

/// The entry with this id.
pub fn entry_by_id(id: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.id == id)
}

/// Entries grouped, in display order.
pub fn groups() -> Vec<(Group, Vec<&'static Entry>)> {
    let mut out: Vec<(Group, Vec<&'static Entry>)> = Vec::new();
    for e in ENTRIES {
        match out.last_mut() {
            Some((g, list)) if *g == e.group => list.push(e),
            _ => out.push((e.group, vec![e])),
        }
    }
    out
}

/// A new resource for `entry`, with defaults and a name free in `design`. Namespaced
/// kinds go into `namespace` (or stay without one, i.e. the `default` namespace).
pub fn new_resource(design: &Design, entry: &Entry, namespace: Option<&str>) -> Value {
    let (base, mut doc) = docs::document(entry.id);
    let name = free_name(base, &taken(design, entry.kind));
    set_name(&mut doc, &name);
    let namespaced = matches!(entry.form, F::Kubernetes | F::FkoCr | F::CfkCr)
        && !matches!(entry.kind, K::Namespace | K::ClusterRole | K::ClusterRoleBinding);
    if let (true, Some(ns), Some(meta)) =
        (namespaced, namespace, doc.get_mut("metadata").and_then(Value::as_object_mut))
    {
        meta.insert("namespace".into(), Value::String(ns.to_string()));
    }
    if entry.kind == K::ClusterRoleBinding {
        let ns = namespace.unwrap_or("default");
        let _ = super::pointer::set(&mut doc, "/subjects/0/namespace", Value::from(ns));
    }
    wire::references(design, entry, &mut doc, namespace);
    doc
}

#[cfg(test)]
mod tests;
