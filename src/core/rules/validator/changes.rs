//! What changed between two runs of the validator, and whether a rule's reads hit it.

use std::collections::HashSet;

use crate::core::design::Design;
use crate::core::model::{Kind, ResourceId};
use crate::core::rules::reads::{Deps, KindSet};

use crate::core::hash::{FastHasher, FastMap};
use crate::core::model::fingerprint;
use std::hash::{Hash, Hasher};

/// Fingerprints of a design's resources and of each kind's membership and order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Snapshot {
    /// Fingerprint and kind of every resource.
    pub resources: FastMap<ResourceId, (u64, Kind)>,
    /// Per kind: hash of its resources' ids and fingerprints, in design order.
    pub kinds: FastMap<Kind, u64>,
    /// Ids in design order.
    pub order: Vec<ResourceId>,
    /// Hash of where every resource was read from (file, document, line positions): rules
    /// whose messages name another resource's file and line (`Rule::reads_origins`) re-run
    /// when it changes, and while it stays, every finding keeps its file and line.
    pub origins: u64,
}

impl Snapshot {
    /// Fingerprints `design`.
    pub fn of(design: &Design) -> Self {
        let mut resources = FastMap::default();
        resources.reserve(design.resources.len());
        let mut kinds: FastMap<Kind, FastHasher> = FastMap::default();
        let mut origins = FastHasher::default();
        for r in &design.resources {
            if let Some(o) = &r.origin {
                r.id.hash(&mut origins);
                o.file.hash(&mut origins);
                o.document.hash(&mut origins);
                (std::sync::Arc::as_ptr(&o.positions) as usize).hash(&mut origins);
            }
            let fp = fingerprint(r);
            resources.insert(r.id, (fp, r.kind));
            let h = kinds.entry(r.kind).or_default();
            r.id.hash(h);
            h.write_u64(fp);
        }
        Self {
            resources,
            kinds: kinds.into_iter().map(|(k, h)| (k, h.finish())).collect(),
            order: design.resources.iter().map(|r| r.id).collect(),
            origins: origins.finish(),
        }
    }
}

/// The differences between the previous and the current run.
#[derive(Debug, Default)]
pub struct Changes {
    /// Resources added, removed or edited.
    pub ids: HashSet<ResourceId>,
    /// Kinds whose membership, order or content changed.
    pub kinds: KindSet,
    /// Anything about the resources changed (including order).
    pub any: bool,
    /// The reference graph changed.
    pub graph: bool,
    /// Resources whose references resolve differently (`Graph::changed_sources`).
    pub graph_ids: HashSet<ResourceId>,
    /// Resources whose effective configurations changed.
    pub configs: HashSet<ResourceId>,
    /// `ids` and `configs`, sorted, for [`Changes::hit`] (see [`Changes::seal`]).
    sorted_ids: Vec<ResourceId>,
    sorted_configs: Vec<ResourceId>,
    sorted_graph_ids: Vec<ResourceId>,
}

impl Changes {
    /// The resource-level differences between two snapshots.
    pub fn between(old: &Snapshot, new: &Snapshot) -> Self {
        let mut ch = Changes::default();
        for (id, (fp, kind)) in &new.resources {
            if old.resources.get(id) != Some(&(*fp, *kind)) {
                ch.ids.insert(*id);
                ch.kinds.insert(*kind);
            }
        }
        for (id, (_, kind)) in &old.resources {
            if !new.resources.contains_key(id) {
                ch.ids.insert(*id);
            }
            if ch.ids.contains(id) {
                ch.kinds.insert(*kind);
            }
        }
        for (kind, h) in new.kinds.iter().chain(&old.kinds) {
            if old.kinds.get(kind) != Some(h) || new.kinds.get(kind) != Some(h) {
                ch.kinds.insert(*kind);
            }
        }
        ch.any = !ch.ids.is_empty() || old.order != new.order;
        ch
    }

    /// Prepares the change sets for [`Changes::hit`]; call once they are complete.
    pub fn seal(&mut self) {
        self.sorted_ids = self.ids.iter().copied().collect();
        self.sorted_ids.sort_unstable();
        self.sorted_configs = self.configs.iter().copied().collect();
        self.sorted_configs.sort_unstable();
        self.sorted_graph_ids = self.graph_ids.iter().copied().collect();
        self.sorted_graph_ids.sort_unstable();
    }

    /// True when reads `deps` may see something that changed. An edit changes few
    /// resources, so each changed one is looked up in the (sorted) reads.
    pub fn hit(&self, deps: &Deps) -> bool {
        let read_config = |id: &ResourceId| {
            let at = deps.configs.partition_point(|(c, _)| c < id);
            deps.configs.get(at).is_some_and(|(c, _)| c == id)
        };
        (deps.all && self.any)
            || (deps.graph && self.graph)
            || (deps.all_configs && !self.configs.is_empty())
            || deps.kinds.intersects(self.kinds)
            || self.sorted_ids.iter().any(|id| deps.ids.binary_search(id).is_ok())
            || self.sorted_configs.iter().any(read_config)
            || self.sorted_graph_ids.iter().any(|id| deps.edges_of.binary_search(id).is_ok())
    }
}
