//! Exports validated against the real specifications: every FKO resource of a kubectl
//! export against the `openAPIV3Schema` of its CRD (`shared/specs/crds`), every CMF
//! payload against its schema in the CMF OpenAPI (`shared/specs/cmf-openapi.yaml`), with
//! the `jsonschema` crate. Run over the whole corpus and over hand-written designs that
//! cover every kind; plus the export contract (order, no status, no studio data,
//! secrets redacted).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use flink_studio::core::design::Design;
use flink_studio::core::export::{self, ExportFile, ExportOptions, PLACEHOLDER};
use flink_studio::core::import::import_text;
use flink_studio::core::model::Kind;
use flink_studio::core::yaml;
use serde_json::{Value, json};

mod support;
use support::{corpus_designs, shared};

fn read_yaml(path: &Path) -> Value {
    let text = fs::read_to_string(path).expect("read spec");
    serde_yaml::from_str(&text).expect("spec is YAML")
}

/// CRD schemas by kind.
fn crd_schemas() -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(shared("specs/crds")).expect("crds") {
        let crd = read_yaml(&entry.expect("entry").path());
        let kind = crd["spec"]["names"]["kind"].as_str().expect("kind").to_string();
        let version = crd["spec"]["versions"]
            .as_array()
            .and_then(|v| v.iter().find(|v| v["name"] == "v1beta1"))
            .expect("v1beta1");
        out.insert(kind, version["schema"]["openAPIV3Schema"].clone());
    }
    out
}

/// A CMF OpenAPI component schema made standalone: the component, with every component
/// schema embedded so that `#/components/schemas/…` references resolve.
fn cmf_schema(openapi: &Value, component: &str) -> Value {
    let mut schema = openapi["components"]["schemas"][component].clone();
    assert!(schema.is_object(), "no schema {component}");
    schema["components"] = json!({"schemas": openapi["components"]["schemas"].clone()});
    schema
}

fn cmf_component(kind: Kind) -> &'static str {
    match kind {
        Kind::Environment => "PostEnvironment",
        Kind::Application => "FlinkApplication",
        Kind::ComputePool => "ComputePool",
        Kind::Statement => "Statement",
        Kind::KafkaCatalog => "KafkaCatalog",
        Kind::KafkaDatabase => "KafkaDatabase",
        Kind::CmfSecret => "Secret",
        Kind::SecretMapping => "EnvironmentSecretMapping",
        Kind::Artifact => "Artifact",
        other => panic!("no CMF schema for {other:?}"),
    }
}

/// Validation errors of `instance`; validators are compiled once per `key` (the CRD
/// schemas are large).
fn errors_of(key: &str, schema: &Value, instance: &Value) -> Vec<String> {
    type Cache = Mutex<BTreeMap<String, Arc<jsonschema::Validator>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let validator = {
        let mut cache = CACHE.get_or_init(Cache::default).lock().expect("cache");
        cache
            .entry(key.to_string())
            .or_insert_with(|| {
                Arc::new(jsonschema::validator_for(schema).expect("schema compiles"))
            })
            .clone()
    };
    validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path)).collect()
}

fn documents(stream: &str) -> Vec<Value> {
    let loaded = yaml::load(stream);
    assert!(loaded.problems.is_empty(), "export does not re-read: {:?}", loaded.problems);
    loaded.documents.into_iter().map(|d| d.value).collect()
}

fn fko_errors(doc: &Value, schemas: &BTreeMap<String, Value>) -> Vec<String> {
    if doc["apiVersion"] != "flink.apache.org/v1beta1" {
        return Vec::new();
    }
    doc["kind"]
        .as_str()
        .and_then(|k| schemas.get(k))
        .map_or(Vec::new(), |s| errors_of(&doc["kind"].to_string(), s, doc))
}

