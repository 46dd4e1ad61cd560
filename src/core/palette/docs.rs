//! Default documents of the palette entries (names are replaced by free ones).

use serde_json::{Value, json};

use crate::core::model::{CFK_API, CMF_API, FKO_API, STUDIO_API};
use crate::core::targets::{DEFAULT_CFK, DEFAULT_CMF, DEFAULT_FKO};

const RBAC: &str = "rbac.authorization.k8s.io/v1";
const FLINK_IMAGE: &str = "flink:1.20";
const CP_FLINK_IMAGE: &str = "confluentinc/cp-flink:1.19.3-cp2";
const CP_SQL_IMAGE: &str = "confluentinc/cp-flink-sql:1.19-cp8";

fn k8s(api: &str, kind: &str, rest: Value) -> Value {
    let mut doc = json!({"apiVersion": api, "kind": kind, "metadata": {"name": ""}});
    if let (Some(d), Value::Object(r)) = (doc.as_object_mut(), rest) {
        d.extend(r);
    }
    doc
}

fn with_spec(api: &str, kind: &str, spec: Value) -> Value {
    k8s(api, kind, json!({ "spec": spec }))
}

fn resources() -> Value {
    json!({"jobManager": {"resource": {"cpu": 1, "memory": "1536m"}},
           "taskManager": {"resource": {"cpu": 1, "memory": "2048m"}}})
}

fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

/// Deployment spec shared by FKO application/session clusters.
fn fko_spec(job: Option<Value>) -> Value {
    let mut spec = merge(
        json!({"image": FLINK_IMAGE, "flinkVersion": "v1_20", "serviceAccount": "flink",
               "flinkConfiguration": {"taskmanager.numberOfTaskSlots": "2"}}),
        resources(),
    );
    if let (Some(s), Some(job)) = (spec.as_object_mut(), job) {
        s.insert("job".into(), job);
    }
    spec
}

fn stateless_job() -> Value {
    json!({"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar",
           "parallelism": 2, "upgradeMode": "stateless"})
}

fn cmf_app_spec() -> Value {
    merge(
        json!({"image": CP_FLINK_IMAGE, "flinkVersion": "v1_19", "serviceAccount": "flink",
               "flinkConfiguration": {"taskmanager.numberOfTaskSlots": "2"}}),
        merge(resources(), json!({"job": merge(stateless_job(), json!({"state": "running"}))})),
    )
}

fn pool_spec() -> Value {
    json!({"type": "DEDICATED", "clusterSpec": merge(
        json!({"flinkVersion": "v1_19", "image": CP_SQL_IMAGE}), resources())})
}

const STATEMENT: &str = "SELECT 1;";

