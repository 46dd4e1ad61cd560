//! What the canvas draws: the nodes and edges inside the (snapped) visible area.

use std::collections::HashMap;

use super::super::analysis::{EdgeBase, NodeBase};
use super::family::Family;
use crate::core::design::Point;
use crate::core::layout::{NODE_HEIGHT, NODE_WIDTH, Rect};
use crate::core::model::ResourceId;

/// Above this many nodes in view, the canvas draws an overview (a few paths) instead of
/// one element per node.
pub const OVERVIEW_LIMIT: usize = 1500;
/// The visible area is snapped outwards to this grid (world units), so that small pans
/// change nothing drawn.
const SNAP: f64 = 400.0;

/// The visible area, snapped and with a margin; a memo key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    left: i64,
    top: i64,
    right: i64,
    bottom: i64,
}

impl Area {
    /// The area around `visible`.
    pub fn around(visible: Rect) -> Self {
        let cell = |v: f64| (v / SNAP).floor() as i64;
        Self {
            left: cell(visible.x) - 1,
            top: cell(visible.y) - 1,
            right: cell(visible.right()) + 2,
            bottom: cell(visible.bottom()) + 2,
        }
    }

    /// As a world rectangle.
    pub fn rect(&self) -> Rect {
        Rect {
            x: self.left as f64 * SNAP,
            y: self.top as f64 * SNAP,
            width: (self.right - self.left) as f64 * SNAP,
            height: (self.bottom - self.top) as f64 * SNAP,
        }
    }
}

/// A node in view, with everything its drawing depends on (the `For` key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NodeItem {
    /// The node.
    pub base: NodeBase,
    /// Position, rounded.
    pub x: i64,
    /// Position, rounded.
    pub y: i64,
    /// Drawn with text.
    pub detail: bool,
}

/// An edge in view.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EdgeItem {
    /// The edge.
    pub base: EdgeBase,
    /// Start (top centre of the referencing node).
    pub from: (i64, i64),
    /// End (bottom centre of the referenced node, or the ghost stub).
    pub to: (i64, i64),
    /// Drawn with its label.
    pub detail: bool,
}

/// The position of `n` when it is placed and its rectangle meets `area`.
fn placed_in<'p>(
    n: &NodeBase,
    pos: &'p HashMap<ResourceId, Point>,
    area: &Rect,
) -> Option<&'p Point> {
    pos.get(&n.id).filter(|p| Rect::node(**p).intersects(area))
}

/// Nodes whose rectangle meets `area`.
pub fn nodes(
    all: &[NodeBase],
    pos: &HashMap<ResourceId, Point>,
    area: Rect,
    detail: bool,
) -> Vec<NodeItem> {
    all.iter()
        .filter_map(|n| {
            let p = placed_in(n, pos, &area)?;
            Some(NodeItem { base: n.clone(), x: p.x.round() as i64, y: p.y.round() as i64, detail })
        })
        .collect()
}

/// How many nodes meet `area` (decides the overview without building the list).
pub fn count(all: &[NodeBase], pos: &HashMap<ResourceId, Point>, area: Rect) -> usize {
    all.iter().filter(|n| placed_in(n, pos, &area).is_some()).count()
}

/// The whole design as a few SVG paths (world coordinates): what the canvas draws when
/// too many nodes are in view. Independent of the view, so panning redraws nothing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overview {
    /// One path per kind family.
    pub shapes: Vec<(Family, String)>,
    /// Resolved references.
    pub lines: String,
    /// Dangling references.
    pub broken: String,
    /// Nodes drawn.
    pub nodes: usize,
}

