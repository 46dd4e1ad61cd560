//! A generator of large, realistic designs, for benchmarks and scale tests.
//!
//! The design is built from repeating "tenants" of about 25 resources each: a namespace
//! with its service account, role and binding, a PVC and a ConfigMap; a CMF environment
//! with applications, a compute pool, statements, a secret, a secret mapping, a catalog
//! and a database; and an open-source session cluster with session jobs and a snapshot.
//! Everything references everything else correctly, so a generated design validates
//! with few findings, like a real one. Deterministic: the same size gives the same design.

use serde_json::{Value, json};

use super::design::Design;
use super::model::{CMF_API, FKO_API, STUDIO_API};
use super::targets::DEFAULT_FKO;

/// Resources per tenant (see the module documentation).
pub const TENANT_SIZE: usize = 25;

/// A design of about `resources` resources (rounded up to whole tenants, plus one
/// operator installation node).
pub fn design(resources: usize) -> Design {
    let mut d = Design::new();
    let tenants = resources.div_ceil(TENANT_SIZE).max(1);
    let namespaces: Vec<String> = (0..tenants).map(|t| format!("team-{t}")).collect();
    d.add(json!({
        "apiVersion": STUDIO_API, "kind": "FlinkKubernetesOperator",
        "metadata": {"name": "flink-operator"},
        "spec": {"version": DEFAULT_FKO.to_string(), "watchNamespaces": namespaces},
    }));
    for t in 0..tenants {
        for doc in tenant(t) {
            let id = d.add(doc);
            if let Some(r) = d.get_mut(id) {
                if r.is_environment_scoped() {
                    r.assigned_environment = Some(format!("env-{t}"));
                }
                if r.kind == super::model::Kind::KafkaDatabase {
                    r.assigned_catalog = Some(format!("catalog-{t}"));
                }
            }
        }
    }
    d
}

fn meta(name: &str, ns: &str) -> Value {
    json!({"name": name, "namespace": ns})
}

fn cmf(kind: &str, name: &str, spec: Value) -> Value {
    json!({"apiVersion": CMF_API, "kind": kind, "metadata": {"name": name}, "spec": spec})
}

