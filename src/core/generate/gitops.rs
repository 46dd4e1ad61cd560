//! A generated GitOps repository: tenants spread over a fixed number of namespaces, every
//! kind the studio knows, written as manifest files (for `fstudio validate` at scale).
//!
//! Unlike [`super::design`] (one namespace per tenant, CMF concepts as REST payloads
//! assigned in the design), everything here is a Kubernetes manifest a folder can hold:
//! CMF concepts are CFK custom resources that name their environment themselves, so the
//! files import into the same design wherever they are read. Each namespace has its
//! service account, role, binding, CFK rest class and TLS secret; each tenant (about
//! [`TENANT_SIZE`] resources, names suffixed with the tenant number) has a CFK
//! environment with secret, mapping, catalog, database, compute pool, applications and
//! statements, and an operator session cluster with jobs, a snapshot, an application
//! cluster and a blue/green deployment. The cluster-wide part holds the operator, CFK
//! and CMF installations, Kafka, Schema Registry, object storage and a cluster role.

use serde_json::{Value, json};

use super::TENANT_SIZE;
use crate::core::design::Design;
use crate::core::model::{CFK_API, FKO_API, STUDIO_API};
use crate::core::targets::{DEFAULT_CFK, DEFAULT_CMF, DEFAULT_FKO};

const RBAC: &str = "rbac.authorization.k8s.io/v1";
/// Resources of the cluster-wide part.
const CLUSTER_SIZE: usize = 9;
/// Resources every namespace has besides its tenants.
const NAMESPACE_SIZE: usize = 6;

/// One manifest file of the generated repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestFile {
    /// Relative path (`cluster.yaml`, `team-007/namespace.yaml`, `team-007/tenant-0207.yaml`).
    pub path: String,
    /// The documents of the file.
    pub docs: Vec<Value>,
}

impl ManifestFile {
    /// The file as a multi-document YAML stream.
    pub fn yaml(&self) -> String {
        let mut out = String::new();
        for doc in &self.docs {
            out.push_str("---\n");
            out.push_str(&crate::core::export::emit::to_yaml(doc));
        }
        out
    }
}

fn ns_name(i: usize) -> String {
    format!("team-{i:03}")
}

/// A repository of about `resources` resources (whole tenants) over `namespaces`
/// namespaces (fewer when the size cannot fill them: each namespace holds at least one
/// tenant). Deterministic.
pub fn repository(resources: usize, namespaces: usize) -> Vec<ManifestFile> {
    // Aim at `resources` in all: the cluster part and each namespace's own part count.
    let namespaces = namespaces.clamp(1, (resources / (TENANT_SIZE + NAMESPACE_SIZE)).max(1));
    let rest = resources.saturating_sub(CLUSTER_SIZE + NAMESPACE_SIZE * namespaces);
    let tenants = rest.div_ceil(TENANT_SIZE).max(namespaces);
    let names: Vec<String> = (0..namespaces).map(ns_name).collect();
    let mut files = vec![ManifestFile { path: "cluster.yaml".into(), docs: cluster(&names) }];
    for (i, ns) in names.iter().enumerate() {
        files.push(ManifestFile { path: format!("{ns}/namespace.yaml"), docs: namespace(ns) });
        for t in (i..tenants).step_by(namespaces) {
            files.push(ManifestFile {
                path: format!("{ns}/tenant-{t:04}.yaml"),
                docs: tenant(t, ns),
            });
        }
    }
    files
}

/// The repository as one design (the files imported in order).
pub fn design(resources: usize, namespaces: usize) -> Design {
    let mut d = Design::new();
    for f in repository(resources, namespaces) {
        for doc in f.docs {
            d.add(doc);
        }
    }
    d
}

fn studio(kind: &str, name: &str, spec: Value) -> Value {
    json!({"apiVersion": STUDIO_API, "kind": kind,
           "metadata": {"name": name, "namespace": "platform"}, "spec": spec})
}

