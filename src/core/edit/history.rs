//! Undo/redo: a bounded list of [`Change`]s, one history for every way of editing.

use std::collections::VecDeque;

use super::{Applied, Change, Edit, EditError, apply};
use crate::core::design::Design;
use crate::core::model::ResourceId;

/// Undo steps kept by [`History::default`].
pub const DEFAULT_LIMIT: usize = 500;

/// What makes two consecutive edits one undo step when coalescing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Move(Vec<ResourceId>),
    Field(ResourceId, String),
    Replace(ResourceId),
    Note(ResourceId),
}

fn key(edit: &Edit) -> Option<Key> {
    match edit {
        Edit::Move { positions } => {
            let mut ids: Vec<ResourceId> = positions.iter().map(|(id, _)| *id).collect();
            ids.sort_unstable();
            ids.dedup();
            Some(Key::Move(ids))
        }
        Edit::SetField { id, pointer, .. } => Some(Key::Field(*id, pointer.clone())),
        Edit::Replace { id, .. } => Some(Key::Replace(*id)),
        Edit::SetNote { id, .. } => Some(Key::Note(*id)),
        _ => None,
    }
}

#[derive(Debug, Clone)]
struct Step {
    change: Change,
    key: Option<Key>,
}

/// Undo/redo history of a design.
#[derive(Debug, Clone)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        Self::new(DEFAULT_LIMIT)
    }
}

impl History {
    /// A history keeping at most `limit` undo steps (at least 1).
    pub fn new(limit: usize) -> Self {
        Self { undo: VecDeque::new(), redo: Vec::new(), limit: limit.max(1) }
    }

    /// Applies an edit and records it. With `coalesce`, a Move of the same resources, a
    /// SetField of the same field, a Replace or note edit of the same resource as the
    /// previous step joins that step (one drag, one typing run = one undo). Edits that
    /// change nothing are not recorded. A failing edit changes nothing and is not recorded.
    pub fn apply(
        &mut self,
        design: &mut Design,
        edit: Edit,
        coalesce: bool,
    ) -> Result<Applied, EditError> {
        let key = key(&edit);
        let applied = apply(design, edit)?;
        if applied.change.is_empty() {
            return Ok(applied);
        }
        self.redo.clear();
        let joins =
            coalesce && key.is_some() && self.undo.back().is_some_and(|last| last.key == key);
        match self.undo.back_mut() {
            Some(last) if joins => last.change.absorb(applied.change.clone()),
            _ => {
                self.undo.push_back(Step { change: applied.change.clone(), key });
                while self.undo.len() > self.limit {
                    self.undo.pop_front();
                }
            }
        }
        Ok(applied)
    }

    /// Undoes the last step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, design: &mut Design) -> Option<String> {
        let step = self.undo.pop_back()?;
        step.change.undo(design);
        let label = step.change.label.clone();
        self.redo.push(step);
        Some(label)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, design: &mut Design) -> Option<String> {
        let step = self.redo.pop()?;
        step.change.redo(design);
        let label = step.change.label.clone();
        self.undo.push_back(Step { key: None, ..step });
        Some(label)
    }

    /// True when there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Label of the step [`History::undo`] would undo, for a tooltip ("Undo Move 3 resources").
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|s| s.change.label.as_str())
    }

    /// Label of the step [`History::redo`] would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.change.label.as_str())
    }

    /// Number of undo steps held.
    pub fn len(&self) -> usize {
        self.undo.len()
    }

    /// True when there is nothing to undo.
    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }

    /// Resources, layout entries and notes stored by all steps (undo and redo): a measure
    /// of the history's memory that does not grow with the design's size.
    pub fn stored_entries(&self) -> usize {
        self.undo.iter().chain(&self.redo).map(|s| s.change.stored_entries()).sum()
    }

    /// Forgets every step.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