/// Checks the FKO documents of an export. A violation already present in the imported
/// document (a real mistake in the input, e.g. `resource:` left empty) is the user's and
/// is carried over faithfully; the export must not add any. Returns how many exported
/// documents are fully valid.
fn check_fko(
    design: &Design,
    docs: &[Value],
    schemas: &BTreeMap<String, Value>,
    label: &str,
    bad: &mut Vec<String>,
) -> usize {
    let identity = |d: &Value| {
        format!("{}/{}/{}", d["kind"], d["metadata"]["namespace"], d["metadata"]["name"])
    };
    let mut inherited: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in &design.resources {
        inherited.entry(identity(&r.doc)).or_default().extend(fko_errors(&r.doc, schemas));
    }
    let mut valid = 0;
    for doc in docs.iter().filter(|d| d["apiVersion"] == "flink.apache.org/v1beta1") {
        let errors = fko_errors(doc, schemas);
        valid += usize::from(errors.is_empty());
        let known = inherited.get(&identity(doc)).cloned().unwrap_or_default();
        for e in errors.into_iter().filter(|e| !known.contains(e)) {
            bad.push(format!("{label}: {}: {e}", identity(doc)));
        }
    }
    valid
}

fn check_cmf(files: &[ExportFile], openapi: &Value, label: &str, bad: &mut Vec<String>) {
    for f in files {
        let body: Value = serde_json::from_str(&f.content).expect("CMF payload is JSON");
        let kind = f.kind.expect("CMF files carry their kind");
        let mut components = vec![cmf_component(kind)];
        if kind == Kind::Environment {
            // The POST schema requires nothing; the resource schema requires the name and
            // the namespace, which a POST needs too.
            components.push("Environment");
        }
        for c in components {
            for e in errors_of(c, &cmf_schema(openapi, c), &body) {
                bad.push(format!("{label}: {} ({c}): {e}", f.name));
            }
        }
    }
}

#[test]
fn corpus_exports_validate_against_crds_and_openapi() {
    let schemas = crd_schemas();
    let openapi = read_yaml(&shared("specs/cmf-openapi.yaml"));
    let mut bad = Vec::new();
    let (mut fko, mut cmf) = (0, 0);
    for (label, design) in corpus_designs() {
        let docs = documents(&export::kubectl(&design, ExportOptions::default()));
        fko += check_fko(&design, &docs, &schemas, &label, &mut bad);
        assert_contract(&docs, &label);
        let files = export::cmf(&design, ExportOptions::default());
        cmf += files.len();
        check_cmf(&files, &openapi, &label, &mut bad);
    }
    assert!(fko > 50 && cmf > 20, "too little was valid or checked: {fko} FKO, {cmf} CMF");
    assert!(bad.is_empty(), "schema violations:\n{}", bad.join("\n"));
}

/// Apply order, written independently of the exporter (domain.md EXP-006, §1.b).
const ORDER: &[&[&str]] = &[
    &["CustomResourceDefinition"],
    &["Namespace"],
    &["ServiceAccount"],
    &["Role", "ClusterRole"],
    &["RoleBinding", "ClusterRoleBinding"],
    &["Secret", "ConfigMap", "PersistentVolumeClaim", "PersistentVolume", "StorageClass"],
    &[], // any other kind
    &["CMFRestClass"],
    &["FlinkEnvironment"],
    &["FlinkSecret"],
    &["FlinkEnvironmentSecretMapping"],
    &["FlinkKafkaCatalog"],
    &["FlinkKafkaDatabase"],
    &["FlinkComputePool"],
    &["FlinkStatement"],
    &["FlinkApplication@platform.confluent.io/v1beta1"],
    &["FlinkDeployment", "FlinkBlueGreenDeployment"],
    &["FlinkSessionJob"],
    &["FlinkStateSnapshot"],
];

fn group(doc: &Value) -> usize {
    let kind = doc["kind"].as_str().unwrap_or("");
    let qualified = format!("{kind}@{}", doc["apiVersion"].as_str().unwrap_or(""));
    ORDER.iter().position(|g| g.contains(&kind) || g.contains(&qualified.as_str())).unwrap_or(6)
}

const SERVER_METADATA: &[&str] =
    &["uid", "resourceVersion", "creationTimestamp", "generation", "managedFields"];

