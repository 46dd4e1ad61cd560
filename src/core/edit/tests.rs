//! Edit, undo and redo: every variant round-trips to the identical design.

use serde_json::json;

use super::*;
use crate::core::generate;
use crate::core::import::import_text;
use crate::core::model::Kind;
use crate::core::targets::Version;

const BASE: &str = "\
apiVersion: v1
kind: Namespace
metadata: {name: flink}
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {name: session, namespace: flink}
spec: {flinkVersion: v1_20, serviceAccount: flink}
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkSessionJob
metadata: {name: job, namespace: flink}
spec: {job: {jarURI: 'local:///a.jar', parallelism: 2}}
---
name: dev
kubernetesNamespace: flink
---
apiVersion: cmf.confluent.io/v1
kind: ComputePool
metadata: {name: pool}
spec: {type: DEDICATED}
---
apiVersion: cmf.confluent.io/v1
kind: Statement
metadata: {name: st}
spec: {statement: SELECT 1}
";

fn base() -> Design {
    let mut d = Design::new();
    import_text(&mut d, "base.yaml", BASE);
    d.assign_scopes(None, None);
    d.layout.insert(ResourceId(1), Point { x: 10.0, y: 20.0 });
    d.notes.insert(ResourceId(2), "runs nightly".into());
    d
}

fn id(n: u32) -> ResourceId {
    ResourceId(n)
}

fn every_variant() -> Vec<Edit> {
    let mut other = Design::new();
    other.add(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}}));
    vec![
        Edit::Add {
            docs: vec![
                json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}),
                json!({"apiVersion": "cmf.confluent.io/v1", "kind": "FlinkApplication",
                       "metadata": {"name": "app"}, "spec": {}}),
            ],
            at: Some(Point { x: 1.0, y: 2.0 }),
        },
        Edit::Import {
            file: "more.yaml".into(),
            text: "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: flink}\n".into(),
        },
        Edit::Import {
            file: "d.yaml".into(),
            text: {
                let mut b = base();
                b.targets.cmf = Version::parse("2.2.0");
                crate::core::design_file::save(&b, "copy")
            },
        },
        Edit::Remove { ids: vec![id(1), id(3)] },
        Edit::Duplicate { ids: vec![id(1), id(2)] },
        Edit::Replace {
            id: id(2),
            doc: json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "now"}}),
        },
        Edit::ReplaceMany {
            label: "Rewrite keys".into(),
            docs: vec![
                (
                    id(1),
                    json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "one"}}),
                ),
                (
                    id(2),
                    json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "two"}}),
                ),
            ],
        },
        Edit::SetField {
            id: id(2),
            pointer: "/spec/job/parallelism".into(),
            value: Some(json!(4)),
        },
        Edit::SetField { id: id(2), pointer: "/spec/x/y".into(), value: Some(json!("new")) },
        Edit::SetField { id: id(2), pointer: "/spec/job".into(), value: None },
        Edit::Move {
            positions: vec![(id(1), Point { x: 5.0, y: 5.0 }), (id(0), Point { x: 0.0, y: 1.0 })],
        },
        Edit::Connect { from: id(2), to: id(1) },
        Edit::Connect { from: id(5), to: id(4) },
        Edit::SetNote { id: id(1), note: Some("hello".into()) },
        Edit::SetNote { id: id(2), note: None },
        Edit::SetTargets(crate::core::targets::TargetOverrides {
            fko: Version::parse("1.10.0"),
            ..Default::default()
        }),
        Edit::Load(Box::new(other)),
    ]
}

#[test]
fn every_variant_applies_undoes_and_redoes_to_the_identical_design() {
    for edit in every_variant() {
        let original = base();
        let mut d = original.clone();
        let mut h = History::default();
        let applied =
            h.apply(&mut d, edit.clone(), false).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        assert_ne!(d, original, "{edit:?} changed nothing");
        assert!(!applied.change.is_empty());
        let after = d.clone();
        assert_eq!(h.undo(&mut d).as_deref(), Some(applied.change.label.as_str()));
        assert_eq!(d, original, "undo of {edit:?}");
        assert!(h.redo(&mut d).is_some());
        assert_eq!(d, after, "redo of {edit:?}");
        assert!(h.can_undo() && !h.can_redo());
    }
}

