//! Layout quality: how readable a drawing is, as numbers a bench can print and a test can
//! bound. Everything is measured on the [`Scene`] — the drawing the canvas and the export
//! show — with every layer shown: routed edges, fitted text, placed labels and stubs.

use std::collections::{HashMap, HashSet};

use super::node::overflowing_lines;
use super::route::segment_enters;
use super::scene::{End, Scene, SceneOptions, TITLE_SIZE, scene};
use super::stubs::STUB_TEXT;
use super::text::{self, Weight};
use super::{Rect, frame_of};
use crate::core::design::{Design, Point};
use crate::core::graph::Graph;
use crate::core::model::ResourceId;

/// Side of a cell of the spatial grid used to find neighbours.
const CELL: f64 = 256.0;

/// Readability figures of one drawing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Quality {
    /// Pairs of edges whose routes cross (edges sharing an end are not counted).
    pub crossings: usize,
    /// Total length of the routed edges.
    pub edge_length: f64,
    /// Pairs of node or stub boxes sharing area.
    pub node_overlaps: usize,
    /// Pairs of frames sharing area, plus nodes drawn over a frame they do not belong to.
    pub frame_overlaps: usize,
    /// Pairs of edge labels sharing area, plus labels over a node, a stub or a frame title.
    pub label_overlaps: usize,
    /// Texts wider than the room their shape leaves them: node lines, frame titles, stubs.
    pub text_overflows: usize,
    /// Edges passing through a frame that neither of their ends is in.
    pub frame_intrusions: usize,
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

/// The quality of the drawing of `design` at `positions` (every layer shown).
pub fn quality(design: &Design, graph: &Graph, positions: &HashMap<ResourceId, Point>) -> Quality {
    of_scene(design, &scene(design, graph, positions, SceneOptions::default()))
}

/// The quality of a drawn scene of `design`.
pub fn of_scene(design: &Design, s: &Scene) -> Quality {
    let bounds = s.bounds();
    let boxes: Vec<Rect> =
        s.nodes.iter().map(|n| n.rect).chain(s.stubs.iter().map(|t| t.rect)).collect();
    Quality {
        crossings: crossings(s),
        edge_length: s.edges.iter().map(|e| length(&e.points)).sum(),
        node_overlaps: overlapping_pairs(&boxes),
        frame_overlaps: frame_overlaps(design, s),
        label_overlaps: label_overlaps(s),
        text_overflows: text_overflows(s),
        frame_intrusions: frame_intrusions(s),
        width: bounds.map_or(0.0, |b| b.width),
        height: bounds.map_or(0.0, |b| b.height),
    }
}