fn cluster(namespaces: &[String]) -> Vec<Value> {
    vec![
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "platform"}}),
        studio(
            "FlinkKubernetesOperator",
            "flink-kubernetes-operator",
            json!({"version": DEFAULT_FKO.to_string(), "watchNamespaces": namespaces}),
        ),
        studio(
            "ConfluentForKubernetes",
            "confluent-operator",
            json!({"version": DEFAULT_CFK.to_string(), "enableCMFDay2Ops": true,
                   "enableFlinkSQL": true}),
        ),
        studio(
            "CmfService",
            "cmf",
            json!({"version": DEFAULT_CMF.to_string(),
                   "url": "https://cmf-service.platform.svc.cluster.local:8080",
                   "authentication": "mtls"}),
        ),
        studio("KafkaCluster", "kafka", json!({"bootstrapServers": "kafka:9092"})),
        studio("SchemaRegistry", "schema-registry", json!({"url": "http://schema-registry:8081"})),
        studio(
            "ObjectStore",
            "object-store",
            json!({"type": "s3", "endpoint": "https://s3.amazonaws.com"}),
        ),
        json!({"apiVersion": RBAC, "kind": "ClusterRole", "metadata": {"name": "flink-reader"},
               "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]}),
        json!({"apiVersion": RBAC, "kind": "ClusterRoleBinding",
               "metadata": {"name": "flink-reader"},
               "roleRef": {"apiGroup": RBAC, "kind": "ClusterRole", "name": "flink-reader"},
               "subjects": namespaces.iter()
                   .map(|ns| json!({"kind": "ServiceAccount", "name": "flink", "namespace": ns}))
                   .collect::<Vec<_>>()}),
    ]
}

fn meta(name: &str, ns: &str) -> Value {
    json!({"name": name, "namespace": ns})
}

fn namespace(ns: &str) -> Vec<Value> {
    vec![
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
        json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta("flink", ns)}),
        json!({"apiVersion": RBAC, "kind": "Role", "metadata": meta("flink", ns),
               "rules": [{"apiGroups": [""], "resources": ["pods", "configmaps"], "verbs": ["*"]},
                         {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["*"]}]}),
        json!({"apiVersion": RBAC, "kind": "RoleBinding", "metadata": meta("flink-role-binding", ns),
               "roleRef": {"apiGroup": RBAC, "kind": "Role", "name": "flink"},
               "subjects": [{"kind": "ServiceAccount", "name": "flink", "namespace": ns}]}),
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": meta("cmf-tls", ns),
               "type": "kubernetes.io/tls"}),
        cfk(
            "CMFRestClass",
            "cmf",
            ns,
            json!({"cmfRest": {
            "endpoint": "https://cmf-service.platform.svc.cluster.local:8080",
            "authentication": {"type": "mtls", "sslClientAuthentication": true},
            "tls": {"secretRef": "cmf-tls"}}}),
        ),
    ]
}

fn cfk(kind: &str, name: &str, ns: &str, spec: Value) -> Value {
    json!({"apiVersion": CFK_API, "kind": kind, "metadata": meta(name, ns), "spec": spec})
}

/// `spec` plus the environment and rest class every CFK CR of a tenant names.
fn in_env(mut spec: Value, env: &str, ns: &str) -> Value {
    if let Some(s) = spec.as_object_mut() {
        s.insert("flinkEnvironment".into(), json!(env));
        s.insert("cmfRestClassRef".into(), json!({"name": "cmf", "namespace": ns}));
    }
    spec
}

/// A pod template that enables a built-in filesystem plugin.
fn plugin_template(jar: &str) -> Value {
    json!({"spec": {"containers": [{"name": "flink-main-container",
        "env": [{"name": "ENABLE_BUILT_IN_PLUGINS", "value": jar}]}]}})
}

fn resources() -> Value {
    json!({"jobManager": {"resource": {"cpu": 1, "memory": "1536m"}},
           "taskManager": {"resource": {"cpu": 1, "memory": "2048m"}}})
}

fn with_resources(mut spec: Value) -> Value {
    if let (Some(s), Value::Object(r)) = (spec.as_object_mut(), resources()) {
        s.extend(r);
    }
    spec
}

