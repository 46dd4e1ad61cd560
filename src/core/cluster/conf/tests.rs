//! Tests of site configurations and configuration maps.

use serde_json::{Value, json};

use super::*;
use crate::core::config::{DefaultsSection, Scope};
use crate::core::model::ResourceId;

fn resource(id: u32, doc: Value) -> Resource {
    Resource::new(ResourceId(id), doc)
}

#[test]
fn spellings_come_from_the_option_catalog() {
    assert_eq!(
        spellings("state.checkpoints.dir"),
        ["execution.checkpointing.dir", "state.checkpoints.dir", "state.backend.fs.checkpointdir"]
    );
    assert_eq!(spellings("high-availability.type")[0], "high-availability.type");
    assert!(spellings("high-availability.type").contains(&"high-availability".to_string()));
    assert_eq!(
        spellings("job.autoscaler.enabled"),
        ["job.autoscaler.enabled", "kubernetes.operator.job.autoscaler.enabled"]
    );
    // A map-typed option written with its map key is no alias of the option.
    assert_eq!(
        spellings("kubernetes.jobmanager.annotations.team"),
        ["kubernetes.jobmanager.annotations.team"]
    );
    assert_eq!(spellings("no.such.key"), ["no.such.key"]);
}

fn environment() -> Resource {
    resource(
        1,
        json!({"name": "prod", "kubernetesNamespace": "flink",
        "flinkApplicationDefaults": {"spec": {"flinkConfiguration": {
            "state": {"checkpoints.dir": "s3://b/cp"}}}}}),
    )
}

#[test]
fn a_site_without_a_configuration_of_its_own_reads_its_map_with_every_spelling() {
    let env = environment();
    let site = sites_of(&env, None).remove(0);
    let conf = SiteConf::of_site(&site, None, Box::new(|_| None));
    let s = conf.setting("execution.checkpointing.dir").unwrap();
    assert_eq!(s.key, "state.checkpoints.dir");
    assert_eq!(s.value, "s3://b/cp");
    assert_eq!(
        s.pointer,
        "/flinkApplicationDefaults/spec/flinkConfiguration/state/checkpoints.dir"
    );
    assert_eq!(s.pointer_in(&env), Some(s.pointer.as_str()));
    assert_eq!(s.provenance(&env), "");
    assert!(conf.has("state.checkpoints.dir"));
    assert!(!conf.ha_active());
}

#[test]
fn the_written_view_skips_what_the_operator_derives() {
    use crate::core::design::Design;
    use crate::core::graph::Graph;
    use crate::core::import::import_text;
    let mut design = Design::new();
    let yaml = "name: prod\nkubernetesNamespace: flink\nflinkApplicationDefaults:\n  spec:\n    \
        flinkConfiguration: {high-availability: kubernetes}\n---\n\
        apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\nspec:\n  \
        flinkConfiguration: {parallelism.default: '4'}\n  job: {parallelism: 2}\n";
    import_text(&mut design, "t.yaml", yaml);
    design.assign_scopes(None, None);
    let graph = Graph::build(&design);
    let configs = crate::core::config::effective_configs(&design, &graph, &Default::default());
    let app = &design.resources[1];
    let c = configs.iter().find(|c| c.resource == app.id && c.scope == Scope::Cluster);
    let site = sites_of(app, None).remove(0);
    let conf = SiteConf::of_site(&site, c, Box::new(|id| design.get(id)));
    assert_eq!(conf.value("parallelism.default").as_deref(), Some("2"));
    assert_eq!(conf.written_value("parallelism.default").as_deref(), Some("4"));
    let ha = conf.setting("high-availability.type").unwrap();
    assert_eq!(ha.resource.map(Resource::name), Some("prod"));
    assert_eq!(ha.provenance(app), " (set by Environment prod)");
    assert!(conf.ha_active());
}

#[test]
fn every_kind_says_where_it_keeps_its_configuration() {
    let maps = |doc: Value| {
        let r = resource(0, doc);
        conf_maps(&r, None)
            .iter()
            .map(|m| (m.kind, m.pointer.clone(), m.version.to_string()))
            .collect::<Vec<_>>()
    };
    let map = json!({"a": "b"});
    assert_eq!(
        maps(json!({"name": "e", "kubernetesNamespace": "n",
            "flinkApplicationDefaults": {"spec": {"flinkVersion": "v1_20", "flinkConfiguration": map}},
            "computePoolDefaults": {"clusterSpec": {"flinkConfiguration": map}},
            "statementDefaults": {"detached": {"flinkConfiguration": map}, "interactive": {"flinkConfiguration": map}}})),
        [
            (
                MapKind::Site(SiteKind::ApplicationDefaults),
                "/flinkApplicationDefaults/spec/flinkConfiguration".into(),
                "1.20".into()
            ),
            (
                MapKind::StatementDefaults(DefaultsSection::DetachedStatementDefaults),
                "/statementDefaults/detached/flinkConfiguration".into(),
                "1.19".into()
            ),
            (
                MapKind::StatementDefaults(DefaultsSection::InteractiveStatementDefaults),
                "/statementDefaults/interactive/flinkConfiguration".into(),
                "1.19".into()
            ),
            (
                MapKind::Site(SiteKind::ComputePoolDefaults),
                "/computePoolDefaults/clusterSpec/flinkConfiguration".into(),
                "1.19".into()
            ),
        ]
    );
    assert_eq!(
        maps(json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkBlueGreenDeployment",
            "metadata": {"name": "bg"},
            "spec": {"template": {"spec": {"flinkVersion": "v1_20", "flinkConfiguration": map}}}})),
        [(
            MapKind::Site(SiteKind::BlueGreenTemplate),
            "/spec/template/spec/flinkConfiguration".into(),
            "1.20".into()
        )]
    );
    assert_eq!(
        maps(json!({"apiVersion": "studio.flinkstudio.dev/v1", "kind": "FlinkKubernetesOperator",
            "metadata": {"name": "fko"}, "spec": {"defaultConfiguration": map}})),
        [(
            MapKind::OperatorDefaults,
            "/spec/defaultConfiguration".into(),
            FlinkVersion::LATEST.to_string()
        )]
    );
    assert_eq!(
        maps(
            json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Statement", "metadata": {"name": "s"},
            "spec": {"statement": "INSERT INTO a SELECT * FROM b", "flinkConfiguration": map}})
        ),
        [(MapKind::Statement, "/spec/flinkConfiguration".into(), "1.19".into())]
    );
}
