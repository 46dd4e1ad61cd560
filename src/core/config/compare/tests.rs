//! Environment defaults, their comparison, and the per-resource entry points.

use super::*;
use crate::core::config::{
    Layer, Scope, effective_configs, effective_configs_of, environment_defaults, scopes_of,
};
use crate::core::import::import_text;
use crate::core::model::Kind;
use crate::core::targets::Targets;
use crate::core::{generate, templates};

fn design(yaml: &str) -> Design {
    let mut design = Design::new();
    let (_, problems) = import_text(&mut design, "t.yaml", yaml);
    assert!(problems.is_empty(), "{problems:?}");
    design.assign_scopes(None, None);
    design
}

fn id(design: &Design, kind: Kind, name: &str) -> ResourceId {
    let found = design.of_kind(kind).find(|r| r.name() == name);
    found.unwrap_or_else(|| panic!("no {kind:?} {name}")).id
}

fn defaults(design: &Design, name: &str) -> EnvironmentDefaults {
    let graph = Graph::build(design);
    let e = design.get(id(design, Kind::Environment, name)).unwrap();
    environment_defaults(design, &graph, e).unwrap()
}

/// A CMF REST environment and a CFK FlinkEnvironment, each with an application, and
/// a pool and a statement in the first.
const TWO: &str = r#"name: staging
kubernetesNamespace: flink-staging
flinkApplicationDefaults:
  spec:
    flinkVersion: v1_19
    image: confluentinc/cp-flink:1.19.3-cp2
    flinkConfiguration:
      taskmanager.numberOfTaskSlots: "2"
      state.checkpoints.dir: s3://staging/ckp
      pipeline.name: shared
statementDefaults:
  detached: {flinkConfiguration: {execution.checkpointing.interval: 10 s}}
computePoolDefaults:
  clusterSpec:
    taskManager: {resource: {memory: 2g}}
---
apiVersion: platform.confluent.io/v1beta1
kind: FlinkEnvironment
metadata: {name: production, namespace: confluent}
spec:
  kubernetesNamespace: flink-prod
  flinkApplicationDefaults:
    spec:
      flinkVersion: v1_19
      flinkConfiguration:
        taskmanager: {numberOfTaskSlots: 4}
        pipeline.name: shared
        high-availability.type: kubernetes
  statementDefaults:
    interactive: {flinkConfiguration: {sql.output.mode: compact}}
