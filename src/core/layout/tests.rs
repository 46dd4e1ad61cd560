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
fn installs_sit_in_their_namespace_and_namespaces_are_frames_not_nodes() {
    let t = crate::core::templates::by_id("confluent-platform").expect("template");
    let (d, _) = t.design();
    let graph = Graph::build(&d);
    let (pos, frames) = laid_out(&d);
    let s = scene(&d, &graph, &pos, SceneOptions::default());
    assert!(s.nodes.iter().all(|n| n.kind != Kind::Namespace), "no namespace node");
    let frame = |ns: &str| frames.iter().find(|f| f.namespace == ns).expect(ns);
    let confluent = frame("confluent");
    assert!(confluent.resource.is_some() && confluent.members == 10);
    for kind in [Kind::CfkInstall, Kind::CmfInstall, Kind::KafkaCluster, Kind::SchemaRegistry] {
        let id = d.of_kind(kind).next().expect("kind").id;
        assert!(confluent.rect.contains(&Rect::node(pos[&id])), "{kind:?} not in confluent");
    }
    let fko = d.of_kind(Kind::FkoInstall).next().expect("fko").id;
    assert!(frame("flink").rect.contains(&Rect::node(pos[&fko])));
    // What the installs act on: the watched namespace's frame, the environments, the CRs.
    let apps = frames.iter().position(|f| f.namespace == "apps").expect("apps");
    let edge_to = |from: Kind, to: super::scene::End| {
        let id = d.of_kind(from).next().expect("kind").id;
        s.edges.iter().any(|e| e.from == id && e.to == to)
    };
    assert!(edge_to(Kind::FkoInstall, super::scene::End::Frame(apps)));
    let env = d.of_kind(Kind::Environment).next().expect("env").id;
    assert!(edge_to(Kind::CmfInstall, super::scene::End::Node(env)));
    assert!(edge_to(Kind::CfkInstall, super::scene::End::Node(env)));
    let kafka = d.of_kind(Kind::KafkaCluster).next().expect("kafka").id;
    assert!(edge_to(Kind::KafkaDatabase, super::scene::End::Node(kafka)));
    // Every edge ends at a node, a frame or a stub: on a border, never in empty space.
    for e in &s.edges {
        let end = *e.points.last().expect("routed");
        let target = s.end_rect(e.to, &s.node_index()).expect("target drawn");
        let on_border = (end.0 - target.x).abs() < 1e-6
            || (end.0 - target.right()).abs() < 1e-6
            || (end.1 - target.y).abs() < 1e-6
            || (end.1 - target.bottom()).abs() < 1e-6;
        assert!(on_border, "{e:?} ends off {target:?}");
    }
}

#[test]
fn an_emptied_namespace_keeps_its_frame_and_a_missing_target_gets_one_stub() {
    let mut d = small();
    let graph = Graph::build(&d);
    let pos = positions(&d, &graph);
    // The flink namespace's resources go: its frame stays, empty, where it was.
    let flink = d.of_kind(Kind::Namespace).next().expect("ns").id;
    d.layout.insert(flink, pos[&flink]);
    d.resources.retain(|r| r.namespace() != Some("flink"));
    let graph = Graph::build(&d);
    let pos = positions(&d, &graph);
    let frames = frames(&d, &pos);
    let f = frames.iter().find(|f| f.namespace == "flink").expect("flink frame");
    assert_eq!((f.members, f.resource), (0, Some(flink)));
    // The operator watches two namespaces that are not there: two stubs, whatever refers.
    let mut d = small();
    d.resources.retain(|r| r.kind != Kind::Namespace);
    if let Some(op) = d.resources.iter_mut().find(|r| r.kind == Kind::FkoInstall) {
        op.doc["spec"]["watchNamespaces"] = json!(["nowhere", "elsewhere", "nowhere"]);
    }
    let graph = Graph::build(&d);
    let s = scene(&d, &graph, &positions(&d, &graph), SceneOptions::default());
    let names: Vec<&str> = s.stubs.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"nowhere") && names.contains(&"elsewhere"), "{names:?}");
    let nowhere = s.stubs.iter().find(|t| t.name == "nowhere").expect("stub");
    assert_eq!(nowhere.refs.len(), 2, "both references, one stub");
}

