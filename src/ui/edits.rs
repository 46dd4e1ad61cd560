//! Edits of the design: every change the user makes goes through here, so that each one
//! notifies the right memos, is autosaved, and (once core history lands) can be undone.

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use super::analysis::{self, SourceFile};
use super::state::AppState;
use crate::core::design::{Design, Point};
use crate::core::design_file;
use crate::core::graph::Graph;
use crate::core::layout;
use crate::core::model::{Resource, ResourceId};
use leptos::prelude::*;

impl AppState {
    fn changed(self, content: bool) {
        if content {
            self.content.update(|n| *n += 1);
        }
        self.placement.update(|n| *n += 1);
    }

    /// Gives positions to resources that have none (below the rest, or at `at`).
    fn place(self, new: &HashSet<ResourceId>, at: Option<Point>) {
        self.design.update_value(|d| {
            for (id, p) in analysis::place_new(d, new, at) {
                d.layout.insert(id, p);
            }
        });
    }

    /// Imports texts (manifests or design files) into the design; the new resources are
    /// laid out below the existing ones and selected.
    pub fn import(self, files: Vec<SourceFile>) {
        if files.is_empty() {
            return;
        }
        let was_empty = self.design.with_value(|d| d.resources.is_empty());
        let mut ids = Vec::new();
        let mut findings = Vec::new();
        self.design.update_value(|d| {
            for f in &files {
                let (new, found) = design_file::import_any(d, &f.name, &f.text);
                ids.extend(new);
                findings.extend(found);
            }
            d.assign_scopes(None, None);
        });
        let unplaced: HashSet<ResourceId> = self
            .design
            .with_value(|d| ids.iter().filter(|id| !d.layout.contains_key(id)).copied().collect());
        self.place(&unplaced, None);
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        self.say(format!("Imported {} resource(s) from {}.", ids.len(), names.join(", ")), false);
        self.import_findings.set(findings);
        self.selection.set(ids.into_iter().collect());
        self.changed(true);
        if was_empty {
            self.fit();
        }
    }

    /// Replaces the whole design (example, template, design file, generated design).
    pub fn load(self, mut design: Design, name: &str) {
        if design.layout.len() < design.resources.len() {
            let graph = Graph::build(&design);
            let auto = layout::auto(&design, &graph);
            for (id, p) in auto {
                design.layout.entry(id).or_insert(p);
            }
        }
        self.design.set_value(design);
        self.name.set(name.to_string());
        self.import_findings.set(Vec::new());
        self.selection.set(BTreeSet::new());
        self.changed(true);
        self.fit();
    }

    /// Adds one resource at `at` (or below the rest) and selects it.
    pub fn add(self, doc: Value, at: Option<Point>) -> ResourceId {
        let mut new = ResourceId(0);
        self.design.update_value(|d| {
            new = d.add(doc);
            d.assign_scopes(None, None);
        });
        self.place(&HashSet::from([new]), at);
        self.selection.set(BTreeSet::from([new]));
        self.changed(true);
        new
    }

    /// Removes resources.
    pub fn remove(self, ids: &BTreeSet<ResourceId>) {
        if ids.is_empty() {
            return;
        }
        self.design.update_value(|d| {
            for id in ids {
                d.remove(*id);
            }
        });
        self.selection.update(|s| s.retain(|id| !ids.contains(id)));
        self.say(format!("Deleted {} resource(s).", ids.len()), false);
        self.changed(true);
    }

    /// Duplicates resources (named `<name>-copy`), placed beside the originals; the copies
    /// are selected.
    pub fn duplicate(self, ids: &BTreeSet<ResourceId>) {
        let mut copies = BTreeSet::new();
        self.design.update_value(|d| {
            for id in ids {
                let Some(r) = d.get(*id).cloned() else { continue };
                let at = d.layout.get(id).copied();
                let copy = d.push(renamed_copy(r));
                if let Some(p) = at {
                    d.layout.insert(copy, Point { x: p.x + 40.0, y: p.y + 40.0 });
                }
                copies.insert(copy);
            }
        });
        if copies.is_empty() {
            return;
        }
        self.selection.set(copies);
        self.changed(true);
    }

    /// Replaces a resource's document (from the inspector's form or YAML tab).
    pub fn replace(self, id: ResourceId, doc: Value) {
        let mut changed = false;
        self.design.update_value(|d| {
            if let Some(r) = d.get_mut(id)
                && r.doc != doc
            {
                let mut fresh = Resource::new(id, doc);
                fresh.assigned_environment = r.assigned_environment.take();
                fresh.assigned_catalog = r.assigned_catalog.take();
                *r = fresh;
                changed = true;
            }
        });
        if changed {
            self.changed(true);
        }
    }

    /// Moves resources by an offset (end of a drag). Does not re-validate.
    pub fn move_by(self, ids: &HashSet<ResourceId>, dx: f64, dy: f64) {
        if dx == 0.0 && dy == 0.0 {
            return;
        }
        self.design.update_value(|d| {
            for id in ids {
                if let Some(p) = d.layout.get_mut(id) {
                    p.x += dx;
                    p.y += dy;
                }
            }
        });
        self.changed(false);
    }

    /// Lays the whole design out again (drops hand placement).
    pub fn relayout(self) {
        self.design.update_value(|d| {
            let graph = Graph::build(d);
            d.layout = layout::auto(d, &graph).into_iter().collect();
        });
        self.changed(false);
        self.fit();
    }
}

fn renamed_copy(mut r: Resource) -> Resource {
    r.origin = None;
    let name = format!("{}-copy", r.name());
    if r.doc.pointer("/metadata/name").is_some() {
        r.doc["metadata"]["name"] = Value::String(name);
    } else if r.doc.get("name").is_some() {
        r.doc["name"] = Value::String(name);
    }
    r
}
