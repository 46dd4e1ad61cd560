//! Connecting two nodes by dragging from one to the other.

use leptos::prelude::*;

use super::state::AppState;
use crate::core::model::ResourceId;

impl AppState {
    /// Connects `from` to `to`: sets the reference field, or says why not.
    pub fn connect(self, from: ResourceId, to: ResourceId) {
        let names = self.design.with_value(|d| {
            let n = |id| {
                d.get(id).map(|r| format!("{} {}", r.kind_str(), r.name())).unwrap_or_default()
            };
            (n(from), n(to))
        });
        self.say(
            format!(
                "Cannot connect {} to {}: connecting is not available in this build yet.",
                names.0, names.1
            ),
            true,
        );
    }
}
