//! Refinement of a small drawing by what a reader sees: the ordering heuristics count
//! straight centre-to-centre segments inside one cluster, while the drawing routes edges
//! orthogonally between ports, across frames and up to the band. For a design small
//! enough (a template, a documentation diagram), nodes trade places or move to a free
//! place of their frame (or satellite column, or the band) while that makes the routed
//! drawing better:
//! first fewer collisions (node, frame and label overlaps, text overflows, edges through
//! frames, labels left out for want of room), then fewer crossings, then shorter edges.
//! A move never turns a reference against the reading direction (each points up to what
//! it references; installs, which act on what they point to, may sit anywhere in their
//! namespace, next to what they act on). Moves stay inside the region's current extent,
//! so frames and the whole drawing keep their size (the fitted zoom does not change).
//! Only moves the straight-line estimate does not call much worse are drawn and measured.
//! Deterministic; bounded by an evaluation budget.

use std::collections::HashMap;

use super::cluster::{STEP_X, STEP_Y};
use super::metrics::{of_scene, segments_cross};
use super::scene::{SceneOptions, scene};
use super::{NODE_HEIGHT, NODE_WIDTH};
use crate::core::design::{Design, Point};
use crate::core::graph::Graph;
use crate::core::model::ResourceId;

/// Largest design refined (each evaluation routes the whole drawing).
pub const REFINE_MAX: usize = 20;
/// Drawings evaluated at most per refinement.
const BUDGET: usize = 80;
/// How much worse (in pixels) the straight-line estimate of a move may be for the move
/// still to be drawn and measured; worse moves are skipped unmeasured.
const SLACK: f64 = 1500.0;
/// Cost of one collision, in pixels of edge length.
const COLLISION: f64 = 1.0e6;
/// Cost of one crossing, in pixels of edge length.
const CROSSING: f64 = 600.0;
/// Cost of an edge label left out for want of room, in pixels of edge length.
const NO_LABEL: f64 = 900.0;

/// Nodes that may trade places: indices into the design's resources, and the area
/// (lefts and tops) they may take.
pub struct Region {
    /// Resource indices.
    pub members: Vec<usize>,
    /// Leftmost left.
    pub left: f64,
    /// Rightmost left.
    pub right: f64,
    /// Tops of the region's rows.
    pub rows: Vec<f64>,
}

/// A region per group of resources sharing an area (a frame's content, a frame's
/// satellite column, the band): its current extent, its rows from the topmost to the
/// bottommost, a row step apart.
pub fn regions(groups: &[Vec<usize>], at: &[Point]) -> Vec<Region> {
    let mut out = Vec::new();
    for g in groups {
        let Some(left) = g.iter().map(|&i| at[i].x).reduce(f64::min) else { continue };
        let right = g.iter().map(|&i| at[i].x).fold(left, f64::max);
        let top = g.iter().map(|&i| at[i].y).fold(f64::INFINITY, f64::min);
        let bottom = g.iter().map(|&i| at[i].y).fold(top, f64::max);
        let n = ((bottom - top) / STEP_Y + 1e-6).floor() as usize;
        let mut rows: Vec<f64> = (0..=n).map(|r| top + r as f64 * STEP_Y).collect();
        // Rows whose members are not on the step (kept as they are).
        for &i in g {
            if !rows.iter().any(|y| (y - at[i].y).abs() < 1e-6) {
                rows.push(at[i].y);
            }
        }
        out.push(Region { members: g.clone(), left, right, rows });
    }
    out
}