/// What every kubectl export must satisfy.
fn assert_contract(docs: &[Value], label: &str) {
    let groups: Vec<usize> = docs.iter().map(group).collect();
    for (i, pair) in groups.windows(2).enumerate() {
        assert!(
            pair[0] <= pair[1],
            "{label}: {} {} comes after {} {}",
            docs[i + 1]["kind"],
            docs[i + 1]["metadata"]["name"],
            docs[i]["kind"],
            docs[i]["metadata"]["name"]
        );
    }
    for doc in docs {
        let id = format!("{label}: {} {}", doc["kind"], doc["metadata"]["name"]);
        assert!(doc.get("status").is_none(), "{id}: status leaked");
        for key in SERVER_METADATA {
            assert!(doc["metadata"].get(*key).is_none(), "{id}: metadata.{key} leaked");
        }
        let api = doc["apiVersion"].as_str().unwrap_or("");
        assert!(!api.starts_with("studio.flinkstudio.dev"), "{id}: studio node exported");
        assert!(!api.starts_with("cmf.confluent.io"), "{id}: CMF REST payload in kubectl export");
        assert!(!api.is_empty() && doc["kind"].is_string(), "{id}: not a Kubernetes object");
        for key in ["labels", "annotations"] {
            for k in doc["metadata"][key].as_object().into_iter().flatten().map(|(k, _)| k) {
                assert!(!k.starts_with("studio.flinkstudio.dev/"), "{id}: studio {key} leaked");
            }
        }
        if api == "v1" && doc["kind"] == "Secret" {
            for key in ["data", "stringData"] {
                for v in doc[key].as_object().into_iter().flatten().map(|(_, v)| v) {
                    assert_eq!(v, PLACEHOLDER, "{id}: secret value exported");
                }
            }
        }
    }
}

/// What every CMF export must satisfy.
fn assert_cmf_contract(files: &[ExportFile], label: &str) {
    let rank = |k: Kind| {
        [
            Kind::Environment,
            Kind::CmfSecret,
            Kind::SecretMapping,
            Kind::KafkaCatalog,
            Kind::KafkaDatabase,
            Kind::ComputePool,
            Kind::Statement,
            Kind::Application,
        ]
        .iter()
        .position(|o| *o == k)
        .expect("a CMF concept")
    };
    let mut names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    names.sort_unstable();
    assert!(
        names.iter().copied().eq(files.iter().map(|f| f.name.as_str())),
        "{label}: names not in order"
    );
    for pair in files.windows(2) {
        let (a, b) = (pair[0].kind.unwrap(), pair[1].kind.unwrap());
        assert!(rank(a) <= rank(b), "{label}: {} after {}", pair[1].name, pair[0].name);
    }
    for f in files {
        let body: Value = serde_json::from_str(&f.content).expect("JSON");
        let id = format!("{label}: {}", f.name);
        assert!(body.get("status").is_none(), "{id}: status leaked");
        for key in ["created_time", "updated_time"] {
            assert!(body.get(key).is_none(), "{id}: {key} leaked");
        }
        for key in SERVER_METADATA.iter().chain(&["updateTimestamp", "namespace"][..1]) {
            assert!(body["metadata"].get(*key).is_none(), "{id}: metadata.{key} leaked");
        }
        if f.kind != Some(Kind::Environment) {
            assert_eq!(body["apiVersion"], "cmf.confluent.io/v1", "{id}");
        }
        if f.kind == Some(Kind::CmfSecret) {
            for v in body["spec"]["data"].as_object().into_iter().flatten().map(|(_, v)| v) {
                assert_eq!(v, PLACEHOLDER, "{id}: secret value exported");
            }
        }
        let scoped = matches!(
            f.kind,
            Some(Kind::Application | Kind::ComputePool | Kind::Statement | Kind::SecretMapping)
        );
        assert_eq!(scoped, f.environment.is_some() && scoped, "{id}");
    }
}

