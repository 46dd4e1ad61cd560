//! What the canvas draws: the nodes inside the (snapped) visible area, and the frames,
//! routed edges and stubs of the core's scene of that area.

use std::collections::HashMap;

use super::super::analysis::{EdgeBase, NodeBase};
use super::family::Family;
use crate::core::design::Point;
use crate::core::layout::route::inflate;
use crate::core::layout::scene::{edge_label, is_control};
use crate::core::layout::{End, Scene};
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
    /// Below the detail zoom: the font size (world units) its name is drawn at, when the
    /// node is large enough on screen to carry it.
    pub name_size: Option<i64>,
}

/// A frame in view.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FrameItem {
    /// The namespace.
    pub namespace: String,
    /// x, y, width, height (rounded).
    pub rect: [i64; 4],
    /// Title (fitted at the normal size).
    pub title: String,
    /// The `Namespace` object, when modelled.
    pub resource: Option<ResourceId>,
    /// Resources drawn inside.
    pub members: usize,
    /// Font size of the title (world units).
    pub title_size: i64,
}

/// An edge in view, along its route.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EdgeItem {
    /// The referencing resource.
    pub from: ResourceId,
    /// The referenced node (`None` for a frame or a stub).
    pub to: Option<ResourceId>,
    /// Corners of the route, in half pixels.
    pub points: Vec<(i64, i64)>,
    /// When the route leaves the area: the pieces of it inside (half pixels), and the
    /// length of the route before the first one (half pixels, for the dash phase).
    pub clipped: Option<(super::clip::Pieces<i64>, i64)>,
    /// Label and its box (x, y, width, height).
    pub label: Option<(String, [i64; 4])>,
    /// The referencing field(s), for the tooltip.
    pub field: String,
    /// The words a label shows for it (also when labels are hidden).
    pub word: String,
    /// Ends at a missing target's stub.
    pub dangling: bool,
    /// An operator acting on what it manages (drawn lighter).
    pub control: bool,
}

/// A missing target in view.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StubItem {
    /// x, y, width, height (rounded).
    pub rect: [i64; 4],
    /// Text as drawn.
    pub text: String,
    /// What is missing, in full.
    pub missing: String,
    /// References to it.
    pub refs: usize,
}

/// Points in half pixels.
fn halves(points: &[(f64, f64)]) -> Vec<(i64, i64)> {
    points.iter().map(|p| ((p.0 * 2.0).round() as i64, (p.1 * 2.0).round() as i64)).collect()
}

fn rounded(r: &Rect) -> [i64; 4] {
    [r.x, r.y, r.width, r.height].map(|v| v.round() as i64)
}

/// The frames of a scene that meet `area`; titles at `title_size`.
pub fn frames(scene: &Scene, area: &Rect, title_size: i64) -> Vec<FrameItem> {
    scene
        .frames
        .iter()
        .filter(|f| f.frame.rect.intersects(area))
        .map(|f| FrameItem {
            namespace: f.frame.namespace.clone(),
            rect: rounded(&f.frame.rect),
            title: f.title.clone(),
            resource: f.frame.resource,
            members: f.frame.members,
            title_size,
        })
        .collect()
}

/// The routed edges of a scene that meet `area`.
pub fn routed_edges(scene: &Scene, area: &Rect) -> Vec<EdgeItem> {
    scene
        .edges
        .iter()
        .filter(|e| e.points.len() >= 2)
        .filter(|e| {
            let b = Rect::around(e.points.iter().map(|p| Rect {
                x: p.0,
                y: p.1,
                width: 0.0,
                height: 0.0,
            }));
            b.is_some_and(|b| b.intersects(area))
        })
        .map(|e| {
            let fields: Vec<&str> = std::iter::once(e.field.as_str())
                .chain(e.also.iter().map(String::as_str))
                .collect();
            EdgeItem {
                from: e.from,
                to: match e.to {
                    End::Node(id) => Some(id),
                    _ => None,
                },
                points: halves(&e.points),
                clipped: super::clip::clip(&e.points, &inflate(area, super::clip::MARGIN)).map(
                    |(pieces, before)| {
                        (pieces.iter().map(|p| halves(p)).collect(), (before * 2.0).round() as i64)
                    },
                ),
                label: e.label.as_ref().map(|(t, r)| (t.clone(), rounded(r))),
                field: fields.join(", "),
                word: edge_label(e),
                dangling: matches!(e.to, End::Stub(_)),
                control: is_control(e.kind),
            }
        })
        .collect()
}

/// The stubs of a scene that meet `area`.
pub fn stubs(scene: &Scene, area: &Rect) -> Vec<StubItem> {
    scene
        .stubs
        .iter()
        .filter(|s| s.rect.intersects(area))
        .map(|s| StubItem {
            rect: rounded(&s.rect),
            text: s.text.clone(),
            missing: s.missing.clone(),
            refs: s.refs.len(),
        })
        .collect()
}

/// The position of `n` when it is placed and its rectangle meets `area`.
fn placed_in<'p>(
    n: &NodeBase,
    pos: &'p HashMap<ResourceId, Point>,
    area: &Rect,
) -> Option<&'p Point> {
    pos.get(&n.id).filter(|p| Rect::node(**p).intersects(area))
}

/// Nodes whose rectangle meets `area`, of the kinds `shown` accepts.
pub fn nodes(
    all: &[NodeBase],
    pos: &HashMap<ResourceId, Point>,
    area: Rect,
    detail: bool,
    name_size: Option<i64>,
    shown: impl Fn(&NodeBase) -> bool,
) -> Vec<NodeItem> {
    all.iter()
        .filter(|n| shown(n))
        .filter_map(|n| {
            let p = placed_in(n, pos, &area)?;
            Some(NodeItem {
                base: n.clone(),
                x: p.x.round() as i64,
                y: p.y.round() as i64,
                detail,
                name_size,
            })
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
}
