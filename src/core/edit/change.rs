//! What an edit changed: before and after of the touched resources, layout entries and
//! notes only (a whole-design snapshot only for `Load`), so undo history stays small.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::core::design::{Design, Point};
use crate::core::model::{Resource, ResourceId};
use crate::core::targets::TargetOverrides;

/// A resource's place in `Design::resources` and its value, on one side of a change.
type Placed = Option<(usize, Resource)>;

/// Before and after of one touched item.
#[derive(Debug, Clone, PartialEq, Default)]
struct Pair<T> {
    before: T,
    after: T,
}

/// What one edit changed, reversible both ways.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Short description for undo/redo tooltips ("Move 3 resources").
    pub label: String,
    body: Body,
}

#[derive(Debug, Clone, PartialEq)]
enum Body {
    Parts(Parts),
    Whole(Box<Pair<Design>>),
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Parts {
    resources: BTreeMap<ResourceId, Pair<Placed>>,
    layout: BTreeMap<ResourceId, Pair<Option<Point>>>,
    notes: BTreeMap<ResourceId, Pair<Option<String>>>,
    targets: Option<Pair<TargetOverrides>>,
    ids: Pair<u32>,
}

impl Change {
    /// A change replacing the whole design (open a file, a template, a share link).
    pub(super) fn whole(label: String, before: Design, after: Design) -> Self {
        Self { label, body: Body::Whole(Box::new(Pair { before, after })) }
    }

    /// True when nothing changed (such edits are not recorded for undo).
    pub fn is_empty(&self) -> bool {
        match &self.body {
            Body::Whole(p) => p.before == p.after,
            Body::Parts(p) => {
                p.resources.values().all(|r| r.before == r.after)
                    && p.layout.values().all(|l| l.before == l.after)
                    && p.notes.values().all(|n| n.before == n.after)
                    && p.targets.as_ref().is_none_or(|t| t.before == t.after)
            }
        }
    }

    /// True when only canvas positions changed: findings, configurations and exports
    /// need no recomputation.
    pub fn is_layout_only(&self) -> bool {
        match &self.body {
            Body::Whole(_) => false,
            Body::Parts(p) => p.resources.is_empty() && p.notes.is_empty() && p.targets.is_none(),
        }
    }

    /// True when the whole design was replaced.
    pub fn is_whole(&self) -> bool {
        matches!(self.body, Body::Whole(_))
    }

    /// Ids of the resources whose document, scope or existence changed (empty for a
    /// whole-design change: everything did).
    pub fn touched(&self) -> Vec<ResourceId> {
        match &self.body {
            Body::Whole(_) => Vec::new(),
            Body::Parts(p) => p.resources.keys().copied().collect(),
        }
    }

    /// How many resources and layout/note entries this change stores (for the history's
    /// size accounting; a whole-design change counts both designs' resources).
    pub fn stored_entries(&self) -> usize {
        match &self.body {
            Body::Whole(p) => p.before.resources.len() + p.after.resources.len(),
            Body::Parts(p) => {
                let resources: usize = p
                    .resources
                    .values()
                    .map(|r| usize::from(r.before.is_some()) + usize::from(r.after.is_some()))
                    .sum();
                resources + p.layout.len() + p.notes.len()
            }
        }
    }

    /// Puts the design back as it was before the change.
    pub fn undo(&self, design: &mut Design) {
        self.restore(design, false);
    }

    /// Puts the design in the state after the change.
    pub fn redo(&self, design: &mut Design) {
        self.restore(design, true);
    }

    fn restore(&self, design: &mut Design, after: bool) {
        let parts = match &self.body {
            Body::Whole(p) => {
                *design = if after { p.after.clone() } else { p.before.clone() };
                return;
            }
            Body::Parts(p) => p,
        };
        let pick =
            |pair: &Pair<Placed>| if after { pair.after.clone() } else { pair.before.clone() };
        if !parts.resources.is_empty() {
            design.resources.retain(|r| !parts.resources.contains_key(&r.id));
            let mut placed: Vec<(usize, Resource)> =
                parts.resources.values().filter_map(pick).collect();
            crate::core::sort::sort_by_key(&mut placed, |(i, _)| *i);
            for (i, r) in placed {
                let at = i.min(design.resources.len());
                design.resources.insert(at, r);
            }
        }
        for (id, pair) in &parts.layout {
            match if after { pair.after } else { pair.before } {
                Some(p) => design.layout.insert(*id, p),
                None => design.layout.remove(id),
            };
        }
        for (id, pair) in &parts.notes {
            match if after { &pair.after } else { &pair.before } {
                Some(n) => design.notes.insert(*id, n.clone()),
                None => design.notes.remove(id),
            };
        }
        if let Some(t) = &parts.targets {
            design.targets = if after { t.after } else { t.before };
        }
        design.set_id_counter(if after { parts.ids.after } else { parts.ids.before });
    }

