use std::collections::HashMap;

use super::*;
use crate::core::generate;
use crate::core::graph::Graph;

fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

fn overlaps(a: Point, b: Point) -> bool {
    (a.x - b.x).abs() < SPAN_X - EPS && (a.y - b.y).abs() < SPAN_Y - EPS
}

fn dist(d: Point) -> f64 {
    d.x.hypot(d.y)
}

/// A small deterministic pseudo-random sequence (no crate, same numbers everywhere).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: f64) -> f64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64 * below
    }
}

/// The nearest clear offset by brute force: every combination of every obstacle's edges.
fn brute_force(occupied: &[Point], group: &[Point]) -> Point {
    let (mut xs, mut ys) = (vec![0.0], vec![0.0]);
    for q in occupied {
        for p in group {
            xs.extend([q.x - p.x - SPAN_X, q.x - p.x + SPAN_X]);
            ys.extend([q.y - p.y - SPAN_Y, q.y - p.y + SPAN_Y]);
        }
    }
    let clear = |d: Point| {
        group.iter().all(|p| occupied.iter().all(|q| !overlaps(pt(p.x + d.x, p.y + d.y), *q)))
    };
    let mut best: Option<Point> = None;
    for x in &xs {
        for y in &ys {
            let d = pt(*x, *y);
            if clear(d) && best.is_none_or(|b| dist(d) < dist(b)) {
                best = Some(d);
            }
        }
    }
    best.expect("some candidate is free")
}

#[test]
fn a_free_position_is_kept() {
    let occ = Occupancy::new([pt(0.0, 0.0), pt(500.0, 0.0)]);
    assert_eq!(occ.free_spot(pt(250.0, 0.0)), pt(250.0, 0.0));
    assert_eq!(Occupancy::new([]).free_spot(pt(3.0, 4.0)), pt(3.0, 4.0));
}

#[test]
fn a_node_dropped_on_another_moves_the_least_distance_and_keeps_the_gap() {
    let occ = Occupancy::new([pt(0.0, 0.0)]);
    // Straight on top: one node height plus the gap, up or down (up on a tie).
    assert_eq!(occ.free_spot(pt(0.0, 0.0)), pt(0.0, -(NODE_HEIGHT + NODE_GAP)));
    // Slightly below and to the right: pushed down, x unchanged.
    assert_eq!(occ.free_spot(pt(30.0, 20.0)), pt(30.0, NODE_HEIGHT + NODE_GAP));
    // Mostly beside it: pushed sideways.
    assert_eq!(occ.free_spot(pt(190.0, 0.0)), pt(NODE_WIDTH + NODE_GAP, 0.0));
}

#[test]
fn a_node_finds_the_hole_left_in_a_full_grid() {
    let mut nodes = Vec::new();
    for row in 0..9 {
        for col in 0..9 {
            if (row, col) != (4, 4) {
                nodes.push(pt(f64::from(col) * SPAN_X, f64::from(row) * SPAN_Y));
            }
        }
    }
    let occ = Occupancy::new(nodes);
    let hole = pt(4.0 * SPAN_X, 4.0 * SPAN_Y);
    assert_eq!(occ.free_spot(pt(hole.x + 40.0, hole.y - 30.0)), hole);
}

#[test]
fn single_nodes_land_where_brute_force_says_is_nearest() {
    let mut rng = Lcg(7);
    for round in 0..200 {
        let n = 1 + round % 25;
        let nodes: Vec<Point> = (0..n).map(|_| pt(rng.next(1200.0), rng.next(600.0))).collect();
        let wanted = pt(rng.next(1200.0), rng.next(600.0));
        let got = Occupancy::new(nodes.clone()).free_spot(wanted);
        assert!(nodes.iter().all(|q| !overlaps(got, *q)), "round {round}: {got:?} overlaps");
        let best = brute_force(&nodes, &[wanted]);
        let moved = pt(got.x - wanted.x, got.y - wanted.y);
        assert!((dist(moved) - dist(best)).abs() < 1e-6, "round {round}: {moved:?} vs {best:?}");
    }
}