---
apiVersion: platform.confluent.io/v1beta1
kind: FlinkApplication
metadata: {name: orders, namespace: confluent}
spec:
  flinkEnvironment: production
  flinkConfiguration: {taskmanager.numberOfTaskSlots: "1"}
  job: {jarURI: local:///j.jar}
---
apiVersion: platform.confluent.io/v1beta1
kind: FlinkApplication
metadata: {name: payments, namespace: confluent}
spec:
  flinkEnvironment: staging
  job: {jarURI: local:///j.jar}
---
apiVersion: platform.confluent.io/v1beta1
kind: FlinkComputePool
metadata: {name: pool, namespace: confluent}
spec:
  flinkEnvironment: staging
  type: DEDICATED
  clusterSpec: {flinkVersion: v1_19}
---
apiVersion: platform.confluent.io/v1beta1
kind: FlinkStatement
metadata: {name: load, namespace: confluent}
spec:
  flinkEnvironment: staging
  computePoolName: pool
  statement: INSERT INTO t SELECT * FROM s
"#;

#[test]
fn an_environment_lists_each_defaults_block_with_where_it_is_set() {
    let d = design(TWO);
    let staging = defaults(&d, "staging");
    let app = staging.section(DefaultsSection::ApplicationDefaults);
    let slots = &app["taskmanager.numberOfTaskSlots"];
    assert_eq!(slots.value, "2");
    assert_eq!(
        slots.path,
        "/flinkApplicationDefaults/spec/flinkConfiguration/taskmanager.numberOfTaskSlots"
    );
    assert!(!slots.from_spec_field);
    // A spec field appears under the key the operator derives from it.
    let image = &app["kubernetes.container.image.ref"];
    assert_eq!(
        (image.value.as_str(), image.from_spec_field),
        ("confluentinc/cp-flink:1.19.3-cp2", true)
    );
    assert_eq!(image.path, "/flinkApplicationDefaults/spec/image");
    assert_eq!(app["flinkVersion"].value, "v1_19");
    // Keys the engine derives from nothing the environment wrote are not listed.
    assert!(!app.contains_key("execution.target"), "{app:?}");
    // Keys are canonical for the declared Flink version (1.19 keeps `state.checkpoints.dir`).
    assert_eq!(app["state.checkpoints.dir"].value, "s3://staging/ckp");
    let placement = staging.section(DefaultsSection::Placement);
    assert_eq!(placement["kubernetes.namespace"].value, "flink-staging");
    assert_eq!(placement["kubernetes.namespace"].path, "/kubernetesNamespace");
    let detached = staging.section(DefaultsSection::DetachedStatementDefaults);
    assert_eq!(detached["execution.checkpointing.interval"].value, "10 s");
    let pool = staging.section(DefaultsSection::ComputePoolDefaults);
    assert_eq!(pool["taskmanager.memory.process.size"].value, "2g");
    assert!(staging.section(DefaultsSection::InteractiveStatementDefaults).is_empty());
    // The CFK form keeps the same blocks under spec; nested maps are flattened.
    let production = defaults(&d, "production");
    let app = production.section(DefaultsSection::ApplicationDefaults);
    assert_eq!(app["taskmanager.numberOfTaskSlots"].value, "4");
    assert_eq!(
        app["taskmanager.numberOfTaskSlots"].path,
        "/spec/flinkApplicationDefaults/spec/flinkConfiguration/taskmanager/numberOfTaskSlots"
    );
}

#[test]
fn an_environment_names_the_jobs_it_governs() {
    let d = design(TWO);
    let staging = defaults(&d, "staging");
    assert_eq!(staging.governed(Kind::Application), ["payments"]);
    assert_eq!(staging.governed(Kind::ComputePool), ["pool"]);
    assert_eq!(staging.governed(Kind::Statement), ["load"]);
    let production = defaults(&d, "production");
    assert_eq!(production.governed(Kind::Application), ["orders"]);
    assert!(production.governed(Kind::Statement).is_empty());
    assert_eq!(production.governs.len(), 1);
}

#[test]
fn what_an_environment_lists_is_what_its_jobs_receive() {
    let d = design(TWO);
    let graph = Graph::build(&d);
    let configs = effective_configs(&d, &graph, &Targets::default());
    let production = defaults(&d, "production");
    let orders = configs.iter().find(|c| c.reference.name == "orders").unwrap();
    for (key, v) in production.section(DefaultsSection::ApplicationDefaults) {
        if key == "flinkVersion" {
            continue;
        }
        let e = orders.get(key).unwrap_or_else(|| panic!("{key} missing"));
        assert_eq!((&e.value, &e.source.path), (&v.value, &v.path), "{key}");
    }
    let winner = orders.get("taskmanager.numberOfTaskSlots").unwrap();
    assert_eq!(winner.source.layer, Layer::EnvironmentApplicationDefaults, "the environment wins");
    let staging = defaults(&d, "staging");
    let load = configs.iter().find(|c| c.reference.name == "load" && c.scope == Scope::Job);
    for (key, v) in staging.section(DefaultsSection::DetachedStatementDefaults) {
        let e = load.unwrap().get(key).unwrap();
        assert_eq!((&e.value, e.source.layer), (&v.value, Layer::EnvironmentStatementDefaults));
    }
}

#[test]
fn two_environments_compare_section_by_section_differences_first() {
    let d = design(TWO);
    let graph = Graph::build(&d);
    let (s, p) = (id(&d, Kind::Environment, "staging"), id(&d, Kind::Environment, "production"));
    let c = compare_environments(&d, &graph, s, p).unwrap();
    assert_eq!(c.precedence, crate::core::config::ENVIRONMENT_PRECEDENCE);
    assert!(c.precedence.contains("win over what its applications and statements set"));
    let titles: Vec<DefaultsSection> = c.sections.iter().map(|s| s.section).collect();
    assert_eq!(
        titles,
        DefaultsSection::ALL.to_vec(),
        "every block one of them sets (interactive: production only)"
    );
    let app = &c.sections[1];
    let rows: Vec<(&str, Difference)> =
        app.keys.iter().map(|k| (k.key.as_str(), k.difference)).collect();
    assert_eq!(
        rows,
        [
            ("high-availability.type", Difference::OnlyRight),
            ("kubernetes.container.image.ref", Difference::OnlyLeft),
            ("state.checkpoints.dir", Difference::OnlyLeft),
            ("taskmanager.numberOfTaskSlots", Difference::Different),
            ("flinkVersion", Difference::Same),
            ("pipeline.name", Difference::Same),
        ]
    );
    let slots = &app.keys[3];
    assert_eq!((slots.left.as_deref(), slots.right.as_deref()), (Some("2"), Some("4")));
    assert_eq!(app.differences(), 4);
    let placement = &c.sections[0].keys[0];
    assert_eq!(placement.difference, Difference::Different);
    assert_eq!(c.differences(), 4 + 1 + 1 + 1 + 1);
    assert_eq!(c.left.governed(Kind::Statement), ["load"]);
}

#[test]
fn an_environment_compared_with_itself_differs_nowhere() {
    let d = design(TWO);
    let graph = Graph::build(&d);
    let s = id(&d, Kind::Environment, "staging");
    let c = compare_environments(&d, &graph, s, s).unwrap();
    assert_eq!(c.differences(), 0);
    assert!(c.sections.iter().all(|s| s.keys.iter().all(|k| k.difference == Difference::Same)));
    let app = id(&d, Kind::Application, "orders");
    assert!(compare_environments(&d, &graph, s, app).is_none(), "an application is no environment");
    assert!(environment_defaults(&d, &graph, d.get(app).unwrap()).is_none());
}

#[test]
fn flink_sql_template_environment_against_a_stricter_copy() {
    let template = templates::by_id("flink-sql").unwrap();
    let (mut d, problems) = template.design();
    assert!(problems.is_empty());
    let extra = "name: production\nkubernetesNamespace: flink\nstatementDefaults:\n  \
                 detached:\n    flinkConfiguration:\n      execution.checkpointing.interval: 10 s\n";
    import_text(&mut d, "prod.yaml", extra);
    let graph = Graph::build(&d);
    let dev = id(&d, Kind::Environment, "development");
    let prod = id(&d, Kind::Environment, "production");
    let c = compare_environments(&d, &graph, dev, prod).unwrap();
    assert_eq!(c.left.governed(Kind::ComputePool), ["pool"]);
    assert_eq!(c.left.governed(Kind::Statement), ["big-orders"]);
    assert!(c.right.governs.is_empty());
    let sections: Vec<DefaultsSection> = c.sections.iter().map(|s| s.section).collect();
    assert_eq!(sections, [DefaultsSection::Placement, DefaultsSection::DetachedStatementDefaults]);
    assert_eq!(c.sections[0].keys[0].difference, Difference::Same, "same namespace");
    let interval = &c.sections[1].keys[0];
    assert_eq!(
        (interval.key.as_str(), interval.left.as_deref(), interval.right.as_deref()),
        ("execution.checkpointing.interval", None, Some("10 s"))
    );
    assert_eq!(interval.difference, Difference::OnlyRight);
}

#[test]
fn two_jobs_compare_by_final_value() {
    let d = design(TWO);
    let graph = Graph::build(&d);
    let ids = [id(&d, Kind::Application, "orders"), id(&d, Kind::Application, "payments")];
    let cs = effective_configs_of(&d, &graph, &Targets::default(), &ids);
    let rows = compare_configs(&cs[0], &cs[1]);
    let slots = rows.iter().find(|k| k.key == "taskmanager.numberOfTaskSlots").unwrap();
    assert_eq!((slots.left.as_deref(), slots.right.as_deref()), (Some("4"), Some("2")));
    let first_same = rows.iter().position(|k| k.difference == Difference::Same).unwrap();
    assert!(rows[..first_same].iter().all(|k| k.difference != Difference::Same));
    assert!(rows[first_same..].iter().all(|k| k.difference == Difference::Same));
    assert!(
        rows.iter()
            .any(|k| k.key == "kubernetes.namespace" && k.difference == Difference::Different)
    );
}

#[test]
fn configs_of_some_resources_equal_their_entries_of_all_configs() {
    let mut designs = vec![generate::design(300), design(TWO)];
    designs.extend(templates::TEMPLATES.iter().map(|t| t.design().0));
    for d in &designs {
        let graph = Graph::build(d);
        let all = effective_configs(d, &graph, &Targets::default());
        let ids: Vec<ResourceId> = d.resources.iter().map(|r| r.id).step_by(3).collect();
        let some = effective_configs_of(d, &graph, &Targets::default(), &ids);
        let expected: Vec<_> = ids
            .iter()
            .flat_map(|id| all.iter().filter(move |c| c.resource == *id))
            .cloned()
            .collect();
        assert_eq!(some, expected);
        for r in &d.resources {
            let scopes: Vec<Scope> =
                all.iter().filter(|c| c.resource == r.id).map(|c| c.scope).collect();
            assert_eq!(scopes_of(r), scopes.as_slice(), "{}", r.name());
        }
    }
}
