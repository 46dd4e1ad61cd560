//! Connections per kind pair, refusals, and agreement with the graph.

use serde_json::json;

use super::*;
use crate::core::edit::{Edit, apply};
use crate::core::generate;
use crate::core::graph::Graph;
use crate::core::import::import_text;

const SAMPLE: &str = "\
apiVersion: v1
kind: Namespace
metadata: {name: flink}
---
apiVersion: v1
kind: Namespace
metadata: {name: other}
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {name: session, namespace: flink}
spec: {flinkVersion: v1_20}
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {name: app, namespace: flink}
spec: {job: {jarURI: 'local:///a.jar'}}
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkSessionJob
metadata: {name: job, namespace: flink}
spec: {job: {jarURI: 'local:///b.jar'}}
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkSessionJob
metadata: {name: far, namespace: other}
spec: {}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: flink, namespace: flink}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ckpt, namespace: flink}
---
name: dev
kubernetesNamespace: flink
---
name: prod
kubernetesNamespace: other
---
apiVersion: cmf.confluent.io/v1
kind: ComputePool
metadata: {name: pool}
spec: {type: DEDICATED}
---
apiVersion: cmf.confluent.io/v1
kind: Statement
metadata: {name: st}
spec: {statement: SELECT 1}
---
apiVersion: cmf.confluent.io/v1
kind: KafkaCatalog
metadata: {name: kafka-cat}
spec: {}
---
apiVersion: cmf.confluent.io/v1
kind: KafkaDatabase
metadata: {name: db}
spec: {}
---
apiVersion: cmf.confluent.io/v1
kind: EnvironmentSecretMapping
metadata: {name: kafka-conn}
spec: {}
---
apiVersion: cmf.confluent.io/v1
kind: Secret
metadata: {name: creds}
spec: {data: {}}
---
apiVersion: studio.flinkstudio.dev/v1
kind: FlinkKubernetesOperator
metadata: {name: fko}
spec: {watchNamespaces: [other]}
---
apiVersion: platform.confluent.io/v1beta1
kind: FlinkApplication
metadata: {name: cfk-app, namespace: flink}
spec: {}
---
apiVersion: platform.confluent.io/v1beta1
kind: CMFRestClass
metadata: {name: default, namespace: confluent}
spec: {}
---
apiVersion: studio.flinkstudio.dev/v1
kind: KafkaCluster
metadata: {name: kafka, namespace: confluent}
spec: {bootstrapServers: 'kafka.confluent.svc.cluster.local:9071'}
---
apiVersion: studio.flinkstudio.dev/v1
kind: SchemaRegistry
metadata: {name: sr, namespace: confluent}
spec: {url: 'http://schemaregistry.confluent.svc.cluster.local:8081'}
---
apiVersion: studio.flinkstudio.dev/v1
kind: CmfService
metadata: {name: cmf, namespace: confluent}
spec: {url: 'https://cmf-service.confluent.svc.cluster.local:8080'}
---
apiVersion: studio.flinkstudio.dev/v1
kind: ObjectStore
metadata: {name: minio}
spec: {type: minio}
";

fn sample() -> Design {
    let mut d = Design::new();
    import_text(&mut d, "s.yaml", SAMPLE);
    d
}

fn id(d: &Design, kind: Kind, name: &str) -> ResourceId {
    d.of_kind(kind).find(|r| r.name() == name).map(|r| r.id).expect(name)
}

fn connect(d: &mut Design, from: ResourceId, to: ResourceId) -> Result<String, String> {
    apply(d, Edit::Connect { from, to }).map(|a| a.change.label).map_err(|e| e.to_string())
}

