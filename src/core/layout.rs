//! Canvas geometry: automatic layout of a design and the namespace frames around it.
//!
//! Kubernetes namespaces are drawn as frames that contain their resources (the frame is
//! the namespace: a `Namespace` object is no node of its own); operator installs and the
//! CMF service sit in the namespace they are installed in; cluster-scoped objects,
//! CMF-level objects and external systems the design places in no namespace (Kafka,
//! Schema Registry, object stores) stand outside frames. Inside each block, resources are
//! layered by dependency (what is referenced sits above what references it). Positions
//! placed by hand (`Design::layout`) win over automatic ones. Nodes dropped, added or
//! pasted by hand never land on another node: [`Occupancy`] finds the nearest free spot.
//! Everything here is pure and deterministic: the same design gives the same picture.

mod auto;
mod cluster;
pub mod family;
mod group;
mod inputs;
mod labels;
pub mod layers;
pub mod metrics;
pub mod node;
mod order;
mod pack;
mod refine;
pub mod route;
pub mod scene;
mod spot;
mod straighten;
mod stubs;
pub mod text;

use std::collections::{BTreeMap, HashMap};

use super::design::{Design, Point};
use super::graph::Graph;
use super::model::ResourceId;

pub use auto::auto;
pub use group::{environment_namespaces, frame_of, is_frame, rank};
pub use inputs::{SceneInputs, scene_inputs};
pub use labels::label_text;
pub use layers::{Layer, Layers};
pub use metrics::{Quality, quality};
pub use scene::{End, Scene, SceneEdge, SceneFrame, SceneNode, SceneOptions, scene};
pub use spot::{NODE_GAP, Occupancy, settle, settle_in, settle_on};
pub use stubs::Stub;

/// Width of a node on the canvas.
pub const NODE_WIDTH: f64 = 200.0;
/// Height of a node on the canvas.
pub const NODE_HEIGHT: f64 = 64.0;
/// Space between a frame's border and its nodes.
pub const FRAME_PADDING: f64 = 24.0;
/// Height of a frame's title band.
pub const FRAME_HEADER: f64 = 32.0;

/// Font size of frame titles.
pub const TITLE_SIZE: f64 = 14.0;
/// Left inset of a frame title.
pub const TITLE_X: f64 = 14.0;
/// Baseline of a frame title below the frame's top.
pub const TITLE_BASELINE: f64 = 22.0;

/// The title of a namespace frame holding `members` resources.
pub fn frame_title(namespace: &str, members: usize) -> String {
    match members {
        0 => format!("namespace {namespace}"),
        1 => format!("namespace {namespace} · 1 resource"),
        n => format!("namespace {namespace} · {n} resources"),
    }
}

/// A frame's title as it fits in `room` pixels at font `size`: the whole title, else the
/// namespace and count, else the namespace cut to keep the count (an overview still says
/// how much each namespace holds), else the namespace alone, cut.
pub fn fit_frame_title(namespace: &str, members: usize, size: f64, room: f64) -> String {
    let bold = text::Weight::Bold;
    let variants = [frame_title(namespace, members), format!("{namespace} · {members}")];
    if let Some(whole) = variants.into_iter().find(|t| text::width(t, size, bold) <= room) {
        return whole;
    }
    let count = format!(" · {members}");
    let left = room - text::width(&count, size, bold);
    // Cut, the name keeps at least a few letters before its ellipsis.
    if left >= text::width("abc…", size, bold) {
        let (name, _) = text::fit(namespace, size, bold, left);
        return format!("{name}{count}");
    }
    text::fit(namespace, size, bold, room).0
}

/// The width a frame needs to show its whole title.
pub fn title_width(namespace: &str, members: usize) -> f64 {
    let title = frame_title(namespace, members);
    text::width(&title, TITLE_SIZE, text::Weight::Bold) + 2.0 * TITLE_X + 2.0
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// The rectangle of a node whose top-left corner is `p`.
    pub fn node(p: Point) -> Self {
        Self { x: p.x, y: p.y, width: NODE_WIDTH, height: NODE_HEIGHT }
    }

    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// True when the two rectangles share interior area.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// True when `other` lies entirely inside this rectangle.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect {
            x,
            y,
            width: self.right().max(other.right()) - x,
            height: self.bottom().max(other.bottom()) - y,
        }
    }

    /// The smallest rectangle holding every rectangle (`None` when there is none).
    pub fn around(rects: impl IntoIterator<Item = Rect>) -> Option<Rect> {
        rects.into_iter().reduce(|a, b| a.union(&b))
    }
}

