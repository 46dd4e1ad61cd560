//! Layout quality: how readable a drawing is, as numbers a bench can print and a test can
//! bound. Edges are measured as the canvas draws them: from the top centre of the
//! referencing node to the bottom centre of the referenced one (curves approximated by
//! their chord), labelled at their midpoint with the field's last two tokens.

use std::collections::{HashMap, HashSet};

use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use super::{Frame, NODE_HEIGHT, NODE_WIDTH, Rect, frames};
use crate::core::design::{Design, Point};
use crate::core::graph::Graph;
use crate::core::model::ResourceId;

/// Estimated width of one character of an edge label (10 px sans-serif).
const LABEL_CHAR_WIDTH: f64 = 5.6;
/// Estimated height of an edge label.
const LABEL_HEIGHT: f64 = 12.0;
/// Side of a cell of the spatial grid used to find neighbours.
const CELL: f64 = 256.0;

/// Readability figures of one drawing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Quality {
    /// Pairs of edges whose chords cross (edges sharing a node are not counted).
    pub crossings: usize,
    /// Sum of the lengths of every edge's chord.
    pub edge_length: f64,
    /// Pairs of node boxes sharing area.
    pub node_overlaps: usize,
    /// Pairs of frames sharing area, plus nodes drawn over a frame they do not belong to.
    pub frame_overlaps: usize,
    /// Pairs of edge labels sharing area, plus labels drawn over a node box.
    pub label_collisions: usize,
    /// Width of the whole drawing.
    pub width: f64,
    /// Height of the whole drawing.
    pub height: f64,
}

impl Quality {
    /// Width over height of the whole drawing (0 for an empty one).
    pub fn aspect(&self) -> f64 {
        if self.height > 0.0 { self.width / self.height } else { 0.0 }
    }
}

/// One drawn edge: its two ends and where its label sits.
struct DrawnEdge {
    from: ResourceId,
    to: ResourceId,
    a: (f64, f64),
    b: (f64, f64),
    label: Rect,
}

/// The quality of the drawing of `design` at `positions` (frames computed from them).
pub fn quality(design: &Design, graph: &Graph, positions: &HashMap<ResourceId, Point>) -> Quality {
    let frames = frames(design, positions);
    let edges = drawn_edges(graph, positions);
    let nodes: Vec<(ResourceId, Rect)> =
        positions.iter().map(|(id, p)| (*id, Rect::node(*p))).collect();
    let bounds = super::bounds(positions, &frames);
    Quality {
        crossings: crossings(&edges),
        edge_length: edges.iter().map(|e| (e.a.0 - e.b.0).hypot(e.a.1 - e.b.1)).sum(),
        node_overlaps: overlapping_pairs(&nodes.iter().map(|n| n.1).collect::<Vec<_>>()),
        frame_overlaps: frame_overlaps(design, &frames, &nodes),
        label_collisions: label_collisions(&edges, &nodes),
        width: bounds.map_or(0.0, |b| b.width),
        height: bounds.map_or(0.0, |b| b.height),
    }
}

fn drawn_edges(graph: &Graph, positions: &HashMap<ResourceId, Point>) -> Vec<DrawnEdge> {
    let g = &graph.graph;
    g.edge_references()
        .filter_map(|e| {
            let (from, to) = (g[e.source()], g[e.target()]);
            let (p, q) = (positions.get(&from)?, positions.get(&to)?);
            let a = (p.x + NODE_WIDTH / 2.0, p.y);
            let b = (q.x + NODE_WIDTH / 2.0, q.y + NODE_HEIGHT);
            let width = label_text(&e.weight().field).chars().count() as f64 * LABEL_CHAR_WIDTH;
            let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
            let label = Rect {
                x: mid.0 - width / 2.0,
                y: mid.1 - LABEL_HEIGHT,
                width,
                height: LABEL_HEIGHT,
            };
            Some(DrawnEdge { from, to, a, b, label })
        })
        .collect()
}