/// The overview of every placed node and edge.
pub fn overview(
    all: &[NodeBase],
    edges: &[EdgeBase],
    pos: &HashMap<ResourceId, Point>,
) -> Overview {
    use std::fmt::Write;
    let mut by_family: std::collections::BTreeMap<Family, String> = Default::default();
    let mut nodes = 0;
    for n in all {
        let Some(p) = pos.get(&n.id) else { continue };
        nodes += 1;
        let d = by_family.entry(Family::of(n.kind)).or_default();
        let (x, y) = (p.x.round() as i64, p.y.round() as i64);
        let _ = write!(d, "M{x} {y}h{NODE_WIDTH}v{NODE_HEIGHT}h-{NODE_WIDTH}z");
    }
    let (mut lines, mut broken) = (String::new(), String::new());
    for e in edges {
        let Some((a, b)) = anchors(e, pos) else { continue };
        let target = if e.to.is_some() { &mut lines } else { &mut broken };
        let (a, b) = ((a.0.round(), a.1.round()), (b.0.round(), b.1.round()));
        let _ = write!(target, "M{} {}L{} {}", a.0, a.1, b.0, b.1);
    }
    Overview { shapes: by_family.into_iter().collect(), lines, broken, nodes }
}

/// Where an edge starts and ends.
pub fn anchors(e: &EdgeBase, pos: &HashMap<ResourceId, Point>) -> Option<((f64, f64), (f64, f64))> {
    let from = pos.get(&e.from)?;
    let start = (from.x + NODE_WIDTH / 2.0, from.y);
    let end = match e.to {
        Some(to) => {
            let t = pos.get(&to)?;
            (t.x + NODE_WIDTH / 2.0, t.y + NODE_HEIGHT)
        }
        None => (start.0 + 50.0, start.1 - 40.0),
    };
    Some((start, end))
}

/// True when the segment `a`–`b` passes through `r` (Liang–Barsky clipping).
pub fn crosses(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in
        [(-dx, a.0 - r.x), (dx, r.right() - a.0), (-dy, a.1 - r.y), (dy, r.bottom() - a.1)]
    {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// Edges that pass through `area` (long edges merely spanning it are left out).
pub fn edges(
    all: &[EdgeBase],
    pos: &HashMap<ResourceId, Point>,
    area: Rect,
    detail: bool,
) -> Vec<EdgeItem> {
    all.iter()
        .filter_map(|e| {
            let (a, b) = anchors(e, pos)?;
            crosses(a, b, &area).then(|| EdgeItem {
                base: e.clone(),
                from: (a.0.round() as i64, a.1.round() as i64),
                to: (b.0.round() as i64, b.1.round() as i64),
                detail,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overview_draws_every_placed_node_and_edge_whatever_the_view() {
        use crate::core::model::Kind;
        let node = |id: u32, kind: Kind| NodeBase {
            id: ResourceId(id),
            kind,
            kind_label: String::new(),
            name: String::new(),
            findings: 0,
            worst: None,
        };
        let all = [node(1, Kind::FlinkDeployment), node(2, Kind::Namespace), node(3, Kind::Secret)];
        let pos = HashMap::from([
            (ResourceId(1), Point { x: 0.0, y: 0.0 }),
            (ResourceId(2), Point { x: 9_000.0, y: 9_000.0 }),
        ]);
        let edge = |to: Option<u32>| EdgeBase {
            from: ResourceId(1),
            to: to.map(ResourceId),
            label: String::new(),
            missing: String::new(),
        };
        let o = overview(&all, &[edge(Some(2)), edge(None), edge(Some(3))], &pos);
        assert_eq!(o.nodes, 2, "the unplaced node is left out, the far one kept");
        assert_eq!(o.lines.matches('M').count(), 1, "edge to an unplaced node left out");
        assert_eq!(o.broken.matches('M').count(), 1);
        let area = Rect { x: -10.0, y: -10.0, width: 500.0, height: 500.0 };
        assert_eq!(count(&all, &pos, area), 1);
    }

    #[test]
    fn only_segments_through_the_area_cross_it() {
        let r = Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 };
        assert!(crosses((-5.0, 5.0), (15.0, 5.0), &r), "straight through");
        assert!(crosses((2.0, 2.0), (3.0, 3.0), &r), "inside");
        assert!(!crosses((-5.0, 12.0), (12.0, 30.0), &r), "bounding box overlaps, line misses");
        assert!(!crosses((-10.0, -1.0), (20.0, 40.0), &r), "diagonal passing the corner");
    }
}