#[test]
fn each_pair_sets_its_field() {
    let mut d = sample();
    let k = |d: &Design, kind, name| id(d, kind, name);
    let (job, session) =
        (k(&d, Kind::FlinkSessionJob, "job"), k(&d, Kind::FlinkDeployment, "session"));
    connect(&mut d, job, session).unwrap();
    assert_eq!(d.get(job).unwrap().spec_str(&["deploymentName"]), Some("session"));

    let (st, pool) = (k(&d, Kind::Statement, "st"), k(&d, Kind::ComputePool, "pool"));
    let dev = k(&d, Kind::Environment, "dev");
    assert_eq!(connect(&mut d, pool, dev).unwrap(), "Connect pool to dev (environment)");
    assert_eq!(d.get(pool).unwrap().environment(), Some("dev"));
    // The statement had no environment: it joins the pool's.
    connect(&mut d, st, pool).unwrap();
    assert_eq!(d.get(st).unwrap().spec_str(&["computePoolName"]), Some("pool"));
    assert_eq!(d.get(st).unwrap().environment(), Some("dev"));

    let (db, cat) = (k(&d, Kind::KafkaDatabase, "db"), k(&d, Kind::KafkaCatalog, "kafka-cat"));
    assert_eq!(connect(&mut d, db, cat).unwrap(), "Connect db to kafka-cat (catalog)");
    assert_eq!(d.get(db).unwrap().catalog(), Some("kafka-cat"));
    connect(&mut d, st, db).unwrap();
    let props = d.get(st).unwrap().spec_get(&["properties"]).cloned();
    assert_eq!(
        props,
        Some(json!({"sql.current-database": "db", "sql.current-catalog": "kafka-cat"}))
    );

    let (map, secret) = (k(&d, Kind::SecretMapping, "kafka-conn"), k(&d, Kind::CmfSecret, "creds"));
    connect(&mut d, db, map).unwrap();
    assert_eq!(
        d.get(db).unwrap().spec_str(&["kafkaCluster", "connectionSecretId"]),
        Some("kafka-conn")
    );
    connect(&mut d, map, secret).unwrap();
    assert_eq!(d.get(map).unwrap().spec_str(&["secretName"]), Some("creds"));

    let (app, sa, pvc) = (
        k(&d, Kind::FlinkDeployment, "app"),
        k(&d, Kind::ServiceAccount, "flink"),
        k(&d, Kind::PersistentVolumeClaim, "ckpt"),
    );
    connect(&mut d, app, sa).unwrap();
    assert_eq!(d.get(app).unwrap().spec_str(&["serviceAccount"]), Some("flink"));
    connect(&mut d, app, pvc).unwrap();
    connect(&mut d, app, pvc).unwrap();
    let volumes = d.get(app).unwrap().spec_get(&["podTemplate", "spec", "volumes"]).cloned();
    assert_eq!(
        volumes,
        Some(json!([{"name": "ckpt", "persistentVolumeClaim": {"claimName": "ckpt"}}]))
    );

    let (fko, flink) = (k(&d, Kind::FkoInstall, "fko"), k(&d, Kind::Namespace, "flink"));
    assert_eq!(
        connect(&mut d, fko, flink).unwrap(),
        "Connect fko to flink (spec.watchNamespaces.1)"
    );
    assert_eq!(
        d.get(fko).unwrap().spec_get(&["watchNamespaces"]),
        Some(&json!(["other", "flink"]))
    );

    let (cfk_app, rest) =
        (k(&d, Kind::Application, "cfk-app"), k(&d, Kind::CmfRestClass, "default"));
    connect(&mut d, cfk_app, rest).unwrap();
    let rest_ref = d.get(cfk_app).unwrap().spec_get(&["cmfRestClassRef"]).cloned();
    assert_eq!(rest_ref, Some(json!({"name": "default", "namespace": "confluent"})));

    let (kafka, sr, cmf) = (
        k(&d, Kind::KafkaCluster, "kafka"),
        k(&d, Kind::SchemaRegistry, "sr"),
        k(&d, Kind::CmfInstall, "cmf"),
    );
    assert_eq!(
        connect(&mut d, db, kafka).unwrap(),
        "Connect db to kafka (spec.kafkaCluster.connectionConfig.bootstrap.servers)"
    );
    let servers = ["kafkaCluster", "connectionConfig", "bootstrap.servers"];
    assert_eq!(
        d.get(db).unwrap().spec_str(&servers),
        Some("kafka.confluent.svc.cluster.local:9071")
    );
    connect(&mut d, cat, sr).unwrap();
    let url =
        d.get(cat).unwrap().spec_str(&["srInstance", "connectionConfig", "schema.registry.url"]);
    assert_eq!(url, Some("http://schemaregistry.confluent.svc.cluster.local:8081"));
    connect(&mut d, rest, cmf).unwrap();
    let endpoint = d.get(rest).unwrap().spec_str(&["cmfRest", "endpoint"]);
    assert_eq!(endpoint, Some("https://cmf-service.confluent.svc.cluster.local:8080"));

    let (far, other) = (k(&d, Kind::FlinkSessionJob, "far"), k(&d, Kind::Namespace, "flink"));
    assert_eq!(connect(&mut d, far, other).unwrap(), "Move far to namespace flink");
    assert_eq!(d.get(far).unwrap().namespace(), Some("flink"));
}

