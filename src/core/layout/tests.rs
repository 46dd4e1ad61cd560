use std::collections::HashMap;

use serde_json::json;

use super::*;
use crate::core::generate;
use crate::core::model::Kind;

fn laid_out(design: &Design) -> (HashMap<ResourceId, Point>, Vec<Frame>) {
    let graph = Graph::build(design);
    let pos = positions(design, &graph);
    let frames = frames(design, &pos);
    (pos, frames)
}

fn small() -> Design {
    let mut d = Design::new();
    for doc in [
        json!({"apiVersion": "studio.flinkstudio.dev/v1", "kind": "FlinkKubernetesOperator",
               "metadata": {"name": "op"}, "spec": {"watchNamespaces": ["flink"]}}),
        json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkSessionJob",
               "metadata": {"name": "job", "namespace": "flink"}, "spec": {"deploymentName": "session"}}),
        json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
               "metadata": {"name": "session", "namespace": "flink"}, "spec": {"serviceAccount": "flink"}}),
        json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "flink", "namespace": "flink"}}),
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "flink"}}),
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "other", "namespace": "apps"}}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "cr"}}),
    ] {
        d.add(doc);
    }
    d
}

fn id_of(d: &Design, name: &str) -> ResourceId {
    d.resources.iter().find(|r| r.name() == name).map(|r| r.id).expect(name)
}

#[test]
fn namespaces_become_frames_holding_their_resources_and_nothing_else() {
    let d = small();
    let (pos, frames) = laid_out(&d);
    let names: Vec<&str> = frames.iter().map(|f| f.namespace.as_str()).collect();
    assert_eq!(names, ["apps", "flink"]);
    let flink = frames[1].rect;
    for name in ["job", "session", "flink"] {
        assert!(flink.contains(&Rect::node(pos[&id_of(&d, name)])), "{name} outside its frame");
    }
    for name in ["op", "cr", "other"] {
        assert!(!flink.intersects(&Rect::node(pos[&id_of(&d, name)])), "{name} inside flink");
    }
}

#[test]
fn referenced_resources_sit_above_those_that_reference_them() {
    let d = small();
    let (pos, _) = laid_out(&d);
    let y = |n: &str| pos[&id_of(&d, n)].y;
    assert!(y("flink") < y("session"), "service account above the deployment");
    assert!(y("session") < y("job"), "session cluster above its job");
    assert!(y("op") < y("session"), "operator install in the band above the frames");
}

#[test]
fn cmf_payloads_are_framed_in_their_environments_namespace() {
    let mut d = Design::new();
    d.add(json!({"name": "dev", "kubernetesNamespace": "flink-dev"}));
    let app = d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "FlinkApplication",
                           "metadata": {"name": "a"}, "spec": {}}));
    let secret = d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Secret",
                              "metadata": {"name": "s"}, "spec": {}}));
    d.assign_scopes(None, None);
    let (pos, frames) = laid_out(&d);
    assert_eq!(frames.len(), 1);
    assert_eq!(frames[0].namespace, "flink-dev");
    assert!(frames[0].rect.contains(&Rect::node(pos[&app])));
    assert!(!frames[0].rect.intersects(&Rect::node(pos[&secret])));
}

#[test]
fn generated_design_has_no_overlapping_nodes_or_frames() {
    let d = generate::design(300);
    let (pos, frames) = laid_out(&d);
    assert_eq!(pos.len(), d.resources.len());
    let mut rects: Vec<Rect> = pos.values().map(|p| Rect::node(*p)).collect();
    rects.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            if b.x >= a.right() {
                break;
            }
            assert!(!a.intersects(b), "nodes overlap: {a:?} {b:?}");
        }
    }
    assert_eq!(frames.len(), d.of_kind(Kind::Namespace).count());
    for (i, a) in frames.iter().enumerate() {
        for b in &frames[i + 1..] {
            assert!(!a.rect.intersects(&b.rect), "frames overlap: {} {}", a.namespace, b.namespace);
        }
    }
}

#[test]
fn layout_is_deterministic_and_hand_placement_wins() {
    let mut d = generate::design(60);
    let (first, _) = laid_out(&d);
    assert_eq!(first, laid_out(&d).0);
    let moved = d.resources[5].id;
    let spot = Point { x: -5000.0, y: 12.5 };
    d.layout.insert(moved, spot);
    let (pos, frames) = laid_out(&d);
    assert_eq!(pos[&moved], spot);
    assert_eq!(pos[&d.resources[6].id], first[&d.resources[6].id]);
    let ns = frame_of(&d.resources[5], &group::environment_namespaces(&d)).expect("framed");
    let frame = frames.iter().find(|f| f.namespace == ns).expect("frame");
    assert!(frame.rect.contains(&Rect::node(spot)), "the frame follows the dragged node");
}

#[test]
fn reference_cycles_and_empty_designs_do_not_hang() {
    let mut d = Design::new();
    assert!(laid_out(&d).0.is_empty());
    assert_eq!(bounds(&HashMap::new(), &[]), None);
    let rbac = "rbac.authorization.k8s.io/v1";
    d.add(json!({"apiVersion": rbac, "kind": "RoleBinding", "metadata": {"name": "b", "namespace": "x"},
                 "roleRef": {"kind": "Role", "name": "r"},
                 "subjects": [{"kind": "ServiceAccount", "name": "s", "namespace": "x"}]}));
    d.add(json!({"name": "", "kubernetesNamespace": ""}));
    d.add(json!({"not": "a manifest"}));
    let (pos, _) = laid_out(&d);
    assert_eq!(pos.len(), 3);
}
