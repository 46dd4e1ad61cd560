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
    pub fn drop_by(self, ids: &HashSet<ResourceId>, dx: f64, dy: f64) {
        if dx == 0.0 && dy == 0.0 {
            return;
        }
        let mut wanted: Vec<(ResourceId, Point)> = self.positions.with_untracked(|pos| {
            ids.iter()
                .filter_map(|id| pos.get(id).map(|p| (*id, Point { x: p.x + dx, y: p.y + dy })))
                .collect()
        });
        crate::core::sort::sort_by_key(&mut wanted, |(id, _)| *id);
        let settled = super::trace::time("free spot on drop", || {
            self.positions.with_untracked(|pos| layout::settle(pos, &wanted))
        });
        let nudged = settled.first().zip(wanted.first()).is_some_and(|(a, b)| a.1 != b.1);
        if self.apply(Edit::Move { positions: settled }, false).is_some() && nudged {
            self.say("Dropped on other nodes: moved beside them.", false);
        }
    }
}