#[test]
fn refusals_say_why() {
    let mut d = sample();
    let k = |d: &Design, kind, name| id(d, kind, name);
    let cases = [
        (
            k(&d, Kind::FlinkSessionJob, "job"),
            k(&d, Kind::FlinkDeployment, "app"),
            "a FlinkSessionJob can only run on a FlinkDeployment without a job (a session \
             cluster); `app` runs a job",
        ),
        (
            k(&d, Kind::FlinkSessionJob, "far"),
            k(&d, Kind::FlinkDeployment, "session"),
            "a FlinkSessionJob can only reference a FlinkDeployment in its own namespace; `far` \
             is in `other` and `session` in `flink` (move one of them first)",
        ),
        (
            k(&d, Kind::ComputePool, "pool"),
            k(&d, Kind::Namespace, "flink"),
            "CMF objects are not Kubernetes objects: an environment places `pool` in a \
             namespace; drop it on an environment instead",
        ),
        (
            k(&d, Kind::FlinkDeployment, "app"),
            k(&d, Kind::ComputePool, "pool"),
            "a FlinkDeployment has no field that can reference a ComputePool",
        ),
        (
            k(&d, Kind::FlinkDeployment, "app"),
            k(&d, Kind::ObjectStore, "minio"),
            "a FlinkDeployment uses an object store through the locations it names: write an \
             `s3://<bucket>/…` path (a bucket `minio` lists) in its checkpoint or savepoint \
             directory or jar URI",
        ),
        (
            k(&d, Kind::FlinkDeployment, "app"),
            k(&d, Kind::CmfRestClass, "default"),
            "only Confluent for Kubernetes custom resources use a CMFRestClass; `app` is a \
             FlinkDeployment",
        ),
    ];
    for (from, to, why) in cases {
        let before = d.clone();
        assert_eq!(connect(&mut d, from, to).unwrap_err(), format!("connection refused: {why}"));
        assert_eq!(d, before);
    }
    let (st, pool, prod) = (
        k(&d, Kind::Statement, "st"),
        k(&d, Kind::ComputePool, "pool"),
        k(&d, Kind::Environment, "prod"),
    );
    let dev = k(&d, Kind::Environment, "dev");
    connect(&mut d, st, prod).unwrap();
    connect(&mut d, pool, dev).unwrap();
    let err = connect(&mut d, st, pool).unwrap_err();
    assert!(err.contains("`st` is in `prod` and `pool` in `dev`"), "{err}");
}

#[test]
fn targets_for_lists_valid_drops_only() {
    let d = sample();
    let job = id(&d, Kind::FlinkSessionJob, "job");
    let names: Vec<&str> =
        targets_for(&d, job).into_iter().filter_map(|t| d.get(t)).map(|r| r.name()).collect();
    assert_eq!(names, ["flink", "other", "session"]);
}

/// Every connection offered, once applied, is an edge of the graph (or a namespace move).
#[test]
fn every_offered_connection_becomes_a_graph_edge() {
    let mut d = generate::design(50);
    import_text(&mut d, "s.yaml", SAMPLE);
    let ids: Vec<ResourceId> = d.resources.iter().map(|r| r.id).collect();
    let mut offered = 0;
    for &from in &ids {
        for to in targets_for(&d, from) {
            let c = connection(&d, from, to).unwrap();
            let mut after = d.clone();
            apply(&mut after, Edit::Connect { from, to }).unwrap();
            match c.edge {
                Some(edge) => {
                    let g = Graph::build(&after);
                    assert!(g.targets(from, edge).contains(&to), "{c:?}");
                }
                None => assert_eq!(
                    after.get(from).unwrap().namespace(),
                    after.get(to).map(|t| t.name())
                ),
            }
            offered += 1;
        }
    }
    assert!(offered > 300, "only {offered} connections offered");
}
