//! Keeping a copy of the design in step across a message boundary.
//!
//! The studio validates in a Web Worker, which holds its own copy (a [`Replica`]) of the
//! design. After each edit the page's [`Replicator`] compares the design with what it
//! sent last and sends only the difference, a [`Delta`]: the resources that changed or
//! appeared, the ids that went away, the order when it changed, and the target versions.
//! A drag (layout only) or a note changes nothing a rule reads, so it sends nothing.
//!
//! Invariant: after `replica.apply(replicator.delta(&d))` for every design `d` in a
//! sequence, the replica's resources equal `d`'s (`tests::replica_follows_random_edits`).
//! Deltas are plain serde data, so they cross `postMessage` as JSON text.
//!
//! The worker also saves the design (autosave, off the main thread): a request may carry
//! a [`SaveOrder`] with the positions and notes that changed ([`StudioDelta`], from
//! [`Replicator::studio_delta`]); the replica then equals the design in everything the
//! design file holds (`tests::replica_saves_the_design_file_of_the_page`).

mod findings_delta;
mod service;
mod studio;
#[cfg(test)]
mod tests;

pub use findings_delta::FindingsDelta;
pub use service::{
    Notice, Received, Reply, Request, SaveOrder, Saved, ValidationService, findings_of, reply_json,
};
pub use studio::StudioDelta;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::design::{Design, Point};
use super::hash::{FastHasher, FastMap};
use super::model::fingerprint;
use super::model::{Form, Kind, Origin, Resource, ResourceId};
use super::targets::TargetOverrides;
use super::yaml::Positions;

/// What changed in the design since the previous delta.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delta {
    /// The replica starts over from these resources alone (first delta, or after the
    /// receiving side was lost and restarted).
    pub reset: bool,
    /// Number of this delta (1, 2, …, counting from the last reset).
    pub number: u64,
    /// Resources that are new or changed, whole.
    pub upserts: Vec<WireResource>,
    /// Ids of resources that no longer exist.
    pub removed: Vec<ResourceId>,
    /// Every id in design order, sent when the order or the set of ids changed.
    pub order: Option<Vec<ResourceId>>,
    /// Target versions chosen by the user.
    pub targets: TargetOverrides,
}

/// A resource as it crosses the boundary (every field a rule may read).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireResource {
    /// Id in the design.
    pub id: ResourceId,
    /// Concept.
    pub kind: Kind,
    /// Serialization family.
    pub form: Form,
    /// The document as written.
    pub doc: Value,
    /// CMF environment assigned by the REST path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// Kafka catalog assigned by the REST path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    /// Where it was read from (findings quote files and lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<WireOrigin>,
}

/// [`Origin`] on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireOrigin {
    /// File name.
    pub file: String,
    /// Index of the document in the file.
    pub document: usize,
    /// Lines of the document's values.
    pub positions: Positions,
}

impl WireResource {
    /// The wire form of `r`.
    pub fn of(r: &Resource) -> Self {
        Self {
            id: r.id,
            kind: r.kind,
            form: r.form,
            doc: r.doc.clone(),
            environment: r.assigned_environment.clone(),
            catalog: r.assigned_catalog.clone(),
            origin: r.origin.as_ref().map(|o| WireOrigin {
                file: o.file.clone(),
                document: o.document,
                positions: (*o.positions).clone(),
            }),
        }
    }

    /// The resource again.
    pub fn into_resource(self) -> Resource {
        Resource {
            id: self.id,
            kind: self.kind,
            form: self.form,
            doc: self.doc,
            assigned_environment: self.environment,
            assigned_catalog: self.catalog,
            origin: self.origin.map(|o| Origin {
                file: o.file,
                document: o.document,
                positions: Arc::new(o.positions),
            }),
        }
    }
}

/// The sending side: remembers what it sent and produces the next [`Delta`].
#[derive(Debug, Default)]
pub struct Replicator {
    /// Hash of every resource as last sent.
    sent: FastMap<ResourceId, u64>,
    /// Ids in the order last sent.
    order: Vec<ResourceId>,
    /// Targets last sent; `None` until the first delta (which is a reset).
    targets: Option<TargetOverrides>,
    /// Number of the last delta.
    number: u64,
    /// Positions last sent with a save order; `None` until the first ([`StudioDelta`]).
    layout: Option<BTreeMap<ResourceId, Point>>,
    /// Notes last sent with a save order.
    notes: BTreeMap<ResourceId, String>,
}

impl Replicator {
    /// A replicator that has sent nothing yet: its first delta is a reset.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets what was sent (the receiving side lost its copy): the next delta is a reset.
    pub fn restart(&mut self) {
        *self = Self::default();
    }

