//! Canvas geometry in the browser: pan and zoom, screen ↔ world coordinates, culling.

use std::collections::HashSet;
use std::sync::Arc;

use super::state::AppState;
use crate::core::design::Point;
use crate::core::layout::{self, Rect};
use crate::core::model::ResourceId;
use leptos::prelude::*;

/// Below this zoom nodes drop their text (level of detail).
pub const DETAIL_ZOOM: f64 = 0.45;
/// Below the detail zoom and down to this one, nodes show their names alone.
pub const NAME_ZOOM: f64 = 0.18;
/// Zoom limits.
pub const MIN_ZOOM: f64 = 0.02;
/// Zoom limits.
pub const MAX_ZOOM: f64 = 3.0;

/// Pan and zoom: world point `(x, y)` is at the canvas's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// World x at the left edge.
    pub x: f64,
    /// World y at the top edge.
    pub y: f64,
    /// Screen pixels per world unit.
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Self { x: -40.0, y: -40.0, zoom: 1.0 }
    }
}

impl Viewport {
    /// World coordinates of a canvas pixel.
    pub fn to_world(&self, sx: f64, sy: f64) -> Point {
        Point { x: self.x + sx / self.zoom, y: self.y + sy / self.zoom }
    }

    /// The world rectangle shown on a canvas of `size`.
    pub fn visible(&self, size: (f64, f64)) -> Rect {
        Rect { x: self.x, y: self.y, width: size.0 / self.zoom, height: size.1 / self.zoom }
    }

    /// Zooms by `factor` keeping the canvas pixel `(sx, sy)` fixed.
    pub fn zoom_at(&self, factor: f64, sx: f64, sy: f64) -> Self {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let anchor = self.to_world(sx, sy);
        Self { x: anchor.x - sx / zoom, y: anchor.y - sy / zoom, zoom }
    }

    /// The viewport showing all of `bounds` on a canvas of `size`, with a margin.
    pub fn fit(bounds: Rect, size: (f64, f64)) -> Self {
        let margin = 40.0;
        let zx = (size.0 - 2.0 * margin).max(50.0) / bounds.width.max(1.0);
        let zy = (size.1 - 2.0 * margin).max(50.0) / bounds.height.max(1.0);
        let zoom = zx.min(zy).clamp(MIN_ZOOM, 1.2);
        Self {
            x: bounds.x - (size.0 / zoom - bounds.width) / 2.0,
            y: bounds.y - (size.1 / zoom - bounds.height) / 2.0,
            zoom,
        }
    }

    /// True when nodes are drawn with text.
    pub fn detailed(&self) -> bool {
        self.zoom >= DETAIL_ZOOM
    }
}

/// Nodes being dragged, and the offset so far (world units).
#[derive(Debug, Clone, PartialEq)]
pub struct DragOffset {
    /// The dragged nodes.
    pub ids: Arc<HashSet<ResourceId>>,
    /// Horizontal offset.
    pub dx: f64,
    /// Vertical offset.
    pub dy: f64,
    /// The drag has ended and the nodes are at their new positions: the offset is where
    /// they landed, kept for what is drawn from the canvas's last drawing (edges, frames)
    /// until the view is drawn again.
    pub dropped: bool,
}

impl DragOffset {
    /// The offset of `id` (zero when it is not dragged).
    pub fn of(drag: &Option<DragOffset>, id: ResourceId) -> (f64, f64) {
        match drag {
            Some(d) if d.ids.contains(&id) => (d.dx, d.dy),
            _ => (0.0, 0.0),
        }
    }
}

