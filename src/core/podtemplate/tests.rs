use serde_json::{Value, json};

use super::inspect::*;
use super::*;

fn spec() -> Value {
    json!({
        "podTemplate": {"apiVersion": "v1", "kind": "Pod", "spec": {
            "containers": [
                {"name": "flink-main-container",
                 "volumeMounts": [{"name": "data", "mountPath": "/flink-data"}],
                 "args": ["a", "b"]},
                {"name": "sidecar", "image": "fluent"}
            ],
            "volumes": [{"name": "data", "hostPath": {"path": "/tmp/flink"}}]
        }},
        "jobManager": {"podTemplate": {"spec": {
            "containers": [{"name": "sidecar", "image": "other", "args": ["x", "y", "z"]}],
            "volumes": [{"name": "extra", "emptyDir": {}}]
        }}},
        "taskManager": {"podTemplate": null}
    })
}

#[test]
fn positional_merge_combines_unrelated_containers() {
    let s = spec();
    let jm = Templates::of(&s, "/spec").merged(Role::JobManager, ArrayMerge::ByPosition).unwrap();
    let c = &jm.value["spec"]["containers"];
    // Element 0 of the JM template merged into the main container: its name wins.
    assert_eq!(c.as_array().unwrap().len(), 2);
    assert_eq!(c[0]["name"], "sidecar");
    assert_eq!(c[0]["image"], "other");
    // Scalars of a positionally merged array keep the base value; extra ones are appended.
    assert_eq!(c[0]["args"], json!(["a", "b", "z"]));
    // Volume 0 is renamed: the main container's mount of `data` now dangles.
    assert_eq!(jm.value["spec"]["volumes"][0]["name"], "extra");
    assert_eq!(jm.value["spec"]["volumes"][0]["emptyDir"], json!({}));
    assert!(volume(&jm.value, "data").is_none());
    assert!(main_container(&jm.value).is_none());
}

#[test]
fn by_name_merge_is_the_union() {
    let s = spec();
    let t = Templates::of(&s, "/spec");
    let jm = t.merged(Role::JobManager, ArrayMerge::ByName).unwrap();
    let names: Vec<&str> = containers(&jm.value).map(|(_, c)| container_name(c)).collect();
    assert_eq!(names, ["flink-main-container", "sidecar"]);
    assert_eq!(jm.value["spec"]["containers"][1]["image"], "other");
    let vols: Vec<&str> = volumes(&jm.value).iter().map(|v| v.name).collect();
    assert_eq!(vols, ["data", "extra"]);
    // The envelope is not part of a PodTemplateSpec.
    assert!(jm.value.get("apiVersion").is_none() && jm.value.get("kind").is_none());
    // Provenance: the sidecar image comes from the JM template, the mount from the common one.
    assert_eq!(
        jm.origin_of("/spec/containers/1/image"),
        Some("/spec/jobManager/podTemplate/spec/containers/0/image")
    );
    assert_eq!(
        jm.origin_of("/spec/containers/0/volumeMounts/0/mountPath"),
        Some("/spec/podTemplate/spec/containers/0/volumeMounts/0/mountPath")
    );
    assert_eq!(
        jm.origin_of("/spec/volumes/1"),
        Some("/spec/jobManager/podTemplate/spec/volumes/0")
    );
}

#[test]
fn task_manager_without_own_template_gets_the_common_one() {
    let s = spec();
    let t = Templates::of(&s, "/spec");
    assert!(t.task_manager.is_none(), "null counts as absent");
    let tm = t.merged(Role::TaskManager, ArrayMerge::ByPosition).unwrap();
    let (i, main) = main_container(&tm.value).unwrap();
    assert_eq!(i, 0);
    let m = mounts(main);
    assert_eq!(m[0].name, "data");
    assert_eq!(covering_mount(&m, "/flink-data/checkpoints").map(|m| m.index), Some(0));
    assert_eq!(covering_mount(&m, "/flink-database"), None);
    assert_eq!(
        volume(&tm.value, "data").unwrap().source,
        VolumeSource::HostPath { path: Some("/tmp/flink") }
    );
    assert!(
        Templates::of(&json!({}), "/spec").merged(Role::TaskManager, ArrayMerge::ByName).is_none()
    );
}