/// Every kind the studio knows, in shuffled order, with server-owned fields, studio
/// annotations and secret values sprinkled in.
const EVERY_KIND: &str = r#"
apiVersion: flink.apache.org/v1beta1
kind: FlinkStateSnapshot
metadata: {name: snap, namespace: flink, uid: "1", resourceVersion: "7"}
spec: {jobReference: {kind: FlinkDeployment, name: app}, savepoint: {path: "s3://b/sp"}, backoffLimit: 1}
status: {state: COMPLETED}
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkSessionJob
metadata: {name: job, namespace: flink}
spec: {deploymentName: session, job: {jarURI: "https://repo/x.jar", parallelism: 1, upgradeMode: stateless}}
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  name: app
  namespace: flink
  creationTimestamp: "2025-01-01T00:00:00Z"
  generation: 3
  managedFields: [{manager: kubectl}]
  annotations: {studio.flinkstudio.dev/position: "1,2", team: data}
spec:
  image: flink:1.20
  flinkVersion: v1_20
  serviceAccount: flink
  flinkConfiguration: {taskmanager.numberOfTaskSlots: "2", state.backend.type: "yes"}
  jobManager: {resource: {memory: 1024m, cpu: 1}}
  taskManager: {resource: {memory: 1024m, cpu: 1}}
  job: {jarURI: "local:///opt/flink/x.jar", parallelism: 2, upgradeMode: savepoint, state: running}
status: {lifecycleState: STABLE, jobStatus: {state: RUNNING}}
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {name: session, namespace: flink}
spec: {image: "flink:1.20", flinkVersion: v1_20, serviceAccount: flink, jobManager: {resource: {memory: 1g, cpu: 1}}, taskManager: {resource: {memory: 1g, cpu: 1}}}
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkBlueGreenDeployment
metadata: {name: bg, namespace: flink}
spec:
  template:
    spec: {image: "flink:1.20", flinkVersion: v1_20, serviceAccount: flink, job: {jarURI: "local:///x.jar", upgradeMode: savepoint}}
