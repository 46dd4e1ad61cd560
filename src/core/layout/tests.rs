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

/// Quality of the automatic layout of a template, with the frames it draws.
fn template_quality(t: &crate::core::templates::Template) -> (Design, Quality) {
    let (d, _) = t.design();
    let graph = Graph::build(&d);
    let q = quality(&d, &graph, &positions(&d, &graph));
    (d, q)
}

#[test]
fn every_template_lays_out_without_overlaps_and_inside_its_frames() {
    for t in crate::core::templates::TEMPLATES {
        let (d, q) = template_quality(t);
        assert_eq!((q.node_overlaps, q.frame_overlaps), (0, 0), "{}", t.id);
        let (pos, frames) = laid_out(&d);
        let namespaces = group::environment_namespaces(&d);
        for r in &d.resources {
            if let Some(ns) = frame_of(r, &namespaces) {
                let frame = frames.iter().find(|f| f.namespace == ns).expect("frame");
                assert!(frame.rect.contains(&Rect::node(pos[&r.id])), "{}: {}", t.id, r.name());
            }
        }
        assert_eq!(pos, laid_out(&d).0, "{} is deterministic", t.id);
    }
}

#[test]
fn templates_cross_fewer_edges_and_draw_shorter_ones_than_before() {
    // Measured with `cargo bench --bench layout`: the layout before barycenter ordering and
    // satellites crossed 2+0+0+0+1+1+5+2 = 11 edge pairs over the eight templates with a
    // total edge length of 15111, and drew session-cluster as a tall column (aspect 0.63);
    // the current one crosses 7 (confluent-platform 1, flink-sql 4, flink-sql-broken 2)
    // over 11557, session-cluster at 1.37. The bounds are those measured figures: a
    // regression fails.
    // The eight templates measured (later templates have bounds of their own).
    const MEASURED: &[&str] = &[
        "confluent-platform",
        "confluent-platform-broken",
        "session-cluster",
        "session-cluster-broken",
        "ha-application",
        "ha-application-broken",
        "flink-sql",
        "flink-sql-broken",
    ];
    let (mut crossings, mut length) = (0, 0.0);
    for t in crate::core::templates::TEMPLATES.iter().filter(|t| MEASURED.contains(&t.id)) {
        let (_, q) = template_quality(t);
        crossings += q.crossings;
        length += q.edge_length;
    }
    assert!(crossings <= 7, "{crossings} crossings (baseline 11)");
    let session = crate::core::templates::by_id("session-cluster").expect("template");
    let aspect = template_quality(session).1.aspect();
    assert!(aspect >= 1.3, "session-cluster aspect {aspect} (baseline 0.63)");
    assert!(length <= 11_560.0, "edge length {length} (baseline 15111)");
}

#[test]
fn generated_designs_read_far_better_than_the_column_layout() {
    // Baseline (shelf-packed blocks, one left-to-right pass): 955 crossings, edge length
    // 121778, aspect 1.06. Measured now: 342 crossings, 71701, aspect 1.63.
    let d = generate::design(100);
    let graph = Graph::build(&d);
    let q = quality(&d, &graph, &positions(&d, &graph));
    assert_eq!((q.node_overlaps, q.frame_overlaps), (0, 0));
    assert!(q.crossings <= 342, "{} crossings", q.crossings);
    assert!(q.edge_length <= 71_710.0, "edge length {}", q.edge_length);
    assert!((1.3..=2.0).contains(&q.aspect()), "aspect {}", q.aspect());
}

#[test]
fn cmf_objects_a_frame_uses_sit_beside_it_on_their_dependency_row() {
    let t = crate::core::templates::by_id("flink-sql").expect("template");
    let (d, _) = t.design();
    let (pos, frames) = laid_out(&d);
    let frame = frames.iter().find(|f| f.namespace == "flink").expect("frame").rect;
    let at = |kind: Kind| pos[&d.of_kind(kind).next().expect("kind").id];
    for kind in [Kind::CmfSecret, Kind::KafkaCatalog, Kind::KafkaDatabase] {
        let node = Rect::node(at(kind));
        assert!(node.x >= frame.right() && node.bottom() <= frame.bottom(), "{kind:?} {node:?}");
    }
    assert!(at(Kind::CmfSecret).y < at(Kind::SecretMapping).y, "secret above its mapping");
    assert!(at(Kind::SecretMapping).y < at(Kind::KafkaCatalog).y, "mapping above the catalog");
    assert!(at(Kind::KafkaDatabase).y < at(Kind::Statement).y, "database above the statement");
}

#[test]
fn quality_counts_crossings_overlaps_and_the_shape_of_the_drawing() {
    let d = small();
    let graph = Graph::build(&d);
    let mut pos = positions(&d, &graph);
    let clean = quality(&d, &graph, &pos);
    assert_eq!((clean.node_overlaps, clean.frame_overlaps), (0, 0));
    // Put the session cluster on the service account: one node overlap.
    pos.insert(id_of(&d, "session"), pos[&id_of(&d, "flink")]);
    assert_eq!(quality(&d, &graph, &pos).node_overlaps, 1);
    // Put the other namespace's config map inside the flink frame: one frame overlap.
    let mut pos = positions(&d, &graph);
    pos.insert(id_of(&d, "other"), pos[&id_of(&d, "job")]);
    pos.insert(id_of(&d, "job"), Point { x: pos[&id_of(&d, "job")].x, y: 5000.0 });
    assert!(quality(&d, &graph, &pos).frame_overlaps >= 1);
    // Two edges drawn as an X cross once: job → session and session → service account
    // share a node, so swap in the operator → namespace edge across them.
    let mut pos = HashMap::new();
    pos.insert(id_of(&d, "job"), Point { x: 0.0, y: 400.0 });
    pos.insert(id_of(&d, "session"), Point { x: 600.0, y: 0.0 });
    pos.insert(id_of(&d, "op"), Point { x: 600.0, y: 400.0 });
    pos.insert(id_of(&d, "flink"), Point { x: 0.0, y: -300.0 });
    let ns = d.of_kind(Kind::Namespace).next().expect("namespace").id;
    pos.insert(ns, Point { x: 0.0, y: 0.0 });
    let q = quality(&d, &graph, &pos);
    assert_eq!(q.crossings, 1, "job→session crosses op→namespace");
    assert!(q.width > q.height && (q.aspect() - q.width / q.height).abs() < 1e-9);
}
