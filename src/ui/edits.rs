//! Edits of the design: every change goes through the core's undo history
//! (`core::edit::History`), so canvas, forms and YAML share one undo list; each edit
//! announces itself as a content change (re-validate) or a placement change (redraw only).

use std::collections::{BTreeSet, HashSet};

use leptos::prelude::*;
use serde_json::Value;

use super::analysis::{self, SourceFile};
use super::imports::ImportReport;
use super::state::AppState;
use super::trace;
use crate::core::design::{Design, Point};
use crate::core::edit::{Applied, Edit, History};
use crate::core::graph::Graph;
use crate::core::layout;
use crate::core::model::ResourceId;

impl AppState {
    fn changed(self, content: bool) {
        if content {
            self.content.update(|n| *n += 1);
        }
        self.placement.update(|n| *n += 1);
    }

    /// Applies an edit through the history; says what went wrong when it is refused.
    /// `coalesce` joins it with the previous step of the same field / resource / drag.
    pub fn apply(self, edit: Edit, coalesce: bool) -> Option<Applied> {
        let history = self.history;
        let result = self
            .design
            .try_update_value(|d| {
                trace::time("apply", || history.try_update_value(|h| h.apply(d, edit, coalesce)))
            })
            .flatten()?;
        match result {
            Ok(applied) => {
                if !applied.change.is_empty() {
                    trace::time("changed (sync effects)", || {
                        self.changed(!applied.change.is_layout_only())
                    });
                }
                Some(applied)
            }
            Err(e) => {
                self.say(
                    format!("{}{}", e.to_string()[..1].to_uppercase(), &e.to_string()[1..]),
                    true,
                );
                None
            }
        }
    }

    /// Undoes the last edit.
    pub fn undo(self) {
        self.step_history(History::undo, "Undid", "Nothing to undo.");
    }

    /// Redoes the last undone edit.
    pub fn redo(self) {
        self.step_history(History::redo, "Redid", "Nothing to redo.");
    }

    /// One step back or forth in the history; the selection drops resources the step
    /// removed (an undone add, a redone delete).
    fn step_history(
        self,
        step: fn(&mut History, &mut Design) -> Option<String>,
        done: &str,
        nothing: &str,
    ) {
        let history = self.history;
        let label = self
            .design
            .try_update_value(|d| history.try_update_value(|h| step(h, d)))
            .flatten()
            .flatten();
        match label {
            Some(l) => {
                self.forget_missing_selection();
                self.say(format!("{done}: {l}."), false);
                self.changed(true);
            }
            None => self.say(nothing, false),
        }
    }

    fn forget_missing_selection(self) {
        let alive: HashSet<ResourceId> =
            self.design.with_value(|d| d.resources.iter().map(|r| r.id).collect());
        self.selection.update(|s| s.retain(|id| alive.contains(id)));
    }

    /// Gives positions to resources that have none (below the rest, or at `at`). Not an
    /// undo step of its own: it belongs to the edit that added them.
    fn place(self, new: &HashSet<ResourceId>, at: Option<Point>) {
        if new.is_empty() {
            return;
        }
        self.design.update_value(|d| {
            for (id, p) in analysis::place_new(d, new, at) {
                d.layout.insert(id, p);
            }
        });
        self.placement.update(|n| *n += 1);
    }

    /// Imports texts (manifests or design files) into the design; the new resources are
    /// laid out below the existing ones and selected.
    pub fn import(self, files: Vec<SourceFile>) {
        if files.is_empty() {
            return;
        }
        let was_empty = self.design.with_value(|d| d.resources.is_empty());
        let (mut ids, mut findings, mut added) = (Vec::new(), Vec::new(), Vec::new());
        for f in &files {
            let applied =
                self.apply(Edit::Import { file: f.name.clone(), text: f.text.clone() }, false);
            added.push(applied.as_ref().map_or(0, |a| a.added.len()));
            if let Some(applied) = applied {
                ids.extend(applied.added);
                findings.extend(applied.diagnostics);
            }
        }
        let unplaced: HashSet<ResourceId> = self
            .design
            .with_value(|d| ids.iter().filter(|id| !d.layout.contains_key(id)).copied().collect());
        self.place(&unplaced, None);
        let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
        let complete = self.design.with_value(|d| d.targets.complete);
        let report = ImportReport::new(&names, &added, &findings, complete);
        // One line in the status line; the files are listed one click away.
        self.say(report.summary(), false);
        self.import_report.set(Some(report));
        self.import_findings.set(findings);
        let first = ids.first().copied();
        self.selection.set(ids.iter().copied().collect());
        if was_empty {
            self.fit();
        } else if let Some(first) = first
            && !self.any_in_view(&ids)
        {
            // New resources land below the design: bring them into view.
            self.center_on(first);
        }
    }