---
apiVersion: platform.confluent.io/v1beta1
kind: FlinkApplication
metadata: {name: cfk-app, namespace: operator}
spec: {flinkEnvironment: devel, image: "cp-flink:1.19", flinkVersion: v1_19, serviceAccount: flink, job: {jarURI: "local:///a.jar"}, cmfRestClassRef: {name: default, namespace: operator}}
status: {cfkInternalState: CREATED}
---
apiVersion: platform.confluent.io/v1beta1
kind: FlinkStatement
metadata: {name: cfk-stmt, namespace: operator}
spec: {flinkEnvironment: devel, computePoolName: pool, statement: "INSERT INTO t\nSELECT * FROM s;\n", cmfRestClassRef: {name: default, namespace: operator}}
---
apiVersion: platform.confluent.io/v1beta1
kind: FlinkKafkaDatabase
metadata: {name: cfk-db, namespace: operator}
spec: {flinkEnvironment: devel, catalogRef: {name: cat}, kafkaCluster: {connectionConfig: {bootstrap.servers: "k:9092"}}, connectionSecretRef: {name: kafka-id}, cmfRestClassRef: {name: default, namespace: operator}}
---
apiVersion: platform.confluent.io/v1beta1
kind: FlinkSecret
metadata: {name: cfk-secret, namespace: operator}
spec: {secretRef: cfk-creds, cmfRestClassRef: {name: default, namespace: operator}}
---
apiVersion: v1
kind: Secret
metadata: {name: cfk-creds, namespace: operator}
data: {sasl.jaas.config: c2VjcmV0LXZhbHVlLTE=}
stringData: {extra: secret-value-2}
---
apiVersion: platform.confluent.io/v1beta1
kind: CMFRestClass
metadata: {name: default, namespace: operator}
spec: {cmfRest: {endpoint: "https://cmf:80"}}
---
apiVersion: cmf.confluent.io/v1
kind: Statement
metadata: {name: stmt, uid: abc, creationTimestamp: x}
spec: {statement: "SELECT 1;", computePoolName: pool, parallelism: 1}
status: {phase: RUNNING}
---
apiVersion: cmf.confluent.io/v1alpha1
kind: FlinkApplication
metadata: {name: rest-app}
spec: {image: "cp-flink:1.19", flinkVersion: v1_19, serviceAccount: flink, job: {jarURI: "local:///a.jar"}}
---
apiVersion: cmf.confluent.io/v1
kind: ComputePool
metadata: {name: pool}
spec: {type: DEDICATED, clusterSpec: {flinkVersion: v1_19, image: "cp-flink-sql:1.19-cp8"}}
---
apiVersion: cmf.confluent.io/v1
kind: KafkaDatabase
metadata: {name: db}
spec: {kafkaCluster: {connectionConfig: {bootstrap.servers: "k:9092"}, connectionSecretId: kafka-id}}
---
apiVersion: cmf.confluent.io/v1
kind: KafkaCatalog
metadata: {name: cat}
spec: {srInstance: {connectionConfig: {schema.registry.url: "http://sr:8081"}, connectionSecretId: kafka-id}}
---
apiVersion: cmf.confluent.io/v1
kind: EnvironmentSecretMapping
metadata: {name: kafka-id}
spec: {secretName: kafka}
---
apiVersion: cmf.confluent.io/v1
kind: Secret
metadata: {name: kafka}
spec: {data: {sasl.jaas.config: secret-value-3}}
---
name: devel
kubernetesNamespace: flink
created_time: "2025-01-01T00:00:00Z"
flinkApplicationDefaults: {spec: {flinkConfiguration: {a: "1"}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm, namespace: flink}
data: {k: v}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: pvc, namespace: flink}
spec: {accessModes: [ReadWriteMany], resources: {requests: {storage: 1Gi}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: flink, namespace: flink}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: flink}
subjects: [{kind: ServiceAccount, name: flink, namespace: flink}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: flink-all}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: flink-all}
subjects: [{kind: ServiceAccount, name: flink, namespace: flink}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: flink, namespace: flink}
rules: [{apiGroups: [""], resources: [pods, configmaps], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: flink-all}
rules: []
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: flink, namespace: flink}
---
apiVersion: v1
kind: Namespace
metadata: {name: flink}
status: {phase: Active}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: flink}
spec: {anything: [1, {b: "on"}]}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec: {group: example.com}
---
spec: {flinkConfiguration: {fragment.key: "1"}}
---
apiVersion: studio.flinkstudio.dev/v1
kind: FlinkKubernetesOperator
metadata: {name: fko}
spec: {version: 1.15.0, namespace: flink-operator, watchNamespaces: []}
---
apiVersion: studio.flinkstudio.dev/v1
kind: KafkaCluster
metadata: {name: kafka}
spec: {bootstrapServers: "k:9092"}
"#;

fn every_kind(with_rest_class: bool) -> Design {
    let text = if with_rest_class {
        EVERY_KIND.to_string()
    } else {
        EVERY_KIND.replace("kind: CMFRestClass", "kind: NotARestClass")
    };
    let mut d = Design::new();
    let (_, problems) = import_text(&mut d, "every.yaml", &text);
    assert!(problems.iter().all(|p| !p.rule.starts_with("IMP-SYNTAX")), "{problems:?}");
    d.assign_scopes(Some("devel"), Some("cat"));
    d
}

fn kinds(docs: &[Value]) -> Vec<String> {
    docs.iter().map(|d| d["kind"].as_str().unwrap_or("").to_string()).collect()
}