#[test]
fn groups_move_as_one_by_the_smallest_clear_offset() {
    let mut rng = Lcg(11);
    for round in 0..100 {
        let nodes: Vec<Point> = (0..12).map(|_| pt(rng.next(1500.0), rng.next(800.0))).collect();
        let group: Vec<Point> =
            (0..1 + round % 4).map(|_| pt(rng.next(1000.0), rng.next(600.0))).collect();
        let d = Occupancy::new(nodes.clone()).free_offset(&group);
        for p in &group {
            let moved = pt(p.x + d.x, p.y + d.y);
            assert!(nodes.iter().all(|q| !overlaps(moved, *q)), "round {round}");
        }
        let best = brute_force(&nodes, &group);
        assert!((dist(d) - dist(best)).abs() < 1e-6, "round {round}: {d:?} vs {best:?}");
    }
}

#[test]
fn settle_shifts_the_dropped_group_off_the_others_keeping_its_arrangement() {
    let ids: Vec<ResourceId> = (0..4).map(ResourceId).collect();
    let positions: HashMap<ResourceId, Point> = HashMap::from([
        (ids[0], pt(0.0, 0.0)),
        (ids[1], pt(300.0, 0.0)),
        (ids[2], pt(900.0, 900.0)),
        (ids[3], pt(900.0, 1000.0)),
    ]);
    // 2 and 3 (one above the other) dropped onto 0 and 1.
    let out = settle(&positions, &[(ids[2], pt(10.0, 10.0)), (ids[3], pt(10.0, 110.0))]);
    let (a, b) = (out[0].1, out[1].1);
    assert_eq!((b.x - a.x, b.y - a.y), (0.0, 100.0), "arrangement kept");
    assert!(!overlaps(a, positions[&ids[0]]) && !overlaps(b, positions[&ids[0]]));
    assert!(!overlaps(a, positions[&ids[1]]) && !overlaps(b, positions[&ids[1]]));
    // Dropped where nothing else is: untouched (the moved nodes' old places do not count).
    let out = settle(&positions, &[(ids[2], pt(900.0, 940.0)), (ids[3], pt(900.0, 1040.0))]);
    assert_eq!(out, vec![(ids[2], pt(900.0, 940.0)), (ids[3], pt(900.0, 1040.0))]);
    // One of a pair dropped onto the other, which stays: pushed off it.
    let out = settle(&positions, &[(ids[2], pt(900.0, 980.0))]);
    assert_eq!(out, vec![(ids[2], pt(900.0, 1000.0 - SPAN_Y))]);
}

#[test]
fn settling_on_others_indexed_beforehand_gives_the_same_positions() {
    let d = laid_out(300);
    let positions: HashMap<ResourceId, Point> = d.layout.iter().map(|(k, v)| (*k, *v)).collect();
    let mut ids: Vec<ResourceId> = positions.keys().copied().collect();
    crate::core::sort::sort_by_key(&mut ids, |id| *id);
    let mut rng = Lcg(7);
    for round in 0..60 {
        // One node or a few, dropped onto random other nodes (or near them).
        let group: Vec<ResourceId> =
            ids.iter().copied().skip(round * 5).take(1 + round % 4).collect();
        let onto = positions[&ids[(round * 37) % ids.len()]];
        let (dx, dy) = (rng.next(80.0) - 40.0, rng.next(60.0) - 30.0);
        let base = positions[&group[0]];
        let moved: Vec<(ResourceId, Point)> = group
            .iter()
            .map(|id| {
                let p = positions[id];
                (*id, pt(onto.x + dx + p.x - base.x, onto.y + dy + p.y - base.y))
            })
            .collect();
        let others = Occupancy::excluding(&positions, &group.iter().copied().collect());
        assert_eq!(settle_on(&others, &moved), settle(&positions, &moved), "round {round}");
    }
}