/// Improves `at` (positions by resource index) by moves within `regions`; `targets`
/// lists what each resource references (by index).
pub fn refine(
    design: &Design,
    graph: &Graph,
    targets: &[Vec<usize>],
    at: &mut [Point],
    regions: &[Region],
) {
    let edges: Vec<(usize, usize)> =
        targets.iter().enumerate().flat_map(|(i, ts)| ts.iter().map(move |&t| (i, t))).collect();
    let ids: Vec<ResourceId> = design.resources.iter().map(|r| r.id).collect();
    let mut evaluations = 1usize;
    let cost = |at: &[Point]| {
        let positions: HashMap<ResourceId, Point> =
            ids.iter().copied().zip(at.iter().copied()).collect();
        let s = scene(design, graph, &positions, SceneOptions::default());
        let q = of_scene(design, &s);
        let collisions = q.node_overlaps
            + q.frame_overlaps
            + q.label_overlaps
            + q.text_overflows
            + q.frame_intrusions;
        let unlabelled =
            s.edges.iter().filter(|e| e.points.len() >= 2 && e.label.is_none()).count();
        let size = s.bounds().map_or(0.0, |b| b.width + b.height);
        (
            collisions as f64 * COLLISION
                + q.crossings as f64 * CROSSING
                + unlabelled as f64 * NO_LABEL
                + against(design, &edges, at) as f64 * COLLISION
                + q.edge_length,
            size,
        )
    };
    let (mut best, size) = cost(at);
    loop {
        let mut improved = false;
        for region in regions {
            for &i in &region.members {
                for to in candidates(region, i, at) {
                    if evaluations >= BUDGET {
                        return;
                    }
                    let here =
                        estimate(&edges, at) + against(design, &edges, at) as f64 * COLLISION;
                    let undo = apply(region, i, to, at);
                    if estimate(&edges, at) + against(design, &edges, at) as f64 * COLLISION
                        > here + SLACK
                    {
                        revert(i, to, undo, at);
                        continue;
                    }
                    evaluations += 1;
                    let (now, now_size) = cost(at);
                    if now < best - 1e-6 && now_size <= size + 1e-6 {
                        best = now;
                        improved = true;
                    } else {
                        revert(i, to, undo, at);
                    }
                }
            }
        }
        if !improved || evaluations >= BUDGET {
            return;
        }
    }
}

/// Moves member `i` to `to`, trading places with the member there, if any; returns what
/// [`revert`] needs: `i`'s old place and the member it traded with.
fn apply(region: &Region, i: usize, to: (f64, f64), at: &mut [Point]) -> (Point, Option<usize>) {
    let before = at[i];
    let other = region
        .members
        .iter()
        .copied()
        .find(|&j| j != i && (at[j].x - to.0).abs() < 1e-6 && (at[j].y - to.1).abs() < 1e-6);
    at[i] = Point { x: to.0, y: to.1 };
    if let Some(j) = other {
        at[j] = before;
    }
    (before, other)
}

fn revert(i: usize, to: (f64, f64), (before, other): (Point, Option<usize>), at: &mut [Point]) {
    at[i] = before;
    if let Some(j) = other {
        at[j] = Point { x: to.0, y: to.1 };
    }
}

/// Edges drawn against the reading direction: a reference points up to what it
/// references, an install (a studio node) down to what it acts on.
fn against(design: &Design, edges: &[(usize, usize)], at: &[Point]) -> usize {
    edges
        .iter()
        .filter(|&&(i, t)| {
            design.resources[i].form != crate::core::model::Form::Studio
                && at[i].y <= at[t].y + 1e-6
        })
        .count()
}

/// A quick estimate of the cost: crossings and length of straight centre-to-centre edges.
fn estimate(edges: &[(usize, usize)], at: &[Point]) -> f64 {
    let c = |i: usize| (at[i].x + NODE_WIDTH / 2.0, at[i].y + NODE_HEIGHT / 2.0);
    let mut total = 0.0;
    for (k, &(a, b)) in edges.iter().enumerate() {
        let (pa, pb) = (c(a), c(b));
        total += (pa.0 - pb.0).hypot(pa.1 - pb.1);
        for &(u, v) in &edges[k + 1..] {
            if a != u && a != v && b != u && b != v && segments_cross(pa, pb, c(u), c(v)) {
                total += CROSSING;
            }
        }
    }
    total
}

/// Places member `i` of `region` may move to: the places of the other members (a swap)
/// and the free slots of each row, a column step apart from the region's left or right
/// or under a member of another row.
fn candidates(region: &Region, i: usize, at: &[Point]) -> Vec<(f64, f64)> {
    let others: Vec<Point> = region.members.iter().filter(|&&j| j != i).map(|&j| at[j]).collect();
    let columns = ((region.right - region.left) / STEP_X + 1e-6).floor() as usize;
    let mut xs: Vec<f64> = others.iter().map(|p| p.x).collect();
    for c in 0..=columns {
        xs.push(region.left + c as f64 * STEP_X);
        xs.push(region.right - c as f64 * STEP_X);
    }
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
    let mut out: Vec<(f64, f64)> = others.iter().map(|p| (p.x, p.y)).collect();
    for &y in &region.rows {
        for &x in &xs {
            let here = (x - at[i].x).abs() < 1e-6 && (y - at[i].y).abs() < 1e-6;
            let free = others
                .iter()
                .all(|o| (o.y - y).abs() >= STEP_Y - 1e-6 || (o.x - x).abs() >= STEP_X - 1e-6);
            if free && !here {
                out.push((x, y));
            }
        }
    }
    out
}