fn tenant(t: usize, ns: &str) -> Vec<Value> {
    let env = format!("env-{t}");
    let rest = json!({"name": "cmf", "namespace": ns});
    let mut docs = vec![
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": meta(&format!("kafka-credentials-{t}"), ns),
               "type": "Opaque", "stringData": {"sasl.mechanism": "PLAIN"}}),
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta(&format!("job-settings-{t}"), ns),
               "data": {"MODE": "production"}}),
        json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
               "metadata": meta(&format!("flink-state-{t}"), ns),
               "spec": {"accessModes": ["ReadWriteMany"], "resources": {"requests": {"storage": "10Gi"}}}}),
        cfk(
            "FlinkEnvironment",
            &env,
            ns,
            json!({
            "kubernetesNamespace": ns, "cmfRestClassRef": rest,
            "flinkApplicationDefaults": {"spec": {"flinkConfiguration": {
                "execution.checkpointing.interval": "30 s",
                "execution.checkpointing.dir": "s3://checkpoints/apps",
                "execution.checkpointing.savepoint-dir": "s3://savepoints/apps"},
                "podTemplate": plugin_template("flink-s3-fs-hadoop-1.19.3.jar")}}}),
        ),
        cfk(
            "FlinkSecret",
            &format!("kafka-secret-{t}"),
            ns,
            json!({
            "secretRef": format!("kafka-credentials-{t}"), "cmfRestClassRef": rest}),
        ),
        cfk(
            "FlinkEnvironmentSecretMapping",
            &format!("kafka-conn-{t}"),
            ns,
            in_env(
                json!({
            "secretRef": {"name": format!("kafka-secret-{t}")}}),
                &env,
                ns,
            ),
        ),
        cfk(
            "FlinkKafkaCatalog",
            &format!("catalog-{t}"),
            ns,
            json!({
            "cmfRestClassRef": rest, "flinkEnvironment": env,
            "srInstance": {"connectionConfig": {"schema.registry.url": "http://schema-registry:8081"},
                           "connectionSecretId": format!("kafka-conn-{t}")}}),
        ),
        cfk(
            "FlinkKafkaDatabase",
            &format!("orders-{t}"),
            ns,
            json!({
            "cmfRestClassRef": rest, "flinkEnvironment": env, "catalogRef": {"name": format!("catalog-{t}")},
            "kafkaCluster": {"connectionConfig": {"bootstrap.servers": "kafka:9092"}},
            "connectionSecretRef": {"name": format!("kafka-conn-{t}")},
            "ddlEnvironments": [env]}),
        ),
        cfk(
            "FlinkComputePool",
            &format!("pool-{t}"),
            ns,
            in_env(
                json!({
            "type": "DEDICATED", "clusterSpec": with_resources(json!({
                "flinkVersion": "v1_19", "image": "confluentinc/cp-flink-sql:1.19-cp8",
                "flinkConfiguration": {"state.checkpoints.dir": "s3://checkpoints/sql",
                                       "state.savepoints.dir": "s3://savepoints/sql"},
                "podTemplate": plugin_template("flink-s3-fs-hadoop-1.19.3.jar")}))}),
                &env,
                ns,
            ),
        ),
    ];
    for a in 0..4 {
        docs.push(cfk(
            "FlinkApplication",
            &format!("app-{t}-{a}"),
            ns,
            in_env(
                with_resources(json!({
            "image": "confluentinc/cp-flink:1.19.3-cp2", "flinkVersion": "v1_19",
            "serviceAccount": "flink",
            "job": {"jarURI": "local:///opt/flink/usrlib/app.jar", "parallelism": 2,
                    "upgradeMode": "savepoint", "state": "running"}})),
                &env,
                ns,
            ),
        ));
    }
    for s in 0..4 {
        docs.push(cfk("FlinkStatement", &format!("stmt-{t}-{s}"), ns, in_env(json!({
            "statement": format!("INSERT INTO `catalog-{t}`.`orders-{t}`.sink_{s} SELECT * FROM `catalog-{t}`.`orders-{t}`.source"),
            "computePoolName": format!("pool-{t}"), "parallelism": 1,
            "flinkConfiguration": {"execution.checkpointing.interval": "30 s"},
            "properties": {"sql.current-catalog": format!("catalog-{t}"),
                           "sql.current-database": format!("orders-{t}")}}), &env, ns)));
    }
    let pod_template = json!({"spec": {
        "containers": [{"name": "flink-main-container",
                        "envFrom": [{"configMapRef": {"name": format!("job-settings-{t}")}}],
                        "env": [{"name": "ENABLE_BUILT_IN_PLUGINS",
                                 "value": "flink-s3-fs-hadoop-1.20.3.jar"}],
                        "volumeMounts": [{"name": "state", "mountPath": "/flink-state"}]}],
        "volumes": [{"name": "state", "persistentVolumeClaim": {"claimName": format!("flink-state-{t}")}}]}});
    let fko = |job: Option<Value>| {
        let mut spec = with_resources(json!({
            "image": "flink:1.20", "flinkVersion": "v1_20", "serviceAccount": "flink",
            "flinkConfiguration": {"taskmanager.numberOfTaskSlots": "2",
                "execution.checkpointing.dir": "s3://checkpoints/fko",
                "execution.checkpointing.savepoint-dir": "s3://savepoints/fko"},
            "podTemplate": pod_template}));
        if let (Some(s), Some(job)) = (spec.as_object_mut(), job) {
            s.insert("job".into(), job);
        }
        spec
    };
    let session = format!("session-{t}");
    docs.push(json!({"apiVersion": FKO_API, "kind": "FlinkDeployment",
        "metadata": meta(&session, ns), "spec": fko(None)}));
    for j in 0..4 {
        docs.push(json!({"apiVersion": FKO_API, "kind": "FlinkSessionJob",
            "metadata": meta(&format!("job-{t}-{j}"), ns),
            "spec": {"deploymentName": session,
                     "job": {"jarURI": "https://artifacts.example.com/jobs/job.jar",
                             "parallelism": 2, "upgradeMode": "stateless"}}}));
    }
    let job = json!({"jarURI": "local:///opt/flink/examples/streaming/StateMachineExample.jar",
                     "parallelism": 2, "upgradeMode": "savepoint"});
    let app = format!("pipeline-{t}");
    docs.push(json!({"apiVersion": FKO_API, "kind": "FlinkDeployment",
        "metadata": meta(&app, ns), "spec": fko(Some(job.clone()))}));
    docs.push(json!({"apiVersion": FKO_API, "kind": "FlinkBlueGreenDeployment",
        "metadata": meta(&format!("pipeline-bg-{t}"), ns),
        "spec": {"template": {"spec": fko(Some(job))}}}));
    docs.push(json!({"apiVersion": FKO_API, "kind": "FlinkStateSnapshot",
        "metadata": meta(&format!("snap-{t}"), ns),
        "spec": {"jobReference": {"kind": "FlinkSessionJob", "name": format!("job-{t}-0")},
                 "savepoint": {"path": format!("s3://savepoints/job-{t}-0")}}}));
    docs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::graph::Graph;
    use crate::core::model::Kind;
    use std::collections::BTreeSet;

    #[test]
    fn tenants_spread_over_the_namespaces_with_every_reference_resolved() {
        let size = 20 * TENANT_SIZE + CLUSTER_SIZE + 4 * NAMESPACE_SIZE;
        let files = repository(size, 4);
        let d = design(size, 4);
        assert_eq!(d.resources.len(), size);
        let namespaces: BTreeSet<_> = d.resources.iter().filter_map(|r| r.namespace()).collect();
        assert_eq!(namespaces.len(), 5, "{namespaces:?}"); // 4 teams + platform
        assert_eq!(files.iter().filter(|f| f.path.contains("tenant-")).count(), 20);
        let g = Graph::build(&d);
        assert!(g.dangling.is_empty(), "{:?}", g.dangling.first());
        let per_tenant = (d.resources.len() - CLUSTER_SIZE - 4 * NAMESPACE_SIZE) / 20;
        assert_eq!(per_tenant, TENANT_SIZE);
    }

    #[test]
    fn every_kind_but_rest_only_ones_appears() {
        let d = design(100, 2);
        let kinds: BTreeSet<Kind> = d.resources.iter().map(|r| r.kind).collect();
        for k in [
            Kind::FlinkBlueGreenDeployment,
            Kind::CmfRestClass,
            Kind::ClusterRoleBinding,
            Kind::ObjectStore,
            Kind::CfkInstall,
            Kind::CmfInstall,
            Kind::KafkaDatabase,
        ] {
            assert!(kinds.contains(&k), "{k:?}");
        }
        assert!(!kinds.contains(&Kind::Unknown) && !kinds.contains(&Kind::Fragment));
    }

    #[test]
    fn yaml_files_import_into_the_same_design() {
        let mut d = Design::new();
        for f in repository(60, 2) {
            let (_, findings) = crate::core::import::import_text(&mut d, &f.path, &f.yaml());
            assert!(findings.is_empty(), "{findings:?}");
        }
        let docs: Vec<_> = d.resources.iter().map(|r| r.doc.clone()).collect();
        let expected: Vec<_> = design(60, 2).resources.into_iter().map(|r| r.doc).collect();
        assert_eq!(docs, expected);
    }
}
