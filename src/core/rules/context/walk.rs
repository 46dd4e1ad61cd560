//! Subject walks: the resources a rule checks one at a time ([`Context::subjects`] and
//! friends), narrowed to a focus (the incremental validator's re-checks) or to a window of
//! the design (`rules::chunked`), with each visit's reads attributed to the subject.

use crate::core::model::{Kind, Resource, ResourceId};
use crate::core::rules::reads::{KindSet, SubjectKinds};

use super::Context;

impl<'a> Context<'a> {
    /// Restricts every subject walk to the resources at design positions `window`
    /// (`None`: every resource). Reads outside walks are unaffected, so a rule whose
    /// loop iterations share no state (the contract of [`subjects`](Self::subjects))
    /// reports, over consecutive windows, exactly what it reports over the whole design.
    pub(crate) fn walk_only(&mut self, window: Option<std::ops::Range<usize>>) {
        self.window = window;
    }

    /// The number of resources in the design.
    pub(crate) fn resource_count(&self) -> usize {
        self.design.resources.len()
    }

    /// The number of subject walks started since the last call.
    pub(crate) fn take_walks(&self) -> usize {
        self.walks.replace(0)
    }

    /// The resources a rule checks one at a time: every resource. Reads made while a
    /// subject is visited are attributed to it, so the incremental validator can
    /// re-check only changed subjects. Use it only for a loop whose iterations share no
    /// state and whose findings are all about the visited subject.
    pub fn subjects(&self) -> Subjects<'_, 'a> {
        self.walk(SubjectKinds::All, None)
    }

    /// Like [`subjects`](Self::subjects), for the resources of one kind.
    pub fn subjects_of_kind(&self, kind: Kind) -> Subjects<'_, 'a> {
        let mut set = KindSet::default();
        set.insert(kind);
        self.walk(SubjectKinds::Some(set), Some(kind))
    }

    /// Like [`subjects`](Self::subjects), for the resources of these kinds, in design
    /// order.
    pub fn subjects_of_kinds(&self, kinds: &[Kind]) -> Subjects<'_, 'a> {
        let mut set = KindSet::default();
        kinds.iter().for_each(|k| set.insert(*k));
        if let Some(cell) = &self.recorder {
            cell.borrow_mut().subjects(SubjectKinds::Some(set));
        }
        self.walks.set(self.walks.get() + 1);
        let mut at: Vec<usize> = Vec::new();
        for k in kinds {
            let all = self.by_kind.get(k).map_or(&[][..], Vec::as_slice);
            let (from, to) = match &self.window {
                Some(w) => {
                    (all.partition_point(|i| *i < w.start), all.partition_point(|i| *i < w.end))
                }
                None => (0, all.len()),
            };
            at.extend_from_slice(&all[from..to]);
        }
        crate::core::sort::sort_by_key(&mut at, |i| *i);
        at.dedup();
        let mut items: Vec<&'a Resource> = self.at(&at).collect();
        // A focus lists resources in design order, like `at`.
        if let Some(ids) = &self.focus {
            let focus: crate::core::hash::FastSet<ResourceId> = ids.iter().copied().collect();
            items.retain(|r| focus.contains(&r.id));
        }
        Subjects { cx: self, items: items.into_iter() }
    }

    fn walk(&self, kinds: SubjectKinds, kind: Option<Kind>) -> Subjects<'_, 'a> {
        if let Some(cell) = &self.recorder {
            cell.borrow_mut().subjects(kinds);
        }
        self.walks.set(self.walks.get() + 1);
        if let Some(window) = &self.window {
            let items: Vec<&'a Resource> = match kind {
                Some(k) => {
                    let all = self.by_kind.get(&k).map_or(&[][..], Vec::as_slice);
                    let from = all.partition_point(|i| *i < window.start);
                    let to = all.partition_point(|i| *i < window.end);
                    self.at(&all[from..to]).collect()
                }
                None => self.design.resources[window.clone()].iter().collect(),
            };
            return Subjects { cx: self, items: items.into_iter() };
        }
        let items: Vec<&'a Resource> = match (&self.focus, kind) {
            (Some(ids), _) => ids
                .iter()
                .filter_map(|id| self.by_id.get(id))
                .map(|i| &self.design.resources[*i])
                .filter(|r| kind.is_none_or(|k| r.kind == k))
                .collect(),
            (None, Some(k)) => self.at(self.by_kind.get(&k).map_or(&[], Vec::as_slice)).collect(),
            (None, None) => self.design.resources.iter().collect(),
        };
        Subjects { cx: self, items: items.into_iter() }
    }
}

/// The subject walk of a rule (see [`Context::subjects`]).
pub struct Subjects<'c, 'a> {
    cx: &'c Context<'a>,
    items: std::vec::IntoIter<&'a Resource>,
}

impl<'a> Iterator for Subjects<'_, 'a> {
    type Item = &'a Resource;

    fn next(&mut self) -> Option<&'a Resource> {
        let next = self.items.next();
        self.cx.subject.set(next.map(|r| r.id));
        if let Some(cell) = &self.cx.recorder {
            let mut rec = cell.borrow_mut();
            rec.current = next.map(|r| r.id);
            if let Some(r) = next {
                rec.deps().ids.push(r.id);
            }
        }
        next
    }
}

impl Drop for Subjects<'_, '_> {
    fn drop(&mut self) {
        self.cx.subject.set(None);
        if let Some(cell) = &self.cx.recorder {
            cell.borrow_mut().current = None;
        }
    }
}
