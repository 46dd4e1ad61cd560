//! Performing each kind of edit: check first, then change, recording what is touched.

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::Value;

use super::change::{Change, Recorder};
use super::{Applied, CASCADE, Edit, EditError};
use crate::core::connect;
use crate::core::design::{Design, Point};
use crate::core::design_file;
use crate::core::layout;
use crate::core::model::{Form, Kind, Origin, Resource, ResourceId, classify};
use crate::core::pointer;
use crate::core::yaml::Positions;

/// Performs one edit (see [`super::apply`]).
pub(super) fn perform(design: &mut Design, edit: Edit) -> Result<Applied, EditError> {
    let mut rec = Recorder::new(design);
    let mut added = Vec::new();
    let mut diagnostics = Vec::new();
    let label = match edit {
        Edit::Add { docs, at } => {
            for (i, doc) in docs.iter().enumerate() {
                mapping(doc, || format!("document {} of {}", i + 1, docs.len()))?;
            }
            let label = match docs.as_slice() {
                [one] => format!("Add {}", describe(&Resource::new(ResourceId(0), one.clone()))),
                many => format!("Add {} resources", many.len()),
            };
            for (i, doc) in docs.into_iter().enumerate() {
                let id = design.add(doc);
                rec.created(&[id]);
                if let Some(p) = at {
                    design.layout.insert(id, offset(p, i));
                }
                added.push(id);
            }
            assign_scopes(design, &added);
            layout::settle_in(design, &added);
            label
        }
        Edit::Import { file, text } => {
            rec.targets(design);
            let (ids, findings) = design_file::import_any(design, &file, &text);
            rec.created(&ids);
            assign_scopes(design, &ids);
            layout::settle_in(design, &ids);
            added = ids;
            diagnostics = findings;
            format!("Import {file} ({})", count(added.len()))
        }
        Edit::Remove { ids } => {
            let ids = existing(design, &ids)?;
            rec.resources(design, &ids);
            let gone: HashSet<ResourceId> = ids.iter().copied().collect();
            let label = format!("Delete {}", name_or_count(design, &ids));
            design.resources.retain(|r| !gone.contains(&r.id));
            for id in &ids {
                design.layout.remove(id);
                design.notes.remove(id);
            }
            label
        }
        Edit::Duplicate { ids } => {
            let ids = existing(design, &ids)?;
            let label = format!("Duplicate {}", name_or_count(design, &ids));
            added = super::duplicate::duplicate(design, &ids, &mut rec);
            label
        }
        Edit::Replace { id, doc } => {
            mapping(&doc, || "the new document".to_string())?;
            let r = existing_one(design, id)?;
            let label = format!("Edit {} (YAML)", r.name());
            rec.resources(design, &[id]);
            set_doc(design, id, doc);
            label
        }
        Edit::SetField { id, pointer, value } => {
            let r = existing_one(design, id)?;
            let mut doc = r.doc.clone();
            let invalid = |reason| EditError::InvalidPointer { pointer: pointer.clone(), reason };
            match value {
                Some(v) => pointer::set(&mut doc, &pointer, v).map_err(invalid)?,
                None => {
                    pointer::remove(&mut doc, &pointer).map_err(invalid)?;
                }
            }
            rec.resources(design, &[id]);
            if doc != r.doc {
                set_doc(design, id, doc);
            }
            format!("Edit {}", pointer::dotted(&pointer))
        }
        Edit::Move { positions } => {
            let ids: Vec<ResourceId> = positions.iter().map(|(id, _)| *id).collect();
            existing(design, &ids)?;
            if let Some((id, _)) =
                positions.iter().find(|(_, p)| !p.x.is_finite() || !p.y.is_finite())
            {
                return Err(EditError::InvalidPosition(*id));
            }
            rec.layout(design, &ids);
            let label = format!("Move {}", name_or_count(design, &ids));
            design.layout.extend(positions);
            label
        }
        Edit::Connect { from, to } => {
            existing_one(design, from)?;
            existing_one(design, to)?;
            let connection = connect::connection(design, from, to)
                .map_err(|refusal| EditError::Refused(refusal.to_string()))?;
            rec.resources(design, &[from]);
            if let Some(r) = design.get_mut(from) {
                connection.apply_to(r);
                r.origin = r.origin.take().map(without_lines);
            }
            connection.label()
        }
        Edit::SetNote { id, note } => {
            let name = existing_one(design, id)?.name().to_string();
            rec.note(design, id);
            match note.filter(|n| !n.is_empty()) {
                Some(n) => design.notes.insert(id, n),
                None => design.notes.remove(&id),
            };
            format!("Edit note of {name}")
        }
        Edit::SetTargets(targets) => {
            rec.targets(design);
            design.targets = targets;
            "Change target versions".to_string()
        }
        Edit::Load(new) => {
            let label = format!("Open design ({})", count(new.resources.len()));
            let before = std::mem::replace(design, *new);
            added = design.resources.iter().map(|r| r.id).collect();
            let change = Change::whole(label, before, design.clone());
            return Ok(Applied { change, added, diagnostics });
        }
    };
    Ok(Applied { change: rec.finish(design, label), added, diagnostics })
}