/// The label the canvas shows for a field pointer: its last two tokens (`spec` skipped).
fn label_text(field: &str) -> String {
    if field.is_empty() {
        return "environment".into();
    }
    let tokens: Vec<&str> = field.split('/').filter(|t| !t.is_empty() && *t != "spec").collect();
    tokens[tokens.len().saturating_sub(2)..].join(".")
}

/// Cells of the spatial grid a rectangle touches.
fn cells(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
    let (x0, x1) = ((r.x / CELL).floor() as i64, (r.right() / CELL).floor() as i64);
    let (y0, y1) = ((r.y / CELL).floor() as i64, (r.bottom() / CELL).floor() as i64);
    (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
}

/// Index of rectangles by grid cell.
fn grid(rects: &[Rect]) -> HashMap<(i64, i64), Vec<usize>> {
    let mut g: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, r) in rects.iter().enumerate() {
        for c in cells(r) {
            g.entry(c).or_default().push(i);
        }
    }
    g
}

/// Pairs of rectangles sharing area, each pair counted once.
fn overlapping_pairs(rects: &[Rect]) -> usize {
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for bucket in grid(rects).values() {
        for (k, &i) in bucket.iter().enumerate() {
            for &j in &bucket[k + 1..] {
                if rects[i].intersects(&rects[j]) {
                    seen.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    seen.len()
}

fn frame_overlaps(design: &Design, frames: &[Frame], nodes: &[(ResourceId, Rect)]) -> usize {
    let rects: Vec<Rect> = frames.iter().map(|f| f.rect).collect();
    let mut count = overlapping_pairs(&rects);
    let namespaces = super::group::environment_namespaces(design);
    let home: HashMap<ResourceId, Option<String>> =
        design.resources.iter().map(|r| (r.id, super::frame_of(r, &namespaces))).collect();
    let index = grid(&rects);
    for (id, node) in nodes {
        let own = home.get(id).and_then(|h| h.as_deref());
        let mut hit: HashSet<usize> = HashSet::new();
        for c in cells(node) {
            for &f in index.get(&c).into_iter().flatten() {
                if Some(frames[f].namespace.as_str()) != own && rects[f].intersects(node) {
                    hit.insert(f);
                }
            }
        }
        count += hit.len();
    }
    count
}

fn label_collisions(edges: &[DrawnEdge], nodes: &[(ResourceId, Rect)]) -> usize {
    let labels: Vec<Rect> = edges.iter().map(|e| e.label).collect();
    let mut count = overlapping_pairs(&labels);
    let index = grid(&labels);
    for (_, node) in nodes {
        let mut hit: HashSet<usize> = HashSet::new();
        for c in cells(node) {
            for &l in index.get(&c).into_iter().flatten() {
                if labels[l].intersects(node) {
                    hit.insert(l);
                }
            }
        }
        count += hit.len();
    }
    count
}

/// Pairs of edge chords that cross, found by sweeping along x.
fn crossings(edges: &[DrawnEdge]) -> usize {
    let mut order: Vec<usize> = (0..edges.len()).collect();
    let min_x = |e: &DrawnEdge| e.a.0.min(e.b.0);
    let max_x = |e: &DrawnEdge| e.a.0.max(e.b.0);
    crate::core::sort::sort_by(&mut order, |&i, &j| min_x(&edges[i]).total_cmp(&min_x(&edges[j])));
    let mut count = 0;
    for (k, &i) in order.iter().enumerate() {
        let e = &edges[i];
        for &j in &order[k + 1..] {
            let f = &edges[j];
            if min_x(f) > max_x(e) {
                break;
            }
            let shared = e.from == f.from || e.from == f.to || e.to == f.from || e.to == f.to;
            if !shared && segments_cross(e.a, e.b, f.a, f.b) {
                count += 1;
            }
        }
    }
    count
}

/// True when segments `ab` and `cd` cross at a point inside both.
pub(super) fn segments_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let orient = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        let v = (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
        if v.abs() < 1e-9 { 0.0 } else { v.signum() }
    };
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}