#[test]
fn by_name_falls_back_to_position_when_a_name_is_missing() {
    let base = json!({"spec": {"tolerations": [{"key": "a"}], "containers": []}});
    let over = json!({"spec": {"tolerations": [{"key": "b", "effect": "NoSchedule"}]}});
    let m = merge_values(Some(&base), Some(&over), ArrayMerge::ByName).unwrap();
    assert_eq!(m["spec"]["tolerations"], json!([{"key": "b", "effect": "NoSchedule"}]));
    // An overlay object never replaces a base object wholesale; a scalar replaces a scalar.
    let base = json!({"metadata": {"labels": {"a": "1"}}, "spec": {"hostNetwork": false}});
    let over = json!({"metadata": {"labels": {"b": "2"}}, "spec": {"hostNetwork": true}});
    let m = merge_values(Some(&base), Some(&over), ArrayMerge::ByPosition).unwrap();
    assert_eq!(m["metadata"]["labels"], json!({"a": "1", "b": "2"}));
    assert_eq!(m["spec"]["hostNetwork"], json!(true));
}

#[test]
fn config_value_selects_the_mode() {
    assert_eq!(ArrayMerge::from_config(Some("TRUE")), ArrayMerge::ByName);
    assert_eq!(ArrayMerge::from_config(Some("false")), ArrayMerge::ByPosition);
    assert_eq!(ArrayMerge::from_config(None), ArrayMerge::ByPosition);
}

#[test]
fn local_paths() {
    assert_eq!(local_path("file:///flink-data/cp"), Some("/flink-data/cp"));
    assert_eq!(local_path("file:/flink-data"), Some("/flink-data"));
    assert_eq!(local_path("/opt/x"), Some("/opt/x"));
    assert_eq!(local_path("s3://bucket/cp"), None);
    assert!(is_under("/a/b/", "/a/b"));
    assert!(!is_under("/ab", "/a"));
}

#[test]
fn environment_defaults_merge_into_the_site_templates_first() {
    let own = json!({"podTemplate": {"spec": {"containers": [
        {"name": "flink-main-container", "args": ["own"], "volumeMounts": [{"name": "a", "mountPath": "/a"}]}]}}});
    let env = json!({"podTemplate": {"spec": {"containers": [
        {"name": "flink-main-container", "args": ["env"], "volumeMounts": [{"name": "b", "mountPath": "/b"}]},
        {"name": "sidecar"}]}},
        "taskManager": {"podTemplate": {"metadata": {"labels": {"pod": "tm"}}}}});
    let (own_t, env_t) = (Templates::of(&own, "/spec"), Templates::of(&env, "/defaults"));
    let jm = merged_with_defaults(&own_t, &env_t, true, Role::JobManager, ArrayMerge::ByPosition)
        .unwrap();
    let main = &jm.value["spec"]["containers"][0];
    // Named elements merge by name; other arrays are replaced by the winning side's.
    let mounts: Vec<&str> = main["volumeMounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(mounts, ["a", "b"]);
    assert_eq!(main["args"], json!(["env"]));
    assert_eq!(jm.value["spec"]["containers"][1]["name"], "sidecar");
    assert_eq!(
        jm.origin_of("/spec/containers/1/name"),
        Some("/defaults/podTemplate/spec/containers/1/name")
    );
    let tm = merged_with_defaults(&own_t, &env_t, true, Role::TaskManager, ArrayMerge::ByPosition)
        .unwrap();
    assert_eq!(tm.value["metadata"]["labels"]["pod"], "tm");
    // When the site wins (a pool over computePoolDefaults), its own arrays stay.
    let pool =
        merged_with_defaults(&own_t, &env_t, false, Role::JobManager, ArrayMerge::ByPosition)
            .unwrap();
    assert_eq!(pool.value["spec"]["containers"][0]["args"], json!(["own"]));
}
