//! Tests of the embedded schemas: freshness against `shared/specs/crds` and the walker.

use std::path::PathBuf;

use serde_json::json;

use super::*;
use crate::core::yaml;

fn crd_dir() -> PathBuf {
    crate::core::shared_material::path("specs/crds")
}

fn read_crd(dir: &std::path::Path, kind: &str) -> serde_json::Value {
    let name = format!("{}s.flink.apache.org-v1.yml", kind.to_ascii_lowercase());
    let text = std::fs::read_to_string(dir.join(name)).expect("read CRD");
    let doc = yaml::load(&text).documents.into_iter().next().expect("one document").value;
    doc.pointer("/spec/versions/0/schema/openAPIV3Schema").cloned().expect("openAPIV3Schema")
}

/// Regenerates `data/crd/*.json` with `UPDATE_CRDS=1`; otherwise fails when they are stale.
#[test]
fn embedded_schemas_match_shared_crds() {
    let dir = crd_dir();
    let fd_spec = read_crd(&dir, "FlinkDeployment").pointer("/properties/spec").cloned();
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/crd");
    let update = std::env::var("UPDATE_CRDS").is_ok_and(|v| v == "1");
    for (_, kind, embedded) in EMBEDDED {
        let fresh = serde_json::to_string(&compact(&read_crd(&dir, kind), fd_spec.as_ref()))
            .expect("serialize")
            + "\n";
        if update {
            std::fs::write(data.join(format!("{kind}.json")), &fresh).expect("write");
        } else {
            assert!(
                fresh == *embedded,
                "data/crd/{kind}.json is stale; run UPDATE_CRDS=1 cargo test --lib schema"
            );
        }
    }
}

#[test]
fn blue_green_template_resolves_to_the_deployment_spec() {
    let t = crd_schema(Kind::FlinkBlueGreenDeployment)
        .and_then(|s| s.pointer("/properties/spec/properties/template/properties/spec"));
    assert_eq!(t, spec_schema(Kind::FlinkDeployment));
    assert!(spec_property(Kind::FlinkDeployment, &["job", "upgradeMode", "enum"]).is_none());
    assert!(spec_property(Kind::FlinkDeployment, &["job", "upgradeMode"]).is_some());
}

#[test]
fn walker_reports_types_enums_and_unknown_fields() {
    let spec = json!({
        "jobManager": {"resource": {"cpu": "500m", "memory": "1g"}, "cpu": 1, "replicas": "2"},
        "job": {"upgradeMode": "Savepoint", "jarFile": "x.jar", "parallelism": 2},
        "flinkConfiguration": {"a": {"b": 1}},
        "taskManager": {"resources": {"requests": {"cpu": "1", "memory": 1.5}}}
    });
    let issues = check(spec_schema(Kind::FlinkDeployment).unwrap(), &spec, "/spec");
    let got: Vec<_> = issues.iter().map(|i| (i.pointer.as_str(), &i.kind)).collect();
    assert_eq!(
        got,
        [
            ("/spec/jobManager/resource/cpu", &IssueKind::Type { expected: "number" }),
            (
                "/spec/jobManager/cpu",
                &IssueKind::Unknown { suggestion: Some("resource.cpu".into()) }
            ),
            ("/spec/jobManager/replicas", &IssueKind::Type { expected: "integer" }),
            (
                "/spec/job/upgradeMode",
                &IssueKind::Enum {
                    allowed: vec!["last-state".into(), "savepoint".into(), "stateless".into()]
                }
            ),
            ("/spec/job/jarFile", &IssueKind::Unknown { suggestion: Some("jarURI".into()) }),
            (
                "/spec/taskManager/resources/requests/memory",
                &IssueKind::Type { expected: "integer or string" }
            ),
        ]
    );
}

#[test]
fn walker_accepts_a_valid_pod_template() {
    let spec = json!({"podTemplate": {"spec": {"containers": [
        {"name": "flink-main-container", "ports": [{"containerPort": 9249}],
         "resources": {"limits": {"cpu": 1, "memory": "2Gi"}}}]}}});
    assert_eq!(check(spec_schema(Kind::FlinkDeployment).unwrap(), &spec, "/spec"), []);
    let bad = json!({"podTemplate": {"spec": {"containers": [{"name": "x", "ports": [{"containerPort": "9249"}]}]}}});
    let issues = check(spec_schema(Kind::FlinkDeployment).unwrap(), &bad, "/spec");
    assert_eq!(issues[0].pointer, "/spec/podTemplate/spec/containers/0/ports/0/containerPort");
}