/// A namespace frame: the namespace and the rectangle around its resources. The frame is
/// the namespace: a `Namespace` object is drawn as its frame, not as a node.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The Kubernetes namespace.
    pub namespace: String,
    /// Where the frame is drawn (title band included).
    pub rect: Rect,
    /// The `Namespace` object, when the design has one (selected through the frame).
    pub resource: Option<ResourceId>,
    /// Resources drawn inside.
    pub members: usize,
}

/// Positions of every resource: automatic ones, overridden by those placed by hand.
pub fn positions(design: &Design, graph: &Graph) -> HashMap<ResourceId, Point> {
    let mut all = auto(design, graph);
    for (id, p) in &design.layout {
        if all.contains_key(id) {
            all.insert(*id, *p);
        }
    }
    all
}

/// The positions of what is drawn as a node: every resource but namespaces (frames).
pub fn node_positions(
    design: &Design,
    positions: &HashMap<ResourceId, Point>,
) -> HashMap<ResourceId, Point> {
    design
        .resources
        .iter()
        .filter(|r| !group::is_frame(r.kind))
        .filter_map(|r| positions.get(&r.id).map(|p| (r.id, *p)))
        .collect()
}

/// The frames around each namespace's resources at the given (possibly dragged)
/// positions, sorted by namespace. A namespace object with nothing drawn inside keeps an
/// empty frame at its own position (from `positions`, else the design's layout);
/// resources without a position are ignored.
pub fn frames(design: &Design, positions: &HashMap<ResourceId, Point>) -> Vec<Frame> {
    frames_of(design, positions, |_| true)
}

/// [`frames`] counting only the resources `shown` accepts.
pub fn frames_of(
    design: &Design,
    positions: &HashMap<ResourceId, Point>,
    shown: impl Fn(&super::model::Resource) -> bool,
) -> Vec<Frame> {
    let namespaces = group::environment_namespaces(design);
    let mut boxes: BTreeMap<String, (Option<Rect>, usize, Option<ResourceId>)> = BTreeMap::new();
    for r in &design.resources {
        if group::is_frame(r.kind) {
            if !r.name().is_empty() {
                boxes.entry(r.name().to_string()).or_default().2.get_or_insert(r.id);
            }
            continue;
        }
        let (Some(ns), Some(p)) = (frame_of(r, &namespaces), positions.get(&r.id)) else {
            continue;
        };
        if !shown(r) {
            continue;
        }
        let node = Rect::node(*p);
        let entry = boxes.entry(ns).or_default();
        entry.0 = Some(entry.0.map_or(node, |b| b.union(&node)));
        entry.1 += 1;
    }
    boxes
        .into_iter()
        .filter_map(|(namespace, (content, members, resource))| {
            let anchor = || {
                let id = resource?;
                let p = positions.get(&id).or_else(|| design.layout.get(&id))?;
                Some(Rect::node(*p))
            };
            let b = content.or_else(anchor)?;
            let width = (b.width + 2.0 * FRAME_PADDING).max(title_width(&namespace, members));
            Some(Frame {
                rect: Rect {
                    x: b.x - FRAME_PADDING,
                    y: b.y - FRAME_PADDING - FRAME_HEADER,
                    width,
                    height: b.height + 2.0 * FRAME_PADDING + FRAME_HEADER,
                },
                namespace,
                resource,
                members,
            })
        })
        .collect()
}

/// The rectangle around every node and frame (for fit-to-screen). `positions` are those
/// of nodes ([`node_positions`]).
pub fn bounds(positions: &HashMap<ResourceId, Point>, frames: &[Frame]) -> Option<Rect> {
    Rect::around(positions.values().map(|p| Rect::node(*p)).chain(frames.iter().map(|f| f.rect)))
}

#[cfg(test)]
mod tests;