#[test]
fn hidden_layers_leave_their_nodes_and_edges_out() {
    let t = crate::core::templates::by_id("confluent-platform").expect("template");
    let (d, _) = t.design();
    let graph = Graph::build(&d);
    let pos = positions(&d, &graph);
    let all = scene(&d, &graph, &pos, SceneOptions::default());
    let doc = scene(
        &d,
        &graph,
        &pos,
        SceneOptions { layers: Layers::DOCUMENTATION, ..SceneOptions::default() },
    );
    assert!(all.nodes.iter().any(|n| n.kind == Kind::RoleBinding));
    assert!(!doc.nodes.iter().any(|n| matches!(n.kind, Kind::RoleBinding | Kind::ServiceAccount)));
    assert!(all.edges.iter().any(|e| e.label.is_some()));
    assert!(doc.edges.iter().all(|e| e.label.is_none()));
    let shown: Vec<ResourceId> = doc.nodes.iter().map(|n| n.id).collect();
    for e in &doc.edges {
        assert!(shown.contains(&e.from), "edge from a hidden node");
    }
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
    let nodes = node_positions(&d, &pos);
    assert_eq!(nodes.len(), d.resources.len() - d.of_kind(Kind::Namespace).count());
    let mut rects: Vec<Rect> = nodes.values().map(|p| Rect::node(*p)).collect();
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

/// The zoom at which the studio fits a drawing of `q`'s size on the canvas a 1440×900
/// window leaves beside the side column (about 1000×780, 40 px margins).
fn fitted_zoom(q: &Quality) -> f64 {
    ((1000.0 - 80.0) / q.width).min((780.0 - 80.0) / q.height).min(1.2)
}

#[test]
fn every_template_draws_cleanly_and_fits_a_laptop_screen() {
    // Before the drawing was routed and measured (`cargo bench --bench layout`, 2026-12):
    // label collisions 1+1+0+0+1+1+3+3, text overflows 1+1+1+1+1+1+2+2 over the eight
    // templates, fitted at 82 % (confluent-platform) to 120 % in the studio at 1440×900.
    let mut crossings = 0;
    for t in crate::core::templates::TEMPLATES {
        let (_, q) = template_quality(t);
        let clean = (
            q.node_overlaps,
            q.frame_overlaps,
            q.label_overlaps,
            q.text_overflows,
            q.frame_intrusions,
        );
        assert_eq!(clean, (0, 0, 0, 0, 0), "{}: {q:?}", t.id);
        // A broken variant also draws the stub of what it misses.
        let least = if t.is_broken() { 0.7 } else { 0.8 };
        assert!(fitted_zoom(&q) >= least, "{} fits at {:.2}: {q:?}", t.id, fitted_zoom(&q));
        crossings += q.crossings;
    }
    // Measured now; a regression fails. Before the refinement by the routed drawing
    // (`refine`): 91 (confluent-platform 17, cmf-artifacts 20, flink-sql 7, …); after: 63.
    assert!(crossings <= 63, "{crossings} crossings");
}

#[test]
fn generated_designs_draw_without_collisions() {
    let d = generate::design(100);
    let graph = Graph::build(&d);
    let q = quality(&d, &graph, &positions(&d, &graph));
    let clean =
        (q.node_overlaps, q.frame_overlaps, q.label_overlaps, q.text_overflows, q.frame_intrusions);
    assert_eq!(clean, (0, 0, 0, 0, 0), "{q:?}");
    assert!(q.crossings <= 300, "{} crossings", q.crossings);
    assert!((1.3..=2.1).contains(&q.aspect()), "aspect {}", q.aspect());
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
fn quality_counts_overlaps_and_the_shape_of_the_drawing() {
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
    let q = quality(&d, &graph, &positions(&d, &graph));
    assert!(q.width > 0.0 && (q.aspect() - q.width / q.height).abs() < 1e-9);
}

#[test]
fn quality_counts_what_a_reader_would_trip_over() {
    use super::scene::{End, SceneEdge, SceneFrame};
    let d = small();
    let graph = Graph::build(&d);
    let pos = positions(&d, &graph);
    let mut s = scene(&d, &graph, &pos, SceneOptions::default());
    let base = metrics::of_scene(&d, &s);
    let edge = |points: Vec<(f64, f64)>, label: Option<Rect>| SceneEdge {
        from: id_of(&d, "job"),
        to: End::Node(id_of(&d, "cr")),
        kind: crate::core::graph::EdgeKind::RoleRef,
        field: String::new(),
        points,
        label: label.map(|r| ("x".to_string(), r)),
        also: Vec::new(),
    };
    // Two new edges crossing each other (sharing no end) and one through a frame.
    let far = Rect { x: -9000.0, y: -9000.0, width: 10.0, height: 10.0 };
    let frame = s.frames[0].frame.rect;
    let mut cross = edge(vec![(-5000.0, -100.0), (-4000.0, -100.0)], None);
    cross.from = id_of(&d, "op");
    let mut other = edge(vec![(-4500.0, -200.0), (-4500.0, 0.0)], None);
    other.from = id_of(&d, "other");
    other.to = End::Node(id_of(&d, "session"));
    s.edges.push(cross);
    s.edges.push(other);
    s.edges.push(edge(
        vec![(frame.x - 50.0, frame.y + 60.0), (frame.right() + 50.0, frame.y + 60.0)],
        Some(far),
    ));
    // A label on a node, another on that label.
    let node = s.nodes[0].rect;
    s.edges.push(edge(vec![(0.0, 0.0), (0.0, 0.0)], Some(node)));
    s.edges.push(edge(vec![(0.0, 0.0), (0.0, 0.0)], Some(node)));
    // A frame title too long for its frame.
    s.frames.push(SceneFrame { title: "w".repeat(200), ..s.frames[0].clone() });
    let q = metrics::of_scene(&d, &s);
    assert_eq!(q.crossings, base.crossings + 1);
    assert!(q.frame_intrusions > base.frame_intrusions);
    assert_eq!(q.label_overlaps, base.label_overlaps + 3, "two on the node, one pair");
    assert_eq!(q.text_overflows, base.text_overflows + 1);
}

#[test]
fn a_narrow_frame_title_keeps_its_count_and_cuts_the_name() {
    let bold = text::Weight::Bold;
    let name = "flink-operator-system";
    // Room for everything: the whole title.
    assert_eq!(
        fit_frame_title(name, 3, 14.0, 1000.0),
        "namespace flink-operator-system · 3 resources"
    );
    // Room for the name and the count only.
    let short = format!("{name} · 3");
    assert_eq!(fit_frame_title(name, 3, 14.0, text::width(&short, 14.0, bold) + 1.0), short);
    // Less: the name is cut, the count stays, and it fits.
    let title = fit_frame_title(name, 12, 30.0, 200.0);
    assert!(title.ends_with("… · 12"), "{title}");
    assert!(text::width(&title, 30.0, bold) <= 200.0, "{title}");
    // Hardly any room: the name alone, cut.
    let tiny = fit_frame_title(name, 12, 30.0, 90.0);
    assert!(!tiny.contains('·') && text::width(&tiny, 30.0, bold) <= 90.0, "{tiny}");
}

#[test]
fn refined_templates_keep_references_pointing_up_and_cross_less() {
    use crate::core::model::Form;
    for t in crate::core::templates::TEMPLATES {
        let (d, q) = template_quality(t);
        let (pos, _) = laid_out(&d);
        let graph = Graph::build(&d);
        let g = &graph.graph;
        for e in petgraph::visit::IntoEdgeReferences::edge_references(g) {
            use petgraph::visit::EdgeRef;
            let (from, to) = (g[e.source()], g[e.target()]);
            let (Some(f), Some(r)) = (d.get(from), d.get(to)) else { continue };
            if f.form == Form::Studio || is_frame(f.kind) || is_frame(r.kind) {
                continue;
            }
            assert!(
                pos[&from].y > pos[&to].y,
                "{}: {} drawn above {} it references",
                t.id,
                f.name(),
                r.name()
            );
        }
        if t.id == "confluent-platform" {
            // 17 before the refinement: CFK now sits beside what it reconciles, Kafka and
            // Schema Registry beside the catalog and database that use them.
            assert!(q.crossings <= 8, "{}", q.crossings);
        }
    }
}
