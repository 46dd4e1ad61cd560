//! Canvas geometry: automatic layout of a design and the namespace frames around it.
//!
//! Kubernetes namespaces are drawn as frames that contain their resources; cluster-scoped
//! objects, CMF-level objects and studio nodes (operator installs, the CMF service, Kafka,
//! Schema Registry, object stores) stand outside frames. Inside each block, resources are
//! layered by dependency (what is referenced sits above what references it). Positions
//! placed by hand (`Design::layout`) win over automatic ones. Nodes dropped, added or
//! pasted by hand never land on another node: [`Occupancy`] finds the nearest free spot.
//! Everything here is pure and deterministic: the same design gives the same picture.

mod auto;
mod cluster;
pub mod family;
mod group;
mod metrics;
mod order;
mod pack;
mod spot;
mod straighten;
pub mod text;

use std::collections::{BTreeMap, HashMap};

use super::design::{Design, Point};
use super::graph::Graph;
use super::model::ResourceId;

pub use auto::auto;
pub use group::{frame_of, rank};
pub use metrics::{Quality, quality};
pub use spot::{NODE_GAP, Occupancy, settle, settle_in};

/// Width of a node on the canvas.
pub const NODE_WIDTH: f64 = 200.0;
/// Height of a node on the canvas.
pub const NODE_HEIGHT: f64 = 64.0;
/// Space between a frame's border and its nodes.
pub const FRAME_PADDING: f64 = 24.0;
/// Height of a frame's title band.
pub const FRAME_HEADER: f64 = 32.0;

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

/// A namespace frame: the namespace and the rectangle around its resources.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The Kubernetes namespace.
    pub namespace: String,
    /// Where the frame is drawn (title band included).
    pub rect: Rect,
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

/// The frames around each namespace's resources at the given (possibly dragged)
/// positions, sorted by namespace. Resources without a position are ignored.
pub fn frames(design: &Design, positions: &HashMap<ResourceId, Point>) -> Vec<Frame> {
    let namespaces = group::environment_namespaces(design);
    let mut boxes: BTreeMap<String, Rect> = BTreeMap::new();
    for r in &design.resources {
        let (Some(ns), Some(p)) = (frame_of(r, &namespaces), positions.get(&r.id)) else {
            continue;
        };
        let node = Rect::node(*p);
        boxes.entry(ns).and_modify(|b| *b = b.union(&node)).or_insert(node);
    }
    boxes
        .into_iter()
        .map(|(namespace, b)| Frame {
            namespace,
            rect: Rect {
                x: b.x - FRAME_PADDING,
                y: b.y - FRAME_PADDING - FRAME_HEADER,
                width: b.width + 2.0 * FRAME_PADDING,
                height: b.height + 2.0 * FRAME_PADDING + FRAME_HEADER,
            },
        })
        .collect()
}

/// The rectangle around every node and frame (for fit-to-screen).
pub fn bounds(positions: &HashMap<ResourceId, Point>, frames: &[Frame]) -> Option<Rect> {
    Rect::around(positions.values().map(|p| Rect::node(*p)).chain(frames.iter().map(|f| f.rect)))
}

#[cfg(test)]
mod tests;
