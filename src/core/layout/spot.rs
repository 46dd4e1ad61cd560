//! Free spots: where a node — or a group of nodes moved together — can go without
//! overlapping another node, as near as possible to where it was wanted.
//!
//! Every node has the same size, so a node at `p` overlaps a node at `q` (keeping
//! [`NODE_GAP`] between them) exactly when `|p.x − q.x| < NODE_WIDTH + NODE_GAP` and
//! `|p.y − q.y| < NODE_HEIGHT + NODE_GAP`. [`Occupancy`] buckets the nodes that stay put
//! in a grid of cells of that size (checking one position reads at most nine cells) and
//! by column and row (for the straight moves of `spot/search.rs`).

mod search;

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use super::{NODE_HEIGHT, NODE_WIDTH};
use crate::core::design::{Design, Point};
use crate::core::model::ResourceId;

/// Clearance kept between a placed node and its neighbours.
pub const NODE_GAP: f64 = 16.0;

/// Horizontal distance between the left edges of two nodes side by side (gap included).
const SPAN_X: f64 = NODE_WIDTH + NODE_GAP;
/// Vertical distance between the top edges of two nodes one above the other.
const SPAN_Y: f64 = NODE_HEIGHT + NODE_GAP;
/// Tolerance of the overlap test, so that a node placed exactly at the gap is free.
const EPS: f64 = 1e-6;

/// The nodes already on the canvas, bucketed for quick overlap checks.
#[derive(Debug, Clone, Default)]
pub struct Occupancy {
    // FxHash: a drop at 10,000 resources indexes every other node.
    cells: FxHashMap<(i64, i64), Vec<Point>>,
    columns: FxHashMap<i64, Vec<Point>>,
    rows: FxHashMap<i64, Vec<Point>>,
    all: Vec<Point>,
}

fn column(x: f64) -> i64 {
    (x / SPAN_X).floor() as i64
}

fn row(y: f64) -> i64 {
    (y / SPAN_Y).floor() as i64
}

/// True when nodes at `p` and `q` do not overlap (gap included).
fn apart(p: Point, q: Point) -> bool {
    (p.x - q.x).abs() >= SPAN_X - EPS || (p.y - q.y).abs() >= SPAN_Y - EPS
}

/// Up to this many (moved × other) pairs, [`settle`] first checks the drop by a plain scan:
/// most drops land on free space, and a scan is cheaper than building an [`Occupancy`].
const SCAN_LIMIT: usize = 200_000;

/// The three buckets around index `i` (saturating at the ends of `i64`).
fn around(i: i64) -> std::ops::RangeInclusive<i64> {
    i.saturating_sub(1)..=i.saturating_add(1)
}

impl Occupancy {
    /// The nodes at `positions` (top-left corners); non-finite positions are ignored.
    pub fn new(positions: impl IntoIterator<Item = Point>) -> Self {
        let mut out = Self::default();
        for p in positions.into_iter().filter(|p| p.x.is_finite() && p.y.is_finite()) {
            out.cells.entry((column(p.x), row(p.y))).or_default().push(p);
            out.columns.entry(column(p.x)).or_default().push(p);
            out.rows.entry(row(p.y)).or_default().push(p);
            out.all.push(p);
        }
        out
    }