#[test]
fn every_kind_exports_in_apply_order_without_server_or_studio_data() {
    let schemas = crd_schemas();
    let openapi = read_yaml(&shared("specs/cmf-openapi.yaml"));
    let design = every_kind(true);
    let stream = export::kubectl(&design, ExportOptions::default());
    let docs = documents(&stream);
    assert_contract(&docs, "every kind");
    let mut bad = Vec::new();
    assert_eq!(check_fko(&design, &docs, &schemas, "every kind", &mut bad), 5);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    let order = kinds(&docs);
    let pos = |k: &str| {
        order.iter().position(|o| o == k).unwrap_or_else(|| panic!("{k} missing: {order:?}"))
    };
    assert_eq!(order[0], "CustomResourceDefinition");
    assert!(pos("Namespace") < pos("ServiceAccount") && pos("ServiceAccount") < pos("Role"));
    assert!(pos("Secret") < pos("FlinkSecret") && pos("CMFRestClass") < pos("FlinkEnvironment"));
    assert!(pos("FlinkDeployment") < pos("FlinkSessionJob"));
    assert_eq!(order.last().map(String::as_str), Some("FlinkStateSnapshot"));
    // Unknown kinds pass through unchanged; studio nodes and the fragment do not.
    let widget = docs.iter().find(|d| d["kind"] == "Widget").expect("unknown kind kept");
    assert_eq!(widget["spec"], json!({"anything": [1, {"b": "on"}]}));
    assert!(!order.iter().any(|k| k == "FlinkKubernetesOperator" || k == "KafkaCluster"));
    assert!(stream.contains("Fragment (every.yaml"), "fragment not listed:\n{stream}");
    // CMF REST payloads became CFK CRs in the rest class's namespace.
    let converted: Vec<&Value> =
        docs.iter().filter(|d| d["metadata"]["name"] == "rest-app").collect();
    assert_eq!(converted.len(), 1);
    assert_eq!(converted[0]["kind"], "FlinkApplication");
    assert_eq!(converted[0]["metadata"]["namespace"], "operator");
    assert_eq!(converted[0]["spec"]["flinkEnvironment"], "devel");
    let db = docs.iter().find(|d| d["metadata"]["name"] == "db").expect("database converted");
    assert_eq!(db["spec"]["connectionSecretRef"], json!({"name": "kafka-id"}));
    assert!(!stream.contains("secret-value"), "secret value in:\n{stream}");
    assert!(stream.contains("# Secret values replaced by"), "{stream}");
    // And with secrets included, the values are there.
    let open = export::kubectl(&design, ExportOptions { include_secrets: true });
    for v in ["c2VjcmV0LXZhbHVlLTE=", "secret-value-2", "secret-value-3"] {
        assert!(open.contains(v), "{v} missing with --include-secrets");
    }

    let files = export::cmf(&design, ExportOptions::default());
    assert_cmf_contract(&files, "every kind");
    let mut bad = Vec::new();
    check_cmf(&files, &openapi, "every kind", &mut bad);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "01-environment-devel.json",
            "02-secret-cfk-secret.json",
            "03-secret-kafka.json",
            "04-secret-mapping-kafka-id.json",
            "05-kafka-catalog-cat.json",
            "06-kafka-database-cfk-db.json",
            "07-kafka-database-db.json",
            "08-compute-pool-pool.json",
            "09-statement-cfk-stmt.json",
            "10-statement-stmt.json",
            "11-application-cfk-app.json",
            "12-application-rest-app.json",
        ]
    );
    let stmt = files.iter().find(|f| f.object == "stmt").unwrap();
    assert_eq!(stmt.collection_path().as_deref(), Some("/environments/devel/statements"));
    let db = files.iter().find(|f| f.object == "cfk-db").unwrap();
    assert_eq!(db.catalog.as_deref(), Some("cat"));
    let body: Value = serde_json::from_str(&db.content).unwrap();
    assert_eq!(body["spec"]["kafkaCluster"]["connectionSecretId"], "kafka-id");
    assert!(
        body["spec"].get("flinkEnvironment").is_none()
            && body["spec"].get("cmfRestClassRef").is_none()
    );
    let open = export::cmf(&design, ExportOptions { include_secrets: true });
    let secret = open.iter().find(|f| f.object == "cfk-secret").unwrap();
    let body: Value = serde_json::from_str(&secret.content).unwrap();
    assert_eq!(
        body["spec"]["data"],
        json!({"sasl.jaas.config": "secret-value-1", "extra": "secret-value-2"})
    );
}

