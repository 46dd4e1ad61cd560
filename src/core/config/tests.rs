//! Precedence and provenance of the merge engines (domain.md §3).

use super::*;
use crate::core::import::import_text;

fn configs(yaml: &str) -> Vec<EffectiveConfig> {
    let mut design = Design::new();
    let (_, problems) = import_text(&mut design, "t.yaml", yaml);
    assert!(problems.is_empty(), "{problems:?}");
    design.assign_scopes(None, None);
    let graph = Graph::build(&design);
    effective_configs(&design, &graph, &Targets::default())
}

fn find<'a>(cs: &'a [EffectiveConfig], name: &str, scope: Scope) -> &'a EffectiveConfig {
    cs.iter()
        .find(|c| c.reference.name == name && c.scope == scope)
        .unwrap_or_else(|| panic!("no {scope:?} config for {name}"))
}

/// (value, layer, path) of the winner, then (value, layer) of each overridden value.
fn chain(c: &EffectiveConfig, key: &str) -> (String, Layer, String, Vec<(String, Layer)>) {
    let e = c.get(key).unwrap_or_else(|| panic!("{key} not set in {}", c.label));
    let over = e.overridden.iter().map(|o| (o.value.clone(), o.source.layer)).collect();
    (e.value.clone(), e.source.layer, e.source.path.clone(), over)
}

const OPERATOR: &str = "apiVersion: studio.flinkstudio.dev/v1
kind: FlinkKubernetesOperator
metadata: {name: fko}
spec:
  version: 1.15.0
  watchNamespaces: []
  defaultConfiguration:
    taskmanager.numberOfTaskSlots: 2
    pipeline.name: from-operator
    kubernetes.operator.default-configuration.namespace.team-a.pipeline.name: from-namespace
    kubernetes.operator.default-configuration.flink-version.v1_18+.web.cancel.enable: 'true'
    kubernetes.operator.default-configuration.flink-version.v1_20.pipeline.name: from-version
    kubernetes.operator.default-configuration.flink-version.v2_0.rest.port: '1'
";

