//! Subject walks: the resources a rule checks one at a time ([`Context::subjects`] and
//! friends), narrowed to a focus (the incremental validator's re-checks) or to a window of
//! the design (`rules::chunked`), with each visit's reads attributed to the subject.

use crate::core::model::{Kind, Resource};
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
        self.walk(&[])
    }

    /// Like [`subjects`](Self::subjects), for the resources of one kind.
    pub fn subjects_of_kind(&self, kind: Kind) -> Subjects<'_, 'a> {
        self.walk(&[kind])
    }

    /// Like [`subjects`](Self::subjects), for the resources of these kinds, in design
    /// order.
    pub fn subjects_of_kinds(&self, kinds: &[Kind]) -> Subjects<'_, 'a> {
        self.walk(kinds)
    }

    /// The walk over the resources of `kinds` (none: every resource), in design order,
    /// narrowed to the focus or the window when there is one.
    fn walk(&self, kinds: &[Kind]) -> Subjects<'_, 'a> {
        if let Some(cell) = &self.recorder {
            let walked = if kinds.is_empty() {
                SubjectKinds::All
            } else {
                let mut set = KindSet::default();
                kinds.iter().for_each(|k| set.insert(*k));
                SubjectKinds::Some(set)
            };
            cell.borrow_mut().subjects(walked);
        }
        self.walks.set(self.walks.get() + 1);
        let items: Vec<&'a Resource> = if let Some(ids) = &self.focus {
            // A focus lists a few resources, in design order.
            ids.iter()
                .filter_map(|id| self.by_id.get(id))
                .map(|i| &self.design.resources[*i])
                .filter(|r| kinds.is_empty() || kinds.contains(&r.kind))
                .collect()
        } else {
            let window = self.window.clone().unwrap_or(0..self.design.resources.len());
            if kinds.is_empty() {
                self.design.resources[window].iter().collect()
            } else {
                let mut at: Vec<usize> = Vec::new();
                for k in kinds {
                    let all = self.by_kind.get(k).map_or(&[][..], Vec::as_slice);
                    let from = all.partition_point(|i| *i < window.start);
                    let to = all.partition_point(|i| *i < window.end);
                    at.extend_from_slice(&all[from..to]);
                }
                if kinds.len() > 1 {
                    crate::core::sort::sort_by_key(&mut at, |i| *i);
                    at.dedup();
                }
                self.at(&at).collect()
            }
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