#[test]
fn settle_in_clears_copies_of_a_laid_out_design() {
    let mut d = generate::design(300);
    let graph = Graph::build(&d);
    d.layout = super::super::auto(&d, &graph).into_iter().collect();
    // Copies 40 units off the originals, as a duplicate puts them.
    let originals: Vec<ResourceId> = d.resources.iter().take(5).map(|r| r.id).collect();
    let mut copies = Vec::new();
    for id in &originals {
        let copy = d.push(d.get(*id).unwrap().clone());
        let p = d.layout[id];
        d.layout.insert(copy, pt(p.x + 40.0, p.y + 40.0));
        copies.push(copy);
    }
    let before: Vec<Point> = copies.iter().map(|c| d.layout[c]).collect();
    settle_in(&mut d, &copies);
    let after: Vec<Point> = copies.iter().map(|c| d.layout[c]).collect();
    let (dx, dy) = (after[0].x - before[0].x, after[0].y - before[0].y);
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((a.x - b.x, a.y - b.y), (dx, dy), "moved as one");
        for (id, q) in &d.layout {
            assert!(copies.contains(id) || !overlaps(*a, *q), "{a:?} over {q:?}");
        }
    }
}

#[test]
fn odd_positions_never_panic() {
    let occ =
        Occupancy::new([pt(f64::NAN, 0.0), pt(1e300, -1e300), pt(0.0, 0.0), pt(f64::MAX, 0.0)]);
    assert_eq!(occ.len(), 3);
    let p = occ.free_spot(pt(0.0, 0.0));
    assert!(p.x.is_finite() && p.y.is_finite());
    let far = occ.free_spot(pt(1e300, -1e300));
    assert!(far.x.is_finite() && far.y.is_finite());
    assert_eq!(occ.free_offset(&[pt(f64::INFINITY, 0.0)]), pt(0.0, 0.0));
}

/// A laid-out generated design and its history, for the edits below.
fn laid_out(n: usize) -> Design {
    let mut d = generate::design(n);
    let graph = Graph::build(&d);
    d.layout = super::super::auto(&d, &graph).into_iter().collect();
    d
}

fn assert_clear(d: &Design, placed: &[ResourceId]) {
    for id in placed {
        let p = d.layout[id];
        for (other, q) in &d.layout {
            assert!(
                placed.contains(other) || !overlaps(p, *q),
                "{id:?} at {p:?} over {other:?} at {q:?}"
            );
        }
    }
}

#[test]
fn edits_that_place_new_nodes_put_them_on_free_spots_in_the_same_undo_step() {
    use crate::core::edit::{Edit, History};
    let mut d = laid_out(60);
    let original = d.clone();
    let mut h = History::default();
    let target = d.resources[7].id;
    let on_top = d.layout[&target];
    // Palette: added where a node already is.
    let doc =
        serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "new"}});
    let added =
        h.apply(&mut d, Edit::Add { docs: vec![doc], at: Some(on_top) }, false).unwrap().added;
    assert_clear(&d, &added);
    let nearest = Occupancy::new(original.layout.values().copied()).free_spot(on_top);
    assert_ne!(nearest, on_top);
    assert_eq!(d.layout[&added[0]], nearest);
    // Duplicate: the copies do not sit on their originals.
    let picked: Vec<ResourceId> = d.resources.iter().skip(3).take(4).map(|r| r.id).collect();
    let copies = h.apply(&mut d, Edit::Duplicate { ids: picked }, false).unwrap().added;
    assert_clear(&d, &copies);
    // A design file pasted into itself: its positions are all taken, so they move as one.
    let text = crate::core::design_file::save(&original, "again");
    let imported =
        h.apply(&mut d, Edit::Import { file: "again.json".into(), text }, false).unwrap().added;
    assert_eq!(imported.len(), original.resources.len());
    assert_clear(&d, &imported);
    // Each was one step.
    for _ in 0..3 {
        h.undo(&mut d).unwrap();
    }
    assert_eq!(d, original);
}