impl AppState {
    /// Sets the drag in progress (`None`: no drag); `dragged` changes only when the set
    /// of dragged nodes does.
    pub fn set_drag(self, drag: Option<DragOffset>) {
        let ids = drag.as_ref().map(|d| d.ids.clone());
        let same = self.dragged.with_untracked(|now| match (now, &ids) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        });
        if !same {
            self.dragged.set(ids);
        }
        self.drag.set(drag);
    }

    /// How far the node `id` is dragged (zero when it is not); tracks the drag's moves
    /// only while `id` is dragged.
    pub fn drag_offset(self, id: ResourceId) -> (f64, f64) {
        self.offset(id, false)
    }

    /// How far what the canvas's drawing shows of `id` (its edges, its frame) is moved:
    /// as [`AppState::drag_offset`] during a drag, and after the drop where the nodes
    /// landed, until the view is drawn again ([`AppState::drawn_again`]).
    pub fn scene_offset(self, id: ResourceId) -> (f64, f64) {
        self.offset(id, true)
    }

    fn offset(self, id: ResourceId, dropped: bool) -> (f64, f64) {
        if self.dragged.with(|d| d.as_ref().is_some_and(|ids| ids.contains(&id))) {
            self.drag.with(|d| match d {
                Some(d) if (dropped || !d.dropped) && d.ids.contains(&id) => (d.dx, d.dy),
                _ => (0.0, 0.0),
            })
        } else {
            (0.0, 0.0)
        }
    }

    /// True when `id` is dragged (or was, until the view is drawn again); tracks only the
    /// start and the end of drags, not the moves.
    pub fn follows(self, id: ResourceId) -> bool {
        self.dragged.with(|d| d.as_ref().is_some_and(|ids| ids.contains(&id)))
    }

    /// The canvas drew its view again: a dropped drag's offset has done its work.
    pub fn drawn_again(self) {
        if self.drag.with_untracked(|d| d.as_ref().is_some_and(|d| d.dropped)) {
            self.set_drag(None);
        }
    }

    /// Shows the whole design (frames, nodes and stubs of the layers shown).
    pub fn fit(self) {
        let size = self.canvas_size.get_untracked();
        let options = layout::SceneOptions {
            layers: self.layers.get_untracked(),
            edges: false,
            ..layout::SceneOptions::default()
        };
        let bounds = self.graph.with_untracked(|g| {
            self.positions.with_untracked(|p| {
                self.design.with_value(|d| layout::scene(d, g, p, options).bounds())
            })
        });
        if let Some(b) = bounds {
            self.view.set(Viewport::fit(b, size));
        }
    }

    /// Pans so that `id` (a node, or a namespace's frame) is in the middle of the canvas
    /// (zoom kept, at least detailed).
    pub fn center_on(self, id: ResourceId) {
        let node = self.positions.with_untracked(|p| p.get(&id).map(|p| Rect::node(*p)));
        let frame = || {
            self.frames
                .with_untracked(|f| f.iter().find(|f| f.resource == Some(id)).map(|f| f.rect))
        };
        let Some(r) = node.or_else(frame) else { return };
        let size = self.canvas_size.get_untracked();
        let zoom = self.view.get_untracked().zoom.max(DETAIL_ZOOM);
        let c = Point { x: r.x + r.width / 2.0, y: r.y + r.height.min(layout::NODE_HEIGHT) / 2.0 };
        self.view.set(Viewport {
            x: c.x - size.0 / 2.0 / zoom,
            y: c.y - size.1 / 2.0 / zoom,
            zoom,
        });
    }

    /// True when at least one of `ids` is (partly) on the visible part of the canvas.
    pub fn any_in_view(self, ids: &[ResourceId]) -> bool {
        let seen = self.view.get_untracked().visible(self.canvas_size.get_untracked());
        self.positions.with_untracked(|p| {
            ids.iter().filter_map(|id| p.get(id)).any(|p| {
                p.x + layout::NODE_WIDTH > seen.x
                    && p.x < seen.x + seen.width
                    && p.y + layout::NODE_HEIGHT > seen.y
                    && p.y < seen.y + seen.height
            })
        })
    }

    /// Zooms by `factor` around the canvas centre.
    pub fn zoom_by(self, factor: f64) {
        let (w, h) = self.canvas_size.get_untracked();
        self.view.update(|v| *v = v.zoom_at(factor, w / 2.0, h / 2.0));
    }
}
