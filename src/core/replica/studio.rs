//! Positions and notes across the message boundary: only the autosave needs them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::design::{Design, Point};
use crate::core::model::ResourceId;

/// The positions and notes that changed since the previous studio delta.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StudioDelta {
    /// Start over: no position and no note but those listed.
    pub reset: bool,
    /// Positions set (`Some`) or removed (`None`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layout: Vec<(ResourceId, Option<Point>)>,
    /// Notes set (`Some`) or removed (`None`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<(ResourceId, Option<String>)>,
}

/// What turns `old` into `new`: changed and new entries, then removed ones.
pub(super) fn changes<V: Clone + PartialEq>(
    old: &BTreeMap<ResourceId, V>,
    new: &BTreeMap<ResourceId, V>,
) -> Vec<(ResourceId, Option<V>)> {
    let mut out: Vec<(ResourceId, Option<V>)> = new
        .iter()
        .filter(|(id, v)| old.get(id) != Some(v))
        .map(|(id, v)| (*id, Some(v.clone())))
        .collect();
    out.extend(old.keys().filter(|id| !new.contains_key(id)).map(|id| (*id, None)));
    out
}

/// Applies a studio delta to a design's positions and notes.
pub(super) fn apply(design: &mut Design, delta: StudioDelta) {
    if delta.reset {
        design.layout.clear();
        design.notes.clear();
    }
    for (id, p) in delta.layout {
        match p {
            Some(p) => design.layout.insert(id, p),
            None => design.layout.remove(&id),
        };
    }
    for (id, n) in delta.notes {
        match n {
            Some(n) => design.notes.insert(id, n),
            None => design.notes.remove(&id),
        };
    }
}