    /// The nodes of `positions` except those in `moving`.
    pub fn excluding(positions: &HashMap<ResourceId, Point>, moving: &HashSet<ResourceId>) -> Self {
        Self::new(positions.iter().filter(|(id, _)| !moving.contains(id)).map(|(_, p)| *p))
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// True when there is no node at all.
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// True when a node at `p` overlaps no node (gap included).
    pub fn is_free(&self, p: Point) -> bool {
        around(column(p.x)).all(|x| {
            around(row(p.y))
                .all(|y| self.cells.get(&(x, y)).is_none_or(|qs| qs.iter().all(|q| apart(p, *q))))
        })
    }

    /// Calls `f` with every node within `rx` horizontally and `ry` vertically of `p`
    /// (scanning every node instead of the cells when that is cheaper).
    fn near(&self, p: Point, rx: f64, ry: f64, mut f: impl FnMut(Point)) {
        let (left, right) = (column(p.x - rx), column(p.x + rx));
        let (top, bottom) = (row(p.y - ry), row(p.y + ry));
        let span = |a: i64, b: i64| b.saturating_sub(a).saturating_add(1);
        let close = |q: &&Point| (q.x - p.x).abs() <= rx && (q.y - p.y).abs() <= ry;
        if span(left, right).saturating_mul(span(top, bottom)) > self.all.len() as i64 {
            self.all.iter().filter(close).for_each(|q| f(*q));
            return;
        }
        for x in left..=right {
            for q in (top..=bottom).filter_map(|y| self.cells.get(&(x, y))).flatten().filter(close)
            {
                f(*q);
            }
        }
    }

    /// The position nearest to `wanted` where a node overlaps no other: `wanted` itself
    /// when it is free.
    pub fn free_spot(&self, wanted: Point) -> Point {
        let d = self.free_offset(&[wanted]);
        Point { x: wanted.x + d.x, y: wanted.y + d.y }
    }

    /// The smallest offset that, added to every position of `group`, leaves no node of
    /// the group over a node of this occupancy (the group keeps its arrangement; its own
    /// nodes may overlap each other). `(0, 0)` when the group is already clear. Exact for
    /// one node and small groups; for a group whose search would take too long, the
    /// nearest clear straight move (up, down, left or right).
    pub fn free_offset(&self, group: &[Point]) -> Point {
        search::free_offset(self, group)
    }
}

/// New positions for `moved` (resources and where they were dropped) such that none lands
/// on a node of `positions` that is not moved: the group is shifted as one by the
/// smallest offset that clears it.
pub fn settle(
    positions: &HashMap<ResourceId, Point>,
    moved: &[(ResourceId, Point)],
) -> Vec<(ResourceId, Point)> {
    let ids: HashSet<ResourceId> = moved.iter().map(|(id, _)| *id).collect();
    let others = || positions.iter().filter(|(id, _)| !ids.contains(id)).map(|(_, q)| *q);
    if moved.len().saturating_mul(positions.len()) <= SCAN_LIMIT
        && others().all(|q| moved.iter().all(|(_, p)| apart(*p, q)))
    {
        return moved.to_vec();
    }
    let wanted: Vec<Point> = moved.iter().map(|(_, p)| *p).collect();
    let d = Occupancy::new(others()).free_offset(&wanted);
    moved.iter().map(|(id, p)| (*id, Point { x: p.x + d.x, y: p.y + d.y })).collect()
}

/// [`settle`] with the other nodes indexed beforehand (`others`: every node of the
/// positions but the moved ones, e.g. [`Occupancy::excluding`] built when a drag starts):
/// the same positions, without indexing the others at the drop.
pub fn settle_on(others: &Occupancy, moved: &[(ResourceId, Point)]) -> Vec<(ResourceId, Point)> {
    let wanted: Vec<Point> = moved.iter().map(|(_, p)| *p).collect();
    let d = others.free_offset(&wanted);
    moved.iter().map(|(id, p)| (*id, Point { x: p.x + d.x, y: p.y + d.y })).collect()
}

/// Shifts the placed resources among `ids` as one group off the other placed resources of
/// `design` (after a duplicate or an import that brought positions along).
pub fn settle_in(design: &mut Design, ids: &[ResourceId]) {
    let moved: Vec<(ResourceId, Point)> =
        ids.iter().filter_map(|id| design.layout.get(id).map(|p| (*id, *p))).collect();
    if moved.is_empty() {
        return;
    }
    let others: HashMap<ResourceId, Point> = design.layout.iter().map(|(k, v)| (*k, *v)).collect();
    for (id, p) in settle(&others, &moved) {
        design.layout.insert(id, p);
    }
}

#[cfg(test)]
mod tests;