#[test]
fn failing_edits_change_nothing_and_say_why() {
    let cases = [
        (Edit::Remove { ids: vec![id(1), id(99)] }, "no resource #99"),
        (Edit::Duplicate { ids: vec![id(99)] }, "no resource #99"),
        (
            Edit::SetField { id: id(1), pointer: "spec/x".into(), value: Some(json!(1)) },
            "starts with '/'",
        ),
        (
            Edit::SetField {
                id: id(1),
                pointer: "/spec/flinkVersion/x".into(),
                value: Some(json!(1)),
            },
            "cannot edit field '/spec/flinkVersion/x': '/spec/flinkVersion' is a string",
        ),
        (Edit::Replace { id: id(1), doc: json!("text") }, "the new document is a string"),
        (
            Edit::ReplaceMany {
                label: "x".into(),
                docs: vec![(id(1), json!({"kind": "A"})), (id(99), json!({"kind": "B"}))],
            },
            "no resource #99",
        ),
        (
            Edit::Add { docs: vec![json!({"kind": "A"}), json!([1])], at: None },
            "document 2 of 2 is a list",
        ),
        (Edit::Move { positions: vec![(id(1), Point { x: f64::NAN, y: 0.0 })] }, "not a finite"),
        (Edit::Connect { from: id(2), to: id(4) }, "connection refused: "),
    ];
    for (edit, expected) in cases {
        let original = base();
        let mut d = original.clone();
        let mut h = History::default();
        let err = h.apply(&mut d, edit.clone(), false).expect_err(&format!("{edit:?}"));
        assert!(err.to_string().contains(expected), "{edit:?}: {err}");
        assert_eq!(d, original);
        assert!(!h.can_undo());
    }
}

#[test]
fn labels_name_what_changed() {
    let mut d = base();
    let mut h = History::default();
    let moves = (0..3).map(|n| (id(n), Point { x: 0.0, y: 0.0 })).collect();
    h.apply(&mut d, Edit::Move { positions: moves }, false).unwrap();
    assert_eq!(h.undo_label(), Some("Move 3 resources"));
    let set = Edit::SetField {
        id: id(2),
        pointer: "/spec/job/parallelism".into(),
        value: Some(json!(3)),
    };
    h.apply(&mut d, set, false).unwrap();
    assert_eq!(h.undo_label(), Some("Edit spec.job.parallelism"));
    h.apply(&mut d, Edit::Remove { ids: vec![id(2)] }, false).unwrap();
    assert_eq!(h.undo_label(), Some("Delete FlinkSessionJob job"));
    h.undo(&mut d);
    assert_eq!(h.redo_label(), Some("Delete FlinkSessionJob job"));
}

#[test]
fn coalesced_drags_and_typing_are_one_undo_step() {
    let original = base();
    let mut d = original.clone();
    let mut h = History::default();
    for i in 0..10 {
        let p = Point { x: f64::from(i), y: 0.0 };
        h.apply(&mut d, Edit::Move { positions: vec![(id(1), p), (id(2), p)] }, true).unwrap();
    }
    for text in ["S", "SE", "SEL"] {
        let edit = Edit::SetField {
            id: id(5),
            pointer: "/spec/statement".into(),
            value: Some(json!(text)),
        };
        h.apply(&mut d, edit, true).unwrap();
    }
    let other = Edit::SetField { id: id(5), pointer: "/spec/x".into(), value: Some(json!(1)) };
    h.apply(&mut d, other, true).unwrap();
    assert_eq!(h.len(), 3);
    h.undo(&mut d);
    assert_eq!(d.get(id(5)).unwrap().spec_str(&["statement"]), Some("SEL"));
    h.undo(&mut d);
    assert_eq!(d.get(id(5)).unwrap().spec_str(&["statement"]), Some("SELECT 1"));
    assert_eq!(d.layout.get(&id(1)), Some(&Point { x: 9.0, y: 0.0 }));
    h.undo(&mut d);
    assert_eq!(d, original);
}

#[test]
fn the_limit_drops_the_oldest_steps() {
    let mut d = base();
    let mut h = History::new(500);
    let mut states = vec![d.clone()];
    for i in 0..600 {
        let edit = Edit::SetField { id: id(1), pointer: "/spec/n".into(), value: Some(json!(i)) };
        h.apply(&mut d, edit, false).unwrap();
        states.push(d.clone());
    }
    assert_eq!(h.len(), 500);
    while h.undo(&mut d).is_some() {}
    assert_eq!(d, states[100]);
}

#[test]
fn history_of_a_large_design_stores_only_what_was_touched() {
    let mut d = generate::design(10_000);
    let n = d.resources.len();
    let mut h = History::default();
    for i in 0..500u32 {
        let target = d.resources[(i as usize * 7) % n].id;
        let edit = Edit::SetField {
            id: target,
            pointer: "/metadata/labels/step".into(),
            value: Some(json!(i)),
        };
        h.apply(&mut d, edit, false).unwrap();
    }
    assert_eq!(h.len(), 500);
    // Before and after of one resource per step, nothing else.
    assert_eq!(h.stored_entries(), 1000);
}

#[test]
fn duplicates_get_free_names_and_offset_positions() {
    let mut d = base();
    let first = apply(&mut d, Edit::Duplicate { ids: vec![id(1)] }).unwrap().added;
    let second = apply(&mut d, Edit::Duplicate { ids: vec![id(1)] }).unwrap().added;
    let names: Vec<&str> = d.of_kind(Kind::FlinkDeployment).map(|r| r.name()).collect();
    assert_eq!(names, ["session", "session-copy", "session-copy-2"]);
    // Offset by the cascade, then clear of the original (below it, keeping the gap).
    let below = 20.0 + crate::core::layout::NODE_HEIGHT + crate::core::layout::NODE_GAP;
    assert_eq!(d.layout.get(&first[0]), Some(&Point { x: 50.0, y: below }));
    assert_eq!(d.get(second[0]).unwrap().namespace(), Some("flink"));
}