fn tenant(t: usize) -> Vec<Value> {
    let ns = format!("team-{t}");
    let env = format!("env-{t}");
    let rbac = "rbac.authorization.k8s.io/v1";
    let mut docs = vec![
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
        json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta("flink", &ns)}),
        json!({"apiVersion": rbac, "kind": "Role", "metadata": meta("flink", &ns),
               "rules": [{"apiGroups": [""], "resources": ["pods", "configmaps"], "verbs": ["*"]},
                         {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["*"]}]}),
        json!({"apiVersion": rbac, "kind": "RoleBinding", "metadata": meta("flink-role-binding", &ns),
               "roleRef": {"apiGroup": rbac, "kind": "Role", "name": "flink"},
               "subjects": [{"kind": "ServiceAccount", "name": "flink", "namespace": ns}]}),
        json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta("flink-state", &ns),
               "spec": {"accessModes": ["ReadWriteMany"], "resources": {"requests": {"storage": "10Gi"}}}}),
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta("job-settings", &ns),
               "data": {"MODE": "production"}}),
        json!({"name": env, "kubernetesNamespace": ns,
               "flinkApplicationDefaults": {"spec": {"flinkConfiguration": {
                   "execution.checkpointing.interval": "30 s",
                   "execution.checkpointing.dir": "s3://checkpoints/apps",
                   "execution.checkpointing.savepoint-dir": "s3://savepoints/apps"}}},
               "statementDefaults": {"detached": {"flinkConfiguration": {
                   "execution.checkpointing.interval": "30 s"}}}}),
        cmf("Secret", &format!("kafka-secret-{t}"), json!({"data": {"sasl.mechanism": "PLAIN"}})),
        cmf(
            "EnvironmentSecretMapping",
            &format!("kafka-conn-{t}"),
            json!({"secretName": format!("kafka-secret-{t}")}),
        ),
        cmf(
            "KafkaCatalog",
            &format!("catalog-{t}"),
            json!({"srInstance": {
            "connectionConfig": {"schema.registry.url": "http://schema-registry:8081"},
            "connectionSecretId": format!("kafka-conn-{t}")}}),
        ),
        cmf(
            "KafkaDatabase",
            &format!("orders-{t}"),
            json!({"kafkaCluster": {
            "connectionConfig": {"bootstrap.servers": "kafka:9092"},
            "connectionSecretId": format!("kafka-conn-{t}")}, "ddlEnvironments": [env]}),
        ),
        cmf(
            "ComputePool",
            &format!("pool-{t}"),
            json!({"type": "DEDICATED", "clusterSpec": {
            "flinkVersion": "v1_19", "image": "confluentinc/cp-flink-sql:1.19-cp8",
            "flinkConfiguration": {"execution.checkpointing.dir": "s3://checkpoints/sql",
                                   "execution.checkpointing.savepoint-dir": "s3://savepoints/sql"},
            "jobManager": {"resource": {"cpu": 1, "memory": "1536m"}},
            "taskManager": {"resource": {"cpu": 1, "memory": "2048m"}}}}),
        ),
    ];
    for a in 0..3 {
        docs.push(cmf(
            "FlinkApplication",
            &format!("app-{t}-{a}"),
            json!({
            "image": "confluentinc/cp-flink:1.19.3-cp2", "flinkVersion": "v1_19",
            "serviceAccount": "flink",
            "jobManager": {"resource": {"cpu": 1, "memory": "1536m"}},
            "taskManager": {"resource": {"cpu": 1, "memory": "2048m"}},
            "job": {"jarURI": "local:///opt/flink/usrlib/app.jar", "parallelism": 2,
                    "upgradeMode": "savepoint", "state": "running"}}),
        ));
    }
    for s in 0..4 {
        docs.push(cmf("Statement", &format!("stmt-{t}-{s}"), json!({
            "statement": format!("INSERT INTO `catalog-{t}`.`orders-{t}`.sink_{s} SELECT * FROM `catalog-{t}`.`orders-{t}`.source"),
            "computePoolName": format!("pool-{t}"), "parallelism": 1,
            "properties": {"sql.current-catalog": format!("catalog-{t}"),
                           "sql.current-database": format!("orders-{t}")}})));
    }
    docs.push(
        json!({"apiVersion": FKO_API, "kind": "FlinkDeployment", "metadata": meta("session", &ns),
        "spec": {"image": "flink:1.20", "flinkVersion": "v1_20", "serviceAccount": "flink",
                 "flinkConfiguration": {"taskmanager.numberOfTaskSlots": "2"},
                 "jobManager": {"resource": {"cpu": 1, "memory": "1536m"}},
                 "taskManager": {"resource": {"cpu": 1, "memory": "2048m"}}}}),
    );
    for j in 0..4 {
        docs.push(json!({"apiVersion": FKO_API, "kind": "FlinkSessionJob",
            "metadata": meta(&format!("job-{j}"), &ns),
            "spec": {"deploymentName": "session",
                     "job": {"jarURI": "https://artifacts.example.com/jobs/job.jar",
                             "parallelism": 2, "upgradeMode": "stateless"}}}));
    }
    docs.push(
        json!({"apiVersion": FKO_API, "kind": "FlinkStateSnapshot", "metadata": meta("snap", &ns),
        "spec": {"jobReference": {"kind": "FlinkSessionJob", "name": "job-0"},
                 "savepoint": {"path": "s3://savepoints/job-0"}}}),
    );
    docs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::graph::Graph;

    #[test]
    fn tenants_are_the_advertised_size_and_fully_connected() {
        let d = design(50);
        assert_eq!(d.resources.len(), 1 + 2 * TENANT_SIZE);
        let g = Graph::build(&d);
        assert!(g.dangling.is_empty(), "{:?}", g.dangling.first());
        assert!(g.edge_count() > 2 * 20);
    }

    #[test]
    fn same_size_same_design() {
        assert_eq!(design(30), design(30));
    }
}
