//! Placement on the canvas: the end of a drag lands the dragged nodes on free spots
//! (`core::layout::settle`), in the same undo step as the move.

use std::collections::HashSet;

use leptos::prelude::*;

use super::state::AppState;
use crate::core::design::Point;
use crate::core::edit::Edit;
use crate::core::layout;
use crate::core::model::ResourceId;

impl AppState {
    /// Ends a drag of `ids` by `(dx, dy)`: moves them, and when they would land on other
    /// nodes shifts them as one to the nearest free spot. One undo step; no re-validation.
    /// `others`: the other nodes indexed beforehand, when they are (see `layout::settle_on`).
    /// The offset they moved by, when they moved.
    pub fn drop_by(
        self,
        ids: &HashSet<ResourceId>,
        dx: f64,
        dy: f64,
        others: Option<&layout::Occupancy>,
    ) -> Option<(f64, f64)> {
        if dx == 0.0 && dy == 0.0 {
            return None;
        }
        let mut wanted: Vec<(ResourceId, Point)> = self.positions.with_untracked(|pos| {
            ids.iter()
                .filter_map(|id| pos.get(id).map(|p| (*id, Point { x: p.x + dx, y: p.y + dy })))
                .collect()
        });
        crate::core::sort::sort_by_key(&mut wanted, |(id, _)| *id);
        let settled = super::trace::time("free spot on drop", || match others {
            Some(others) => layout::settle_on(others, &wanted),
            None => self.positions.with_untracked(|pos| layout::settle(pos, &wanted)),
        });
        let (first, wanted) = (settled.first().copied(), wanted.first().copied());
        let nudge = first.zip(wanted).map_or((0.0, 0.0), |(a, b)| (a.1.x - b.1.x, a.1.y - b.1.y));
        self.apply(Edit::Move { positions: settled }, false)?;
        if nudge != (0.0, 0.0) {
            self.say("Dropped on other nodes: moved beside them.", false);
        }
        Some((dx + nudge.0, dy + nudge.1))
    }
}
