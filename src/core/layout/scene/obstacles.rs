//! The obstacles an edge is routed around (nodes, frames it does not enter, frame titles,
//! stubs), indexed by cell so that an edge reads only those near it.

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::Rect;
use super::super::route::{CLEARANCE, inflate};
use super::Scene;

/// Cell of the obstacle index.
const CELL: f64 = 512.0;

/// What an obstacle is, to decide which edges must go around it.
#[derive(Debug, Clone, Copy)]
enum Owner {
    /// A node, in a frame or not.
    Node(Option<usize>),
    /// A whole frame.
    Frame(usize),
    /// A frame's title.
    Title(usize),
    /// A stub.
    Stub,
}

/// Every obstacle of a scene, with what it is, by cell.
pub(super) struct Obstacles {
    rects: Vec<Rect>,
    owners: Vec<Owner>,
    cells: FxHashMap<(i64, i64), Vec<usize>>,
}

impl Obstacles {
    /// The obstacles of `scene` (its nodes only near `near`, when given).
    pub(super) fn new(scene: &Scene, near: Option<Rect>) -> Self {
        let mut rects = Vec::new();
        let mut owners = Vec::new();
        for n in scene.nodes.iter().filter(|n| near.is_none_or(|a| a.intersects(&n.rect))) {
            rects.push(inflate(&n.rect, CLEARANCE));
            owners.push(Owner::Node(n.frame));
        }
        for (i, f) in scene.frames.iter().enumerate() {
            rects.push(inflate(&f.frame.rect, CLEARANCE));
            owners.push(Owner::Frame(i));
            rects.push(inflate(&f.title_rect, CLEARANCE));
            owners.push(Owner::Title(i));
        }
        for s in &scene.stubs {
            rects.push(inflate(&s.rect, CLEARANCE));
            owners.push(Owner::Stub);
        }
        let mut cells: FxHashMap<(i64, i64), Vec<usize>> = FxHashMap::default();
        for (i, r) in rects.iter().enumerate() {
            for c in cells_of(r) {
                cells.entry(c).or_default().push(i);
            }
        }
        Self { rects, owners, cells }
    }

    /// The obstacles an edge entering `entered` frames must avoid, near `area` (or all).
    pub(super) fn for_edge(&self, entered: &[usize], area: Option<&Rect>) -> Vec<Rect> {
        let keep = |i: usize| match self.owners[i] {
            Owner::Node(None) | Owner::Stub => true,
            Owner::Node(Some(f)) | Owner::Title(f) => entered.contains(&f),
            Owner::Frame(f) => !entered.contains(&f),
        };
        match area {
            None => (0..self.rects.len()).filter(|&i| keep(i)).map(|i| self.rects[i]).collect(),
            // An area over more cells than there are obstacles (a long edge across a big
            // design): a scan of them is cheaper than a visit of every cell.
            Some(a) if cell_count(a) > self.rects.len() => (0..self.rects.len())
                .filter(|&i| keep(i) && self.rects[i].intersects(a))
                .map(|i| self.rects[i])
                .collect(),
            Some(a) => {
                let mut seen = FxHashSet::default();
                let mut out = Vec::new();
                for c in cells_of(a) {
                    for &i in self.cells.get(&c).into_iter().flatten() {
                        if seen.insert(i) && keep(i) && self.rects[i].intersects(a) {
                            out.push(self.rects[i]);
                        }
                    }
                }
                out
            }
        }
    }
}

/// How many cells `r` covers.
fn cell_count(r: &Rect) -> usize {
    let span = |lo: f64, hi: f64| ((hi / CELL).floor() - (lo / CELL).floor() + 1.0).max(0.0);
    (span(r.x, r.right()) * span(r.y, r.bottom())).min(usize::MAX as f64) as usize
}

/// The index cells `r` covers.
pub(super) fn cells_of(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
    let (x0, x1) = ((r.x / CELL).floor() as i64, (r.right() / CELL).floor() as i64);
    let (y0, y1) = ((r.y / CELL).floor() as i64, (r.bottom() / CELL).floor() as i64);
    (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
}