    /// What changed since the last delta, or `None` when nothing a rule reads did.
    pub fn delta(&mut self, design: &Design) -> Option<Delta> {
        let reset = self.targets.is_none();
        let mut sent: FastMap<ResourceId, u64> = FastMap::default();
        sent.reserve(design.resources.len());
        let mut upserts = Vec::new();
        for r in &design.resources {
            let hash = wire_hash(r);
            if reset || self.sent.get(&r.id) != Some(&hash) {
                upserts.push(WireResource::of(r));
            }
            sent.insert(r.id, hash);
        }
        let mut removed: Vec<ResourceId> =
            self.sent.keys().filter(|id| !sent.contains_key(id)).copied().collect();
        removed.sort_unstable();
        let order_changed = reset
            || self.order.len() != design.resources.len()
            || self.order.iter().zip(&design.resources).any(|(id, r)| *id != r.id);
        let targets_changed = self.targets != Some(design.targets);
        if upserts.is_empty() && removed.is_empty() && !order_changed && !targets_changed {
            return None;
        }
        let order: Vec<ResourceId> = design.resources.iter().map(|r| r.id).collect();
        self.sent = sent;
        self.targets = Some(design.targets);
        self.number += 1;
        let delta = Delta {
            reset,
            number: self.number,
            upserts,
            removed,
            order: order_changed.then(|| order.clone()),
            targets: design.targets,
        };
        self.order = order;
        Some(delta)
    }
}

impl Replicator {
    /// The positions and notes that changed since the last call (all of them the first
    /// time, or after [`Replicator::restart`]): what a save order carries besides the
    /// resources, which [`Replicator::delta`] sends.
    pub fn studio_delta(&mut self, design: &Design) -> StudioDelta {
        let reset = self.layout.is_none();
        let layout = studio::changes(&self.layout.take().unwrap_or_default(), &design.layout);
        let notes = studio::changes(&self.notes, &design.notes);
        self.layout = Some(design.layout.clone());
        self.notes = design.notes.clone();
        StudioDelta { reset, layout, notes }
    }
}

/// Content fingerprint plus origin: everything [`WireResource`] carries.
fn wire_hash(r: &Resource) -> u64 {
    let mut h = FastHasher::default();
    h.write_u64(fingerprint(r));
    if let Some(o) = &r.origin {
        o.file.hash(&mut h);
        h.write_usize(o.document);
        for (pointer, line) in o.positions.iter() {
            pointer.hash(&mut h);
            h.write_u32(line);
        }
    }
    h.finish()
}

/// The receiving side: a design kept equal (in resources and targets) to the sender's.
#[derive(Debug, Default)]
pub struct Replica {
    design: Design,
    /// Number of the last delta applied.
    number: u64,
}

/// A delta that does not fit the replica (it missed an earlier one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfStep(pub String);

impl std::fmt::Display for OutOfStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the validation worker's copy of the design is out of step: {}", self.0)
    }
}

impl Replica {
    /// An empty replica.
    pub fn new() -> Self {
        Self::default()
    }

    /// The replicated design (resources and targets; positions and notes as of the last
    /// save order).
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// Brings the replica up to date. On [`OutOfStep`] the replica is emptied: the
    /// sender must restart with a reset.
    pub fn apply(&mut self, delta: Delta) -> Result<(), OutOfStep> {
        let result = self.try_apply(delta);
        if result.is_err() {
            *self = Self::default();
        }
        result
    }

    /// Brings the replica's positions and notes up to date (they are only needed to save
    /// the design; a reset of the resources keeps them).
    pub fn apply_studio(&mut self, delta: StudioDelta) {
        studio::apply(&mut self.design, delta);
    }

    fn try_apply(&mut self, delta: Delta) -> Result<(), OutOfStep> {
        if delta.reset {
            let layout = std::mem::take(&mut self.design.layout);
            let notes = std::mem::take(&mut self.design.notes);
            self.design = Design::default();
            self.design.layout = layout;
            self.design.notes = notes;
        } else if delta.number != self.number + 1 {
            return Err(OutOfStep(format!(
                "change {} arrived after change {}",
                delta.number, self.number
            )));
        }
        self.number = delta.number;
        self.design.targets = delta.targets;
        let previous: Vec<ResourceId> = self.design.resources.iter().map(|r| r.id).collect();
        let mut by_id: HashMap<ResourceId, Resource> =
            std::mem::take(&mut self.design.resources).into_iter().map(|r| (r.id, r)).collect();
        for id in &delta.removed {
            by_id.remove(id);
        }
        for w in delta.upserts {
            by_id.insert(w.id, w.into_resource());
        }
        // Without an order the set of ids is unchanged: the previous order stands.
        let order = delta.order.unwrap_or(previous);
        let mut resources = Vec::with_capacity(order.len());
        for id in &order {
            match by_id.remove(id) {
                Some(r) => resources.push(r),
                None => return Err(OutOfStep(format!("resource {} was never sent", id.0))),
            }
        }
        if !by_id.is_empty() {
            return Err(OutOfStep(format!(
                "{} resources are missing from the design order",
                by_id.len()
            )));
        }
        self.design.resources = resources;
        Ok(())
    }
}
