//! Which subjects of a rule read what: finds the subjects an edit hits without testing
//! the reads of every subject.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::changes::Changes;
use crate::core::model::ResourceId;
use crate::core::rules::reads::Deps;

/// Reverse index of one rule's per-subject reads.
#[derive(Debug, Default)]
pub struct SubjectIndex {
    /// Resource read → subjects that read it.
    by_id: HashMap<ResourceId, Vec<ResourceId>>,
    /// Resource whose configuration was read → subjects that read it.
    by_config: HashMap<ResourceId, Vec<ResourceId>>,
    /// Resource whose resolved references were read → subjects that read them.
    by_edges: HashMap<ResourceId, Vec<ResourceId>>,
    /// Subjects with broad reads (kinds, whole design, graph, every configuration),
    /// tested one by one.
    broad: BTreeSet<ResourceId>,
}

impl SubjectIndex {
    /// The index of `per_subject`.
    pub fn of(per_subject: &BTreeMap<ResourceId, Deps>) -> Self {
        let mut index = Self::default();
        for (s, d) in per_subject {
            index.add(*s, d);
        }
        index
    }

    /// Records the reads of subject `s`.
    pub fn add(&mut self, s: ResourceId, d: &Deps) {
        for id in &d.ids {
            self.by_id.entry(*id).or_default().push(s);
        }
        for (id, _) in &d.configs {
            self.by_config.entry(*id).or_default().push(s);
        }
        for id in &d.edges_of {
            self.by_edges.entry(*id).or_default().push(s);
        }
        if d.all || d.graph || d.all_configs || d.kinds.0 != 0 {
            self.broad.insert(s);
        }
    }

    /// Forgets the reads `d` of subject `s`.
    pub fn remove(&mut self, s: ResourceId, d: &Deps) {
        for id in &d.ids {
            if let Some(v) = self.by_id.get_mut(id) {
                v.retain(|x| *x != s);
            }
        }
        for (id, _) in &d.configs {
            if let Some(v) = self.by_config.get_mut(id) {
                v.retain(|x| *x != s);
            }
        }
        for id in &d.edges_of {
            if let Some(v) = self.by_edges.get_mut(id) {
                v.retain(|x| *x != s);
            }
        }
        self.broad.remove(&s);
    }

    /// The subjects whose reads the changes hit, sorted.
    pub fn hit(&self, ch: &Changes, per_subject: &BTreeMap<ResourceId, Deps>) -> Vec<ResourceId> {
        let mut out: Vec<ResourceId> = Vec::new();
        for id in &ch.ids {
            out.extend(self.by_id.get(id).into_iter().flatten());
        }
        for id in &ch.configs {
            out.extend(self.by_config.get(id).into_iter().flatten());
        }
        for id in &ch.graph_ids {
            out.extend(self.by_edges.get(id).into_iter().flatten());
        }
        out.extend(self.broad.iter().filter(|s| per_subject.get(s).is_some_and(|d| ch.hit(d))));
        out.sort_unstable();
        out.dedup();
        out
    }
}