fn mapping(doc: &Value, what: impl Fn() -> String) -> Result<(), EditError> {
    let found = match doc {
        Value::Object(_) => return Ok(()),
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
    };
    Err(EditError::NotAMapping { what: what(), found })
}

fn existing_one(design: &Design, id: ResourceId) -> Result<&Resource, EditError> {
    design.get(id).ok_or(EditError::UnknownId(id))
}

/// The ids, deduplicated in order; an error names the first unknown one.
fn existing(design: &Design, ids: &[ResourceId]) -> Result<Vec<ResourceId>, EditError> {
    let present: HashSet<ResourceId> = design.resources.iter().map(|r| r.id).collect();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for id in ids {
        if !present.contains(id) {
            return Err(EditError::UnknownId(*id));
        }
        if seen.insert(*id) {
            out.push(*id);
        }
    }
    Ok(out)
}

fn set_doc(design: &mut Design, id: ResourceId, doc: Value) {
    if let Some(r) = design.get_mut(id) {
        let (kind, form) = classify(&doc);
        r.doc = doc;
        r.kind = kind;
        r.form = form;
        r.origin = r.origin.take().map(without_lines);
    }
}

/// An edited document keeps the file it came from, but its old line numbers no longer hold.
fn without_lines(origin: Origin) -> Origin {
    Origin { positions: Arc::new(Positions::default()), ..origin }
}

fn offset(p: Point, i: usize) -> Point {
    let k = i as f64;
    Point { x: p.x + CASCADE.x * k, y: p.y + CASCADE.y * k }
}

fn count(n: usize) -> String {
    if n == 1 { "1 resource".to_string() } else { format!("{n} resources") }
}

fn describe(r: &Resource) -> String {
    match (r.kind_str(), r.name()) {
        ("", "") => "resource".to_string(),
        (k, "") => k.to_string(),
        ("", n) => n.to_string(),
        (k, n) => format!("{k} {n}"),
    }
}

fn name_or_count(design: &Design, ids: &[ResourceId]) -> String {
    match ids {
        [one] => design.get(*one).map_or_else(|| count(1), describe),
        many => count(many.len()),
    }
}

/// New CMF REST payloads carry no environment (catalog): give them the design's only one.
fn assign_scopes(design: &mut Design, ids: &[ResourceId]) {
    let only = |kind: Kind| {
        let names: HashSet<&str> = design.of_kind(kind).map(Resource::name).collect();
        (names.len() == 1).then(|| names.into_iter().next().unwrap_or_default().to_string())
    };
    let env = only(Kind::Environment);
    let cat = only(Kind::KafkaCatalog);
    let new: HashSet<ResourceId> = ids.iter().copied().collect();
    for r in design.resources.iter_mut().filter(|r| new.contains(&r.id)) {
        if r.form != Form::CmfRest {
            continue;
        }
        if r.is_environment_scoped() && r.assigned_environment.is_none() {
            r.assigned_environment.clone_from(&env);
        }
        if r.kind == Kind::KafkaDatabase && r.assigned_catalog.is_none() {
            r.assigned_catalog.clone_from(&cat);
        }
    }
}