/// The default document and base name of a palette entry.
pub(super) fn document(entry: &str) -> (&'static str, Value) {
    match entry {
        "namespace" => ("flink", k8s("v1", "Namespace", json!({}))),
        "service-account" => ("flink", k8s("v1", "ServiceAccount", json!({}))),
        "secret" => {
            ("credentials", k8s("v1", "Secret", json!({"type": "Opaque", "stringData": {}})))
        }
        "config-map" => ("settings", k8s("v1", "ConfigMap", json!({"data": {}}))),
        "pvc" => (
            "flink-state",
            with_spec(
                "v1",
                "PersistentVolumeClaim",
                json!({"accessModes": ["ReadWriteMany"],
                "resources": {"requests": {"storage": "10Gi"}}}),
            ),
        ),
        "role" => (
            "flink",
            k8s(
                RBAC,
                "Role",
                json!({"rules": [
                {"apiGroups": [""], "resources": ["pods", "configmaps"], "verbs": ["*"]},
                {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["*"]}]}),
            ),
        ),
        "cluster-role" => (
            "flink",
            k8s(
                RBAC,
                "ClusterRole",
                json!({"rules": [
                {"apiGroups": [""], "resources": ["pods", "configmaps"], "verbs": ["*"]},
                {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["*"]}]}),
            ),
        ),
        "role-binding" => (
            "flink-role-binding",
            k8s(
                RBAC,
                "RoleBinding",
                json!({
                "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "flink"},
                "subjects": [{"kind": "ServiceAccount", "name": "flink"}]}),
            ),
        ),
        "cluster-role-binding" => (
            "flink-cluster-role-binding",
            k8s(
                RBAC,
                "ClusterRoleBinding",
                json!({
                "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "flink"},
                "subjects": [{"kind": "ServiceAccount", "name": "flink", "namespace": "default"}]}),
            ),
        ),
        "fko-application" => {
            ("my-app", with_spec(FKO_API, "FlinkDeployment", fko_spec(Some(stateless_job()))))
        }
        "fko-session-cluster" => {
            ("session-cluster", with_spec(FKO_API, "FlinkDeployment", fko_spec(None)))
        }
        "fko-session-job" => (
            "session-job",
            with_spec(
                FKO_API,
                "FlinkSessionJob",
                json!({"deploymentName": "session-cluster",
                "job": {"jarURI": "https://artifacts.example.com/jobs/job.jar",
                        "parallelism": 2, "upgradeMode": "stateless"}}),
            ),
        ),
        "fko-snapshot" => (
            "savepoint",
            with_spec(
                FKO_API,
                "FlinkStateSnapshot",
                json!({
                "jobReference": {"kind": "FlinkDeployment", "name": "my-app"},
                "savepoint": {"path": "s3://savepoints/my-app", "disposeOnDelete": false}}),
            ),
        ),
        "fko-blue-green" => (
            "my-app-bg",
            with_spec(
                FKO_API,
                "FlinkBlueGreenDeployment",
                json!({"template": {
                "spec": fko_spec(Some(stateless_job()))}}),
            ),
        ),
        "cmf-environment" => ("development", json!({"name": "", "kubernetesNamespace": "default"})),
        "cmf-application" => ("my-app", with_spec(CMF_API, "FlinkApplication", cmf_app_spec())),
        "cmf-compute-pool" => ("pool", with_spec(CMF_API, "ComputePool", pool_spec())),
        "cmf-statement" => (
            "statement",
            with_spec(
                CMF_API,
                "Statement",
                json!({"statement": STATEMENT, "computePoolName": "pool"}),
            ),
        ),
        "cmf-artifact" => (
            "job",
            json!({"apiVersion": CMF_API, "kind": "Artifact",
                   "metadata": {"name": "job",
                                "annotations": {crate::core::model::artifact::FILE: "jars/job.jar"}},
                   "spec": {}}),
        ),
        "cmf-kafka-catalog" => (
            "kafka-cat",
            with_spec(
                CMF_API,
                "KafkaCatalog",
                json!({"srInstance": {"connectionConfig": {
                "schema.registry.url": "http://schema-registry:8081"}}}),
            ),
        ),
        "cmf-kafka-database" => (
            "kafka-db",
            with_spec(
                CMF_API,
                "KafkaDatabase",
                json!({"kafkaCluster": {"connectionConfig": {
                "bootstrap.servers": "kafka:9092"}}}),
            ),
        ),
        "cmf-secret" => (
            "kafka-credentials",
            with_spec(CMF_API, "Secret", json!({"data": {"sasl.mechanism": "PLAIN"}})),
        ),
        "cmf-secret-mapping" => (
            "kafka-connection",
            with_spec(
                CMF_API,
                "EnvironmentSecretMapping",
                json!({"secretName": "kafka-credentials"}),
            ),
        ),
        "cfk-rest-class" => (
            "default",
            with_spec(
                CFK_API,
                "CMFRestClass",
                json!({"cmfRest": {
                "endpoint": "http://cmf-service.confluent.svc.cluster.local"}}),
            ),
        ),
        "cfk-environment" => (
            "development",
            with_spec(CFK_API, "FlinkEnvironment", json!({"kubernetesNamespace": "default"})),
        ),
        "cfk-application" => ("my-app", with_spec(CFK_API, "FlinkApplication", cmf_app_spec())),
        "cfk-compute-pool" => ("pool", with_spec(CFK_API, "FlinkComputePool", pool_spec())),
        "cfk-statement" => (
            "statement",
            with_spec(
                CFK_API,
                "FlinkStatement",
                json!({"statement": STATEMENT, "computePoolName": "pool"}),
            ),
        ),
        "cfk-kafka-catalog" => (
            "kafka-cat",
            with_spec(
                CFK_API,
                "FlinkKafkaCatalog",
                json!({"srInstance": {"connectionConfig": {
                "schema.registry.url": "http://schema-registry:8081"}}}),
            ),
        ),
        "cfk-kafka-database" => (
            "kafka-db",
            with_spec(
                CFK_API,
                "FlinkKafkaDatabase",
                json!({"catalogRef": {"name": "kafka-cat"},
                "kafkaCluster": {"connectionConfig": {"bootstrap.servers": "kafka:9092"}}}),
            ),
        ),
        "cfk-secret" => (
            "kafka-credentials",
            with_spec(CFK_API, "FlinkSecret", json!({"secretRef": "credentials"})),
        ),
        "cfk-secret-mapping" => (
            "kafka-connection",
            with_spec(
                CFK_API,
                "FlinkEnvironmentSecretMapping",
                json!({"secretRef": {"name": "kafka-credentials"}}),
            ),
        ),
        "fko-install" => (
            "flink-kubernetes-operator",
            with_spec(
                STUDIO_API,
                "FlinkKubernetesOperator",
                json!({"version": DEFAULT_FKO.to_string(), "watchNamespaces": []}),
            ),
        ),
        "cfk-install" => (
            "confluent-operator",
            with_spec(
                STUDIO_API,
                "ConfluentForKubernetes",
                json!({"version": DEFAULT_CFK.to_string(),
                "enableCMFDay2Ops": true, "enableFlinkSQL": true}),
            ),
        ),
        "cmf-install" => (
            "cmf",
            with_spec(STUDIO_API, "CmfService", json!({"version": DEFAULT_CMF.to_string()})),
        ),
        "kafka" => (
            "kafka",
            with_spec(STUDIO_API, "KafkaCluster", json!({"bootstrapServers": "kafka:9092"})),
        ),
        "schema-registry" => (
            "schema-registry",
            with_spec(STUDIO_API, "SchemaRegistry", json!({"url": "http://schema-registry:8081"})),
        ),
        "object-store" => (
            "object-store",
            with_spec(
                STUDIO_API,
                "ObjectStore",
                json!({"type": "s3", "endpoint": "https://s3.amazonaws.com"}),
            ),
        ),
        _ => ("resource", json!({"metadata": {"name": ""}})),
    }
}
