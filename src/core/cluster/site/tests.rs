//! Tests of the cluster sites.

use serde_json::{Value, json};

use super::*;
use crate::core::model::ResourceId;

fn resource(doc: Value) -> Resource {
    Resource::new(ResourceId(0), doc)
}

#[test]
fn sites_cover_every_deployment_like_spec() {
    let sites = |doc: Value| {
        let r = resource(doc);
        sites_of(&r, None).iter().map(|s| (s.kind, s.pointer.clone())).collect::<Vec<_>>()
    };
    assert_eq!(
        sites(json!({"name": "e", "kubernetesNamespace": "n",
                     "flinkApplicationDefaults": {"spec": {}},
                     "computePoolDefaults": {"clusterSpec": {}}})),
        [
            (SiteKind::ApplicationDefaults, "/flinkApplicationDefaults/spec".to_string()),
            (SiteKind::ComputePoolDefaults, "/computePoolDefaults/clusterSpec".to_string())
        ]
    );
    assert_eq!(
        sites(json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkBlueGreenDeployment",
                     "spec": {"template": {"spec": {"image": "flink:2.0"}}}})),
        [(SiteKind::BlueGreenTemplate, "/spec/template/spec".to_string())]
    );
    assert_eq!(
        sites(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "ComputePool",
                     "metadata": {"name": "p"}, "spec": {"clusterSpec": {}}})),
        [(SiteKind::ComputePool, "/spec/clusterSpec".to_string())]
    );
    assert_eq!(
        sites(json!({"spec": {"flinkConfiguration": {}}})),
        [(SiteKind::Fragment, "/spec".to_string())]
    );
    assert!(
        sites(json!({"apiVersion": "v1", "kind": "Service", "spec": {"ports": []}})).is_empty()
    );
}

fn environment() -> Resource {
    resource(json!({"name": "prod", "kubernetesNamespace": "flink",
        "flinkApplicationDefaults": {"spec": {"flinkVersion": "v1_19", "image": "cp-flink:1.19"}},
        "computePoolDefaults": {"clusterSpec": {"flinkVersion": "v1_19", "image": "sql:1.19"}}}))
}

#[test]
fn application_defaults_win_and_say_where_they_are() {
    let env = environment();
    let app = resource(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "FlinkApplication",
        "metadata": {"name": "a"}, "spec": {"flinkVersion": "v1_20", "serviceAccount": "flink"}}));
    let site = main_site(&app, Some(&env)).unwrap();
    let v = site.locate(&["flinkVersion"]).unwrap();
    assert_eq!((v.value, v.resource.name(), v.unverified), (&json!("v1_19"), "prod", true));
    assert_eq!(v.pointer, "/flinkApplicationDefaults/spec/flinkVersion");
    let sa = site.locate(&["serviceAccount"]).unwrap();
    assert_eq!(
        (sa.resource.name(), sa.pointer.as_str(), sa.unverified),
        ("a", "/spec/serviceAccount", false)
    );
    assert_eq!(site.merged_str(&["image"]), Some("cp-flink:1.19"));
    assert_eq!(site.get(&["image"]), None);
    assert!(site.supplied_outside().is_none());
}

#[test]
fn a_pool_wins_over_its_environment_defaults() {
    let env = environment();
    let pool = resource(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "ComputePool",
        "metadata": {"name": "p"}, "spec": {"clusterSpec": {"image": "own"}}}));
    let site = main_site(&pool, Some(&env)).unwrap();
    let image = site.locate(&["image"]).unwrap();
    assert_eq!((image.value, image.resource.name(), image.unverified), (&json!("own"), "p", true));
    assert_eq!(site.merged_str(&["flinkVersion"]), Some("v1_19"));
}

#[test]
fn a_missing_environment_is_named_as_the_place_a_value_must_come_from() {
    let cfk = resource(json!({"apiVersion": "platform.confluent.io/v1beta1",
        "kind": "FlinkApplication", "metadata": {"name": "a"},
        "spec": {"flinkEnvironment": "prod"}}));
    let site = main_site(&cfk, None).unwrap();
    assert_eq!(
        site.supplied_outside().as_deref(),
        Some("the flinkApplicationDefaults of environment 'prod', which is not in the design")
    );
    let fd = resource(json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
        "metadata": {"name": "d"}, "spec": {}}));
    assert!(main_site(&fd, None).unwrap().supplied_outside().is_none());
}

#[test]
fn role_templates_merge_the_common_template_per_pod() {
    let fd = resource(json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
        "metadata": {"name": "d"}, "spec": {
            "podTemplate": {"spec": {"containers": [{"name": "flink-main-container"}]}},
            "taskManager": {"podTemplate": {"spec": {"volumes": [{"name": "v", "emptyDir": {}}]}}}}}));
    let site = main_site(&fd, None).unwrap();
    let roles: Vec<(Role, bool)> = site
        .role_templates(ArrayMerge::ByPosition)
        .iter()
        .map(|(role, m)| (*role, m.value.pointer("/spec/volumes").is_some()))
        .collect();
    assert_eq!(roles, [(Role::JobManager, false), (Role::TaskManager, true)]);
}