#[test]
fn fko_layers_in_order_with_provenance() {
    let cs = configs(&format!(
        "{OPERATOR}---
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {{name: app, namespace: team-a}}
spec:
  flinkVersion: v1_20
  image: flink:1.20
  serviceAccount: flink
  flinkConfiguration:
    taskmanager: {{numberOfTaskSlots: 4}}
    kubernetes.container.image.ref: ignored:1
    kubernetes.cluster-id: forbidden
  jobManager: {{resource: {{memory: 2048m, cpu: 1}}}}
  taskManager: {{resource: {{memory: 4g, cpu: 2}}, replicas: 3}}
  job: {{jarURI: local:///opt/job.jar, parallelism: 7, upgradeMode: last-state}}
"
    ));
    let c = find(&cs, "app", Scope::Cluster);
    // Operator default → namespace default → exact-version default (v2_0 does not apply).
    assert_eq!(
        chain(c, "pipeline.name"),
        (
            "from-version".into(),
            Layer::OperatorVersionDefaults,
            "/spec/defaultConfiguration/kubernetes.operator.default-configuration.flink-version.v1_20.pipeline.name".into(),
            vec![
                ("from-namespace".into(), Layer::OperatorNamespaceDefaults),
                ("from-operator".into(), Layer::OperatorDefaults)
            ]
        )
    );
    assert_eq!(c.value("web.cancel.enable"), Some("true"), "v1_18+ applies to 1.20");
    assert_eq!(c.value("rest.port"), None);
    // Nested flinkConfiguration beats operator node beats chart default.
    let (v, layer, path, over) = chain(c, "taskmanager.numberOfTaskSlots");
    assert_eq!((v.as_str(), layer), ("4", Layer::Resource));
    assert_eq!(path, "/spec/flinkConfiguration/taskmanager/numberOfTaskSlots");
    assert_eq!(
        over,
        [("2".into(), Layer::OperatorDefaults), ("1".into(), Layer::OperatorDefaults)]
    );
    // Spec fields overwrite flinkConfiguration; TM replicas × slots beats job.parallelism.
    let (v, layer, path, over) = chain(c, "kubernetes.container.image.ref");
    assert_eq!((v.as_str(), layer, path.as_str()), ("flink:1.20", Layer::SpecField, "/spec/image"));
    assert_eq!(over, [("ignored:1".into(), Layer::Resource)]);
    assert_eq!(chain(c, "parallelism.default").0, "12");
    assert_eq!(chain(c, "parallelism.default").2, "/spec/taskManager/replicas");
    assert_eq!(c.value("jobmanager.memory.process.size"), Some("2048m"));
    assert_eq!(c.value("kubernetes.taskmanager.cpu.amount"), Some("2"));
    assert_eq!(c.value("execution.target"), Some("kubernetes-application"));
    assert_eq!(c.value("pipeline.jars"), Some("local:///opt/job.jar"));
    // Fill-in for last-state, forced keys at the end.
    let (v, layer, path, _) = chain(c, "execution.checkpointing.interval");
    assert_eq!(
        (v.as_str(), layer, path.as_str()),
        ("5 min", Layer::OperatorFillIn, "/spec/job/upgradeMode")
    );
    let (v, layer, _, over) = chain(c, "kubernetes.cluster-id");
    assert_eq!((v.as_str(), layer), ("app", Layer::OperatorForced));
    assert_eq!(over, [("forbidden".into(), Layer::Resource)]);
    assert_eq!(c.value("kubernetes.namespace"), Some("team-a"));
    assert_eq!(c.flink_version, Some(FlinkVersion::new(1, 20)));
}

#[test]
fn deprecated_aliases_merge_into_one_key_and_the_canonical_name_wins() {
    let cs = configs(
        &format!(
            "{OPERATOR}---
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {{name: a, namespace: x}}
spec:
  flinkVersion: v2_0
  flinkConfiguration:
    state.checkpoints.dir: s3://cr/ckp
    state.backend: rocksdb
    high-availability.type: kubernetes
"
        )
        .replace("pipeline.name: from-operator", "execution.checkpointing.dir: s3://op/ckp"),
    );
    let c = find(&cs, "a", Scope::Cluster);
    let e = c.get("state.checkpoints.dir").expect("either name finds the entry");
    assert_eq!(e.key, "execution.checkpointing.dir");
    // Flink reads the canonical key first, whatever layer set the alias.
    assert_eq!(e.value, "s3://op/ckp");
    assert_eq!(e.source.layer, Layer::OperatorDefaults);
    assert_eq!(e.overridden[0].value, "s3://cr/ckp");
    assert_eq!(e.overridden[0].source.path, "/spec/flinkConfiguration/state.checkpoints.dir");
    assert!(e.has_alias());
    assert_eq!(c.value("state.backend.type"), Some("rocksdb"));
    assert_eq!(c.value("high-availability.cluster-id"), Some("a"), "HA active → forced");
}

#[test]
fn session_job_sits_on_its_session_cluster() {
    let cs = configs(
        "apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {name: session, namespace: ns}
spec:
  flinkVersion: v1_19
  flinkConfiguration: {taskmanager.numberOfTaskSlots: '3', pipeline.name: cluster}
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkSessionJob
metadata: {name: job, namespace: ns}
spec:
  deploymentName: session
  flinkConfiguration: {pipeline.name: mine}
  job: {jarURI: 'https://x/j.jar', parallelism: 2}
",
    );
    let c = find(&cs, "job", Scope::Cluster);
    assert_eq!(chain(c, "taskmanager.numberOfTaskSlots").1, Layer::SessionCluster);
    assert_eq!(
        chain(c, "pipeline.name"),
        (
            "mine".into(),
            Layer::Resource,
            "/spec/flinkConfiguration/pipeline.name".into(),
            vec![("cluster".into(), Layer::SessionCluster)]
        )
    );
    assert_eq!(c.value("parallelism.default"), Some("2"));
    assert_eq!(c.flink_version, Some(FlinkVersion::new(1, 19)));
    let session = find(&cs, "session", Scope::Cluster);
    assert_eq!(session.value("execution.target"), Some("kubernetes-session"));
}

const ENVIRONMENT: &str = r#"{"name": "prod", "kubernetesNamespace": "flink-prod",
 "flinkApplicationDefaults": {"spec": {"flinkConfiguration": {"pipeline.name": "env",
   "state.checkpoints.dir": "s3://env/ckp"}, "taskManager": {"resource": {"memory": "8g"}}}},
 "computePoolDefaults": {"clusterSpec": {"flinkVersion": "v1_19",
   "flinkConfiguration": {"taskmanager.numberOfTaskSlots": "8", "rest.port": "9000"}}},
 "statementDefaults": {"detached": {"flinkConfiguration": {"pipeline.name": "detached-env"}},
   "interactive": {"flinkConfiguration": {"pipeline.name": "interactive-env"}}}}
"#;

#[test]
fn environment_application_defaults_win_over_the_application() {
    let cs = configs(&format!(
        "{ENVIRONMENT}---
apiVersion: cmf.confluent.io/v1
kind: FlinkApplication
metadata: {{name: orders}}
spec:
  flinkVersion: v1_19
  image: confluentinc/cp-flink:1.19
  flinkConfiguration: {{pipeline.name: app, execution.checkpointing.dir: s3://app/ckp}}
  taskManager: {{resource: {{memory: 2g, cpu: 1}}}}
  job: {{jarURI: local:///j.jar}}
"
    ));
    let c = find(&cs, "orders", Scope::Cluster);
    let (v, layer, path, over) = chain(c, "pipeline.name");
    assert_eq!((v.as_str(), layer), ("env", Layer::EnvironmentApplicationDefaults));
    assert_eq!(path, "/flinkApplicationDefaults/spec/flinkConfiguration/pipeline.name");
    assert_eq!(over, [("app".into(), Layer::Resource)]);
    // In 1.19 `state.checkpoints.dir` is the canonical key; the newer name is another key.
    assert_eq!(c.get("state.checkpoints.dir").unwrap().value, "s3://env/ckp");
    // Non-flinkConfiguration fields: environment wins, flagged unverified.
    let mem = c.get("taskmanager.memory.process.size").unwrap();
    assert_eq!((mem.value.as_str(), mem.unverified), ("8g", true));
    assert_eq!(mem.source.path, "/flinkApplicationDefaults/spec/taskManager/resource/memory");
    assert!(!c.get("kubernetes.taskmanager.cpu.amount").unwrap().unverified);
    assert_eq!(c.value("kubernetes.namespace"), Some("flink-prod"));
    assert_eq!(c.namespace.as_deref(), Some("flink-prod"));
}

const POOL: &str = r#"---
apiVersion: cmf.confluent.io/v1
kind: ComputePool
metadata: {name: pool}
spec:
  type: DEDICATED
  clusterSpec:
    flinkConfiguration: {taskmanager.numberOfTaskSlots: '2', pipeline.name: pool}
    taskManager: {resource: {memory: 1g}}
"#;

#[test]
fn pool_wins_over_compute_pool_defaults_unverified() {
    let cs = configs(&format!("{ENVIRONMENT}{POOL}"));
    let c = find(&cs, "pool", Scope::Cluster);
    let e = c.get("taskmanager.numberOfTaskSlots").unwrap();
    assert_eq!((e.value.as_str(), e.source.layer, e.unverified), ("2", Layer::ComputePool, true));
    assert_eq!(e.overridden[0].source.layer, Layer::EnvironmentPoolDefaults);
    assert_eq!(
        e.overridden[0].source.path,
        "/computePoolDefaults/clusterSpec/flinkConfiguration/taskmanager.numberOfTaskSlots"
    );
    let port = c.get("rest.port").unwrap();
    assert_eq!((port.source.layer, port.unverified), (Layer::EnvironmentPoolDefaults, false));
    assert_eq!(c.flink_version, Some(FlinkVersion::new(1, 19)), "version from computePoolDefaults");
}

#[test]
fn statement_has_cluster_and_job_configs_and_statement_defaults_win() {
    let statement = |name: &str, sql: &str| {
        format!(
            "---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: {name}}}\n\
             spec:\n  computePoolName: pool\n  statement: \"{sql}\"\n  parallelism: 4\n  \
             flinkConfiguration: {{pipeline.name: stmt, parallelism.default: '9'}}\n"
        )
    };
    let yaml = format!(
        "{ENVIRONMENT}{POOL}{}{}{}",
        statement("ins", "-- load\\nINSERT INTO t SELECT * FROM s"),
        statement("sel", "/* peek */ select 1"),
        statement("ddl", "CREATE TABLE t (a INT)"),
    );
    let cs = configs(&yaml);
    let job = find(&cs, "ins", Scope::Job);
    assert_eq!(
        chain(job, "pipeline.name"),
        (
            "detached-env".into(),
            Layer::EnvironmentStatementDefaults,
            "/statementDefaults/detached/flinkConfiguration/pipeline.name".into(),
            vec![("stmt".into(), Layer::Resource), ("pool".into(), Layer::ComputePool)]
        )
    );
    let p = job.get("parallelism.default").unwrap();
    assert_eq!((p.value.as_str(), p.source.layer, p.unverified), ("4", Layer::SpecField, true));
    assert_eq!(find(&cs, "sel", Scope::Job).value("pipeline.name"), Some("interactive-env"));
    // The cluster of a dedicated pool is the statement's own; process keys come from the pool.
    let cluster = find(&cs, "ins", Scope::Cluster);
    assert_eq!(cluster.value("kubernetes.cluster-id"), Some("ins"));
    assert_eq!(cluster.value("taskmanager.numberOfTaskSlots"), Some("2"));
    assert_eq!(cluster.value("taskmanager.memory.process.size"), Some("1g"));
    assert!(cs.iter().all(|c| c.reference.name != "ddl"), "DDL runs inside CMF");
}

#[test]
fn statement_jobs_follow_the_sql_classifier() {
    use super::cmf::job_branch;
    let classified = |branch| Some((branch, "classified from its SQL"));
    assert_eq!(job_branch("  -- x\n /* y */ SELECT 1"), classified("interactive"));
    assert_eq!(job_branch("EXECUTE STATEMENT SET BEGIN"), classified("detached"));
    assert_eq!(job_branch("insert into t values (1)"), classified("detached"));
    assert_eq!(job_branch("CREATE TABLE t AS SELECT * FROM s"), classified("detached"));
    assert_eq!(job_branch("CREATE VIEW v AS SELECT * FROM s"), None, "a view runs no job");
    assert_eq!(job_branch("SHOW TABLES;"), None);
    assert_eq!(job_branch("DROP TABLE t"), None);
    assert_eq!(
        job_branch("-- only a comment"),
        Some(("detached", "SQL not recognised; assumed detached"))
    );
}

#[test]
fn json_shape_lists_entries() {
    let cs = configs(
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d, namespace: n}\n\
         spec: {flinkConfiguration: {parallelism.default: '3'}}\n",
    );
    let json = serde_json::to_value(find(&cs, "d", Scope::Cluster)).unwrap();
    assert_eq!(json["resource"]["kind"], "FlinkDeployment");
    assert_eq!(json["scope"], "cluster");
    let entries = json["entries"].as_array().expect("entries is a list");
    let p = entries.iter().find(|e| e["key"] == "parallelism.default").unwrap();
    assert_eq!(p["value"], "3");
    assert_eq!(p["source"]["layer"], "resource");
    assert_eq!(p["source"]["path"], "/spec/flinkConfiguration/parallelism.default");
    assert_eq!(p["overridden"][0]["source"]["layer"], "operator-defaults");
    assert!(p["overridden"][0]["source"].get("resource").is_none(), "chart default");
    assert_eq!(json.as_object().unwrap().len(), 3);
}

#[test]
fn a_blue_green_template_runs_with_the_operator_layers_of_its_namespace() {
    let cs = configs(&format!(
        "{OPERATOR}---
apiVersion: flink.apache.org/v1beta1
kind: FlinkBlueGreenDeployment
metadata: {{name: bg, namespace: team-a}}
spec:
  template:
    spec:
      flinkVersion: v1_20
      flinkConfiguration: {{taskmanager.numberOfTaskSlots: 4}}
      taskManager: {{replicas: 2}}
      job: {{jarURI: local:///opt/job.jar, upgradeMode: stateless}}
"
    ));
    let c = find(&cs, "bg", Scope::Cluster);
    assert_eq!(c.flink_version, FlinkVersion::parse("v1_20"));
    let slots = chain(c, "taskmanager.numberOfTaskSlots");
    assert_eq!(
        (slots.0.as_str(), slots.1, slots.2.as_str()),
        (
            "4",
            Layer::Resource,
            "/spec/template/spec/flinkConfiguration/taskmanager.numberOfTaskSlots"
        )
    );
    assert_eq!(chain(c, "pipeline.name").0, "from-version");
    assert_eq!(chain(c, "parallelism.default").0, "8");
    assert_eq!(c.value("kubernetes.cluster-id"), Some("bg-blue"));
    assert_eq!(c.value("kubernetes.namespace"), Some("team-a"));
    let bg = Resource::new(
        ResourceId(9),
        serde_json::json!({"apiVersion": "flink.apache.org/v1beta1",
            "kind": "FlinkBlueGreenDeployment", "metadata": {"name": "bg"}}),
    );
    assert_eq!(scopes_of(&bg), [Scope::Cluster]);
}

#[test]
fn the_operator_that_watches_the_namespace_supplies_the_defaults() {
    let op = |name: &str, watch: &str, value: &str| {
        format!(
            "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {{name: {name}}}\n\
             spec: {{watchNamespaces: [{watch}], defaultConfiguration: {{pipeline.name: {value}}}}}\n---\n"
        )
    };
    let cs = configs(&format!(
        "{}{}apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\n\
         metadata: {{name: d, namespace: team-b}}\nspec: {{flinkVersion: v1_20}}\n",
        op("first", "team-a", "from-first"),
        op("second", "team-b", "from-second")
    ));
    let c = find(&cs, "d", Scope::Cluster);
    assert_eq!(chain(c, "pipeline.name").0, "from-second");
}

#[test]
fn the_copied_yaml_is_the_final_value_of_every_key_quoted_where_yaml_would_retype_it() {
    let cs = configs(
        "apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {name: copy-me, namespace: flink}
spec:
  flinkVersion: v1_20
  flinkConfiguration:
    state.checkpoints.dir: file:///flink-data/checkpoints
    taskmanager.numberOfTaskSlots: '2'
    execution.checkpointing.unaligned.enabled: 'yes'
",
    );
    let yaml = find(&cs, "copy-me", Scope::Cluster).to_yaml();
    assert!(yaml.starts_with("# Effective cluster configuration of FlinkDeployment copy-me\n"));
    assert!(yaml.contains("\nflinkConfiguration:\n"), "{yaml}");
    assert!(yaml.contains("dir: file:///flink-data/checkpoints\n"), "{yaml}");
    // Read back, `2` and `yes` stay strings as Flink reads them.
    let back: serde_json::Value = serde_yaml::from_str(&yaml).expect("valid YAML");
    let map = back["flinkConfiguration"].as_object().expect("a mapping");
    assert!(map.values().all(serde_json::Value::is_string), "{yaml}");
    assert_eq!(map.len(), cs.iter().find(|c| c.reference.name == "copy-me").unwrap().entries.len());
}

#[test]
fn a_newer_name_finds_the_entry_of_an_older_version_and_identities_are_shared() {
    let cs = configs(
        "apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {name: old, namespace: x}
spec:
  flinkVersion: v1_18
  image: flink:1.18
  flinkConfiguration:
    state.checkpoints.dir: s3://old/ckp
",
    );
    let c = find(&cs, "old", Scope::Cluster);
    let e = c.get("execution.checkpointing.dir").expect("the newest name finds the entry");
    assert_eq!(e.key, "state.checkpoints.dir");
    assert_eq!(e.value, "s3://old/ckp");
    assert!(c.get("no.such.key").is_none());
    assert_eq!(c.entries["state.checkpoints.dir"].value, "s3://old/ckp");
    assert!(c.entries.keys().zip(c.entries.keys().skip(1)).all(|(a, b)| a < b));
    // Every value the deployment set points to one shared copy of its identity.
    let own: Vec<_> = c.entries.values().filter_map(|e| e.source.resource.as_ref()).collect();
    assert!(own.len() > 2);
    assert!(own.iter().all(|r| std::sync::Arc::ptr_eq(r, own[0])));
}