    /// Folds a later change of the same items into this one (coalesced undo steps):
    /// this change's "before", the later one's "after".
    pub(super) fn absorb(&mut self, later: Change) {
        let (Body::Parts(mine), Body::Parts(theirs)) = (&mut self.body, later.body) else {
            return;
        };
        for (id, pair) in theirs.resources {
            mine.resources.entry(id).or_insert(Pair { before: pair.before, after: None }).after =
                pair.after;
        }
        for (id, pair) in theirs.layout {
            mine.layout.entry(id).or_insert(Pair { before: pair.before, after: None }).after =
                pair.after;
        }
        for (id, pair) in theirs.notes {
            mine.notes.entry(id).or_insert(Pair { before: pair.before, after: None }).after =
                pair.after;
        }
        if let Some(t) = theirs.targets {
            mine.targets.get_or_insert(Pair { before: t.before, after: t.before }).after = t.after;
        }
        mine.ids.after = theirs.ids.after;
        self.label = later.label;
    }
}

/// Records the "before" of everything an edit touches, then the "after" at the end.
pub(super) struct Recorder {
    parts: Parts,
}

impl Recorder {
    /// Starts recording on `design`.
    pub fn new(design: &Design) -> Self {
        let counter = design.id_counter();
        Self { parts: Parts { ids: Pair { before: counter, after: counter }, ..Parts::default() } }
    }

    /// Records the current state of resources (and their layout and notes) about to change.
    pub fn resources(&mut self, design: &Design, ids: &[ResourceId]) {
        let wanted: HashSet<ResourceId> =
            ids.iter().copied().filter(|id| !self.parts.resources.contains_key(id)).collect();
        if wanted.is_empty() {
            return;
        }
        let mut found: HashMap<ResourceId, (usize, Resource)> = HashMap::new();
        for (i, r) in design.resources.iter().enumerate() {
            if wanted.contains(&r.id) {
                found.insert(r.id, (i, r.clone()));
            }
        }
        for id in wanted {
            self.parts.resources.insert(id, Pair { before: found.remove(&id), after: None });
            self.layout(design, &[id]);
            self.parts
                .notes
                .entry(id)
                .or_insert_with(|| Pair { before: design.notes.get(&id).cloned(), after: None });
        }
    }

    /// Records resources that did not exist before the edit (just created).
    pub fn created(&mut self, ids: &[ResourceId]) {
        for id in ids {
            self.parts.resources.entry(*id).or_insert(Pair { before: None, after: None });
            self.parts.layout.entry(*id).or_insert(Pair { before: None, after: None });
            self.parts.notes.entry(*id).or_insert(Pair { before: None, after: None });
        }
    }

    /// Records a note about to change.
    pub fn note(&mut self, design: &Design, id: ResourceId) {
        self.parts
            .notes
            .entry(id)
            .or_insert_with(|| Pair { before: design.notes.get(&id).cloned(), after: None });
    }

    /// Records layout entries about to change.
    pub fn layout(&mut self, design: &Design, ids: &[ResourceId]) {
        for id in ids {
            self.parts
                .layout
                .entry(*id)
                .or_insert_with(|| Pair { before: design.layout.get(id).copied(), after: None });
        }
    }

    /// Records the target versions, about to change.
    pub fn targets(&mut self, design: &Design) {
        self.parts.targets.get_or_insert(Pair { before: design.targets, after: design.targets });
    }

    /// Finishes: reads the "after" of everything recorded.
    pub fn finish(mut self, design: &Design, label: String) -> Change {
        let p = &mut self.parts;
        if !p.resources.is_empty() {
            for (i, r) in design.resources.iter().enumerate() {
                if let Some(pair) = p.resources.get_mut(&r.id) {
                    pair.after = Some((i, r.clone()));
                }
            }
        }
        for (id, pair) in &mut p.layout {
            pair.after = design.layout.get(id).copied();
        }
        for (id, pair) in &mut p.notes {
            pair.after = design.notes.get(id).cloned();
        }
        if let Some(t) = &mut p.targets {
            t.after = design.targets;
        }
        p.ids.after = design.id_counter();
        p.resources.retain(|_, r| r.before != r.after);
        p.layout.retain(|_, l| l.before != l.after);
        p.notes.retain(|_, n| n.before != n.after);
        p.targets = p.targets.take().filter(|t| t.before != t.after);
        Change { label, body: Body::Parts(self.parts) }
    }
}