fn length(points: &[(f64, f64)]) -> f64 {
    points.windows(2).map(|w| (w[0].0 - w[1].0).hypot(w[0].1 - w[1].1)).sum()
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

/// How many of `rects` each of `probes` meets, summed.
fn hits(probes: &[Rect], rects: &[Rect]) -> usize {
    let index = grid(rects);
    probes
        .iter()
        .map(|p| {
            let mut hit: HashSet<usize> = HashSet::new();
            for c in cells(p) {
                for &i in index.get(&c).into_iter().flatten() {
                    if rects[i].intersects(p) {
                        hit.insert(i);
                    }
                }
            }
            hit.len()
        })
        .sum()
}

fn frame_overlaps(design: &Design, s: &Scene) -> usize {
    let rects: Vec<Rect> = s.frames.iter().map(|f| f.frame.rect).collect();
    let mut count = overlapping_pairs(&rects);
    let namespaces = super::environment_namespaces(design);
    let home: HashMap<ResourceId, Option<String>> =
        design.resources.iter().map(|r| (r.id, frame_of(r, &namespaces))).collect();
    let index = grid(&rects);
    for n in &s.nodes {
        let own = home.get(&n.id).and_then(|h| h.as_deref());
        let mut hit: HashSet<usize> = HashSet::new();
        for c in cells(&n.rect) {
            for &f in index.get(&c).into_iter().flatten() {
                if Some(s.frames[f].frame.namespace.as_str()) != own && rects[f].intersects(&n.rect)
                {
                    hit.insert(f);
                }
            }
        }
        count += hit.len();
    }
    count
}

fn label_overlaps(s: &Scene) -> usize {
    let labels: Vec<Rect> = s.edges.iter().filter_map(|e| e.label.as_ref().map(|l| l.1)).collect();
    let solid: Vec<Rect> = s
        .nodes
        .iter()
        .map(|n| n.rect)
        .chain(s.stubs.iter().map(|t| t.rect))
        .chain(s.frames.iter().map(|f| f.title_rect))
        .collect();
    overlapping_pairs(&labels) + hits(&labels, &solid)
}

fn text_overflows(s: &Scene) -> usize {
    let nodes: usize =
        s.nodes.iter().filter_map(|n| n.text.as_ref().map(|t| overflowing_lines(n.kind, t))).sum();
    let titles = s
        .frames
        .iter()
        .filter(|f| {
            text::width(&f.title, TITLE_SIZE, Weight::Bold) > f.frame.rect.width - 2.0 * 14.0 + 1e-6
        })
        .count();
    let stubs = s
        .stubs
        .iter()
        .filter(|t| text::width(&t.text, STUB_TEXT, Weight::Regular) > t.rect.width - 16.0 + 1e-6)
        .count();
    nodes + titles + stubs
}

/// Edges whose route passes through a frame neither end is drawn in (the frame an edge
/// ends at is reached at its border, never crossed).
fn frame_intrusions(s: &Scene) -> usize {
    let index = s.node_index();
    let frame_of = |id: ResourceId| index.get(&id).and_then(|&i| s.nodes[i].frame);
    s.edges
        .iter()
        .filter(|e| {
            let own = [frame_of(e.from), if let End::Node(t) = e.to { frame_of(t) } else { None }];
            s.frames.iter().enumerate().any(|(f, frame)| {
                !own.contains(&Some(f))
                    && e.points.windows(2).any(|w| segment_enters(w[0], w[1], &frame.frame.rect))
            })
        })
        .count()
}

/// Pairs of edges whose routes cross (a horizontal segment of one through a vertical
/// segment of the other, inside both), edges sharing an end left out.
fn crossings(s: &Scene) -> usize {
    struct Seg {
        edge: usize,
        fixed: f64,
        lo: f64,
        hi: f64,
    }
    let (mut horizontal, mut vertical) = (Vec::new(), Vec::new());
    for (k, e) in s.edges.iter().enumerate() {
        for w in e.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.1 - b.1).abs() < 1e-6 {
                horizontal.push(Seg { edge: k, fixed: a.1, lo: a.0.min(b.0), hi: a.0.max(b.0) });
            } else if (a.0 - b.0).abs() < 1e-6 {
                vertical.push(Seg { edge: k, fixed: a.0, lo: a.1.min(b.1), hi: a.1.max(b.1) });
            }
        }
    }
    let mut by_cell: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, v) in vertical.iter().enumerate() {
        by_cell.entry((v.fixed / CELL).floor() as i64).or_default().push(i);
    }
    let ends = |k: usize| {
        let e = &s.edges[k];
        (End::Node(e.from), e.to)
    };
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    for h in &horizontal {
        let (c0, c1) = ((h.lo / CELL).floor() as i64, (h.hi / CELL).floor() as i64);
        for c in c0..=c1 {
            for &i in by_cell.get(&c).into_iter().flatten() {
                let v = &vertical[i];
                if v.edge == h.edge
                    || !(v.fixed > h.lo + 1e-6 && v.fixed < h.hi - 1e-6)
                    || !(h.fixed > v.lo + 1e-6 && h.fixed < v.hi - 1e-6)
                {
                    continue;
                }
                let (a, b) = (ends(h.edge), ends(v.edge));
                if a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1 {
                    continue;
                }
                pairs.insert((h.edge.min(v.edge), h.edge.max(v.edge)));
            }
        }
    }
    pairs.len()
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