    /// Replaces the whole design (template, example, design file, share link); undoable.
    pub fn load(self, design: Design, name: &str) {
        self.apply(Edit::Load(Box::new(with_layout(design))), false);
        self.after_load(name);
    }

    /// Starts from `design` with an empty history (page load).
    pub fn start_with(self, design: Design, name: &str) {
        self.design.set_value(with_layout(design));
        self.history.update_value(|h| h.clear());
        self.changed(true);
        self.after_load(name);
    }

    fn after_load(self, name: &str) {
        self.name.set(name.to_string());
        self.import_findings.set(Vec::new());
        // The banner of secret values to re-enter belongs to the design it came with.
        self.forgotten.set(Vec::new());
        // A baseline belongs to the design it was compared with.
        self.baseline.set(None);
        self.selection.set(BTreeSet::new());
        self.fit();
    }

    /// Adds one resource at `at` (or below the rest) and selects it.
    pub fn add(self, doc: Value, at: Option<Point>) -> Option<ResourceId> {
        let applied = self.apply(Edit::Add { docs: vec![doc], at }, false)?;
        let id = *applied.added.first()?;
        if at.is_none() {
            self.place(&HashSet::from([id]), None);
        }
        self.selection.set(BTreeSet::from([id]));
        Some(id)
    }

    /// Removes resources.
    pub fn remove(self, ids: &BTreeSet<ResourceId>) {
        if ids.is_empty() {
            return;
        }
        if self.apply(Edit::Remove { ids: ids.iter().copied().collect() }, false).is_some() {
            self.selection.update(|s| s.retain(|id| !ids.contains(id)));
            self.say(format!("Deleted {} resource(s). Ctrl+Z brings them back.", ids.len()), false);
        }
    }

    /// Duplicates resources beside the originals; the copies are selected.
    pub fn duplicate(self, ids: &BTreeSet<ResourceId>) {
        if ids.is_empty() {
            return;
        }
        if let Some(applied) =
            self.apply(Edit::Duplicate { ids: ids.iter().copied().collect() }, false)
        {
            self.selection.set(applied.added.into_iter().collect());
        }
    }

    /// Replaces a resource's document (the inspector's YAML tab).
    pub fn replace(self, id: ResourceId, doc: Value) {
        self.apply(Edit::Replace { id, doc }, true);
    }

    /// Sets (or removes) one field (the inspector's form).
    pub fn set_field(self, id: ResourceId, pointer: &str, value: Option<Value>) {
        self.apply(Edit::SetField { id, pointer: pointer.to_string(), value }, true);
    }

    /// Lays the whole design out again (drops hand placement); undoable.
    pub fn relayout(self) {
        let positions: Vec<(ResourceId, Point)> = self.design.with_value(|d| {
            let graph = Graph::build(d);
            layout::auto(d, &graph).into_iter().collect()
        });
        self.apply(Edit::Move { positions }, false);
        self.fit();
    }

    /// Connects `from` to `to`: sets the reference field, or says why not.
    pub fn connect(self, from: ResourceId, to: ResourceId) {
        if let Some(applied) = self.apply(Edit::Connect { from, to }, false) {
            self.say(format!("{}.", applied.change.label), false);
            self.selection.set(BTreeSet::from([from]));
        }
    }
}

/// The design with a position for every resource (automatic for those without).
fn with_layout(mut design: Design) -> Design {
    if design.layout.len() < design.resources.len() {
        let graph = Graph::build(&design);
        for (id, p) in layout::auto(&design, &graph) {
            design.layout.entry(id).or_insert(p);
        }
    }
    design
}