#[test]
fn added_cmf_payloads_join_the_only_environment() {
    let mut d = base();
    let doc = json!({"apiVersion": "cmf.confluent.io/v1", "kind": "FlinkApplication",
                     "metadata": {"name": "app"}, "spec": {}});
    let added = apply(&mut d, Edit::Add { docs: vec![doc], at: None }).unwrap().added;
    assert_eq!(d.get(added[0]).unwrap().environment(), Some("dev"));
}

#[test]
fn import_reports_problems_and_keeps_what_it_read() {
    let mut d = base();
    let text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\nkey: [unclosed\n";
    let applied = apply(&mut d, Edit::Import { file: "p.yaml".into(), text: text.into() }).unwrap();
    assert_eq!(applied.added.len(), 1);
    assert!(
        applied.diagnostics.iter().any(|f| f.rule == "IMP-SYNTAX-001"),
        "{:?}",
        applied.diagnostics
    );
    assert_eq!(applied.change.label, "Import p.yaml (1 resource)");
}

/// A small deterministic generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn random_edit(d: &Design, rng: &mut Lcg, step: usize) -> Edit {
    let pick = |rng: &mut Lcg| d.resources[rng.next(d.resources.len())].id;
    match rng.next(8) {
        0 => Edit::Move { positions: vec![(pick(rng), Point { x: step as f64, y: 1.0 })] },
        1 => Edit::SetField {
            id: pick(rng),
            pointer: "/spec/flinkConfiguration/taskmanager.numberOfTaskSlots".into(),
            value: Some(json!(step.to_string())),
        },
        2 => Edit::Remove { ids: vec![pick(rng), pick(rng)] },
        3 => Edit::Duplicate { ids: vec![pick(rng)] },
        4 => Edit::Add {
            docs: vec![
                json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": format!("c{step}")}}),
            ],
            at: Some(Point { x: 0.0, y: 0.0 }),
        },
        5 => Edit::Connect { from: pick(rng), to: pick(rng) },
        6 => Edit::SetNote { id: pick(rng), note: Some(format!("n{step}")) },
        _ => {
            let target = pick(rng);
            let mut doc = d.get(target).map(|r| r.doc.clone()).unwrap_or_default();
            doc["metadata"]["labels"] = json!({"step": step});
            Edit::Replace { id: target, doc }
        }
    }
}

#[test]
fn a_random_edit_sequence_undone_returns_the_original() {
    let original = generate::design(100);
    let mut d = original.clone();
    let mut h = History::default();
    let mut rng = Lcg(7);
    let mut applied = 0;
    for step in 0..300 {
        let edit = random_edit(&d, &mut rng, step);
        if h.apply(&mut d, edit, rng.next(2) == 0).is_ok() {
            applied += 1;
        }
    }
    assert!(applied > 200, "only {applied} edits applied");
    let fin = d.clone();
    while h.undo(&mut d).is_some() {}
    assert_eq!(d, original);
    while h.redo(&mut d).is_some() {}
    assert_eq!(d, fin);
}

#[test]
fn duplicating_a_group_keeps_its_references_inside_the_group() {
    let mut d = base();
    // The job alone: its copy still runs on the original cluster.
    let job = |d: &Design, i: ResourceId| {
        d.get(i).unwrap().spec_str(&["deploymentName"]).map(str::to_string)
    };
    let set = Edit::SetField {
        id: id(2),
        pointer: "/spec/deploymentName".into(),
        value: Some(json!("session")),
    };
    apply(&mut d, set).unwrap();
    let alone = apply(&mut d, Edit::Duplicate { ids: vec![id(2)] }).unwrap().added;
    assert_eq!(job(&d, alone[0]).as_deref(), Some("session"));
    // Namespace, cluster and job together: the copies live in the new namespace and the
    // job's copy runs on the cluster's copy.
    let copies = apply(&mut d, Edit::Duplicate { ids: vec![id(0), id(1), id(2)] }).unwrap().added;
    let names: Vec<(&str, Option<&str>)> =
        copies.iter().map(|c| d.get(*c).unwrap()).map(|r| (r.name(), r.namespace())).collect();
    assert_eq!(
        names,
        [
            ("flink-copy", None),
            ("session-copy", Some("flink-copy")),
            ("job-copy-2", Some("flink-copy"))
        ]
    );
    assert_eq!(job(&d, copies[2]).as_deref(), Some("session-copy"));
    let g = crate::core::graph::Graph::build(&d);
    assert_eq!(g.targets(copies[2], crate::core::graph::EdgeKind::SessionCluster), vec![copies[1]]);
    // CMF payloads: a statement copied with its pool and environment follows them.
    let copies = apply(&mut d, Edit::Duplicate { ids: vec![id(3), id(4), id(5)] }).unwrap().added;
    let st = d.get(copies[2]).unwrap();
    assert_eq!(st.environment(), Some("dev-copy"));
    assert_eq!(d.get(copies[1]).unwrap().environment(), Some("dev-copy"));
}