#[test]
fn without_a_rest_class_cmf_payloads_are_listed_not_exported() {
    let stream = export::kubectl(&every_kind(false), ExportOptions::default());
    let head: Vec<&str> = stream.lines().take_while(|l| l.starts_with('#')).collect();
    let head = head.join("\n");
    assert!(head.contains("fstudio export --to cmf"), "{head}");
    for name in ["Statement stmt", "FlinkApplication rest-app", "Environment devel", "Secret kafka"]
    {
        assert!(head.contains(name), "{name} not listed:\n{head}");
    }
    let docs = documents(&stream);
    assert_contract(&docs, "no rest class");
    assert!(!docs.iter().any(|d| d["metadata"]["name"] == "rest-app"));
}

#[test]
fn without_secrets_every_literal_credential_is_replaced_not_only_secret_data() {
    let mut design = Design::new();
    design.add(json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
        "metadata": {"name": "orders", "namespace": "flink"},
        "spec": {"flinkConfiguration": {"s3.secret-key": "exp-leak-1"},
            "podTemplate": {"spec": {"containers": [{"name": "flink-main-container",
                "args": ["--db-password", "exp-leak-2"],
                "env": [{"name": "DB_PASSWORD", "value": "exp-leak-3"}, {"name": "TOPIC", "value": "orders"}]}]}}}}));
    design.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "KafkaCatalog",
        "metadata": {"name": "cat"}, "spec": {"srInstance": {"connectionConfig": {
            "schema.registry.url": "http://sr:8081", "basic.auth.user.info": "u:exp-leak-4"}}}}));
    let stream = export::kubectl(&design, ExportOptions::default());
    assert!(!stream.contains("exp-leak"), "{stream}");
    assert!(
        stream.contains("# Literal credentials replaced by \"<redacted>\" (s3.secret-key, args: --db-password …, env DB_PASSWORD)"),
        "{stream}"
    );
    let doc = &documents(&stream)[0];
    let main = &doc["spec"]["podTemplate"]["spec"]["containers"][0];
    assert_eq!(main["env"][1], json!({"name": "TOPIC", "value": "orders"}));
    assert_eq!(main["args"], json!(["--db-password", PLACEHOLDER]));
    let cmf = export::cmf(&design, ExportOptions::default());
    let cat = cmf.iter().find(|f| f.object == "cat").unwrap();
    assert!(!cat.content.contains("exp-leak"), "{}", cat.content);
    assert!(cat.notes.iter().any(|n| n.contains("basic.auth.user.info")), "{:?}", cat.notes);
    let open = export::kubectl(&design, ExportOptions { include_secrets: true });
    for v in ["exp-leak-1", "exp-leak-2", "exp-leak-3"] {
        assert!(open.contains(v), "{v} missing with --include-secrets");
    }
}

#[test]
fn the_artifact_template_exports_what_the_cmf_2_4_openapi_describes() {
    let openapi = read_yaml(&shared("specs/cmf-openapi-2.4.0.yaml"));
    let template = flink_studio::core::templates::by_id("cmf-artifacts").expect("template");
    let (design, problems) = template.design();
    assert!(problems.is_empty(), "{problems:?}");
    let files = export::cmf(&design, ExportOptions::default());
    let kinds: Vec<Kind> = files.iter().filter_map(|f| f.kind).collect();
    assert_eq!(kinds.iter().filter(|k| **k == Kind::Artifact).count(), 2, "{kinds:?}");
    assert_eq!(kinds[1], Kind::Artifact, "artifacts come right after the environment");
    let mut bad = Vec::new();
    check_cmf(&files, &openapi, "cmf-artifacts", &mut bad);
    assert!(bad.is_empty(), "schema violations:\n{}", bad.join("\n"));
    for f in files.iter().filter(|f| f.kind == Some(Kind::Artifact)) {
        assert!(
            !f.content.contains("studio.flinkstudio.dev"),
            "studio data exported: {}",
            f.content
        );
    }
    let stmt = files.iter().find(|f| f.object == "orders-in-eur").expect("statement");
    assert!(stmt.content.contains("savepointSchedule") && stmt.content.contains("upgradeMode"));
}
