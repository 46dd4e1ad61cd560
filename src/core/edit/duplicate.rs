//! Duplicating resources: free names, offset positions (clear of other nodes), and references kept inside the
//! copied group (copy a session cluster with its job, and the job's copy runs on the
//! cluster's copy; copy a namespace with its contents, and the copies live in the new one).

use std::collections::HashMap;

use serde_json::Value;

use super::CASCADE;
use super::change::Recorder;
use super::names::{copy_name, set_name, taken};
use crate::core::connect::EnvNamespaces;
use crate::core::design::{Design, Point};
use crate::core::graph::{self, EdgeKind};
use crate::core::model::{Kind, ResourceId};
use crate::core::pointer;

/// A change to make to a copy so it points at another copy.
enum Rewire {
    Field(String, String),
    Environment(String),
    Catalog(String),
}

/// Copies `ids` (all present) and returns the new ids, in order.
pub(super) fn duplicate(
    design: &mut Design,
    ids: &[ResourceId],
    rec: &mut Recorder,
) -> Vec<ResourceId> {
    let mut new_names: HashMap<ResourceId, String> = HashMap::new();
    for &id in ids {
        let Some(original) = design.get(id) else { continue };
        let mut names = taken(design, original.kind);
        let same_kind =
            |other: &ResourceId| design.get(*other).map(|o| o.kind) == Some(original.kind);
        names
            .extend(new_names.iter().filter(|(other, _)| same_kind(other)).map(|(_, n)| n.clone()));
        new_names.insert(id, copy_name(original.name(), &names));
    }
    let rewires = rewires(design, ids, &new_names);
    let moved_namespaces: HashMap<String, String> = ids
        .iter()
        .filter_map(|id| design.get(*id).filter(|r| r.kind == Kind::Namespace))
        .map(|ns| (ns.name().to_string(), new_names[&ns.id].clone()))
        .collect();
    let mut added = Vec::new();
    for &id in ids {
        let Some(mut copy) = design.get(id).cloned() else { continue };
        set_name(&mut copy.doc, &new_names[&id]);
        if let Some(ns) = copy.namespace().and_then(|ns| moved_namespaces.get(ns)).cloned() {
            let _ = pointer::set(&mut copy.doc, "/metadata/namespace", Value::String(ns));
        }
        for rewire in rewires.get(&id).into_iter().flatten() {
            match rewire {
                Rewire::Field(pointer, name) => {
                    let _ = pointer::set(&mut copy.doc, pointer, Value::String(name.clone()));
                }
                Rewire::Environment(e) => copy.assigned_environment = Some(e.clone()),
                Rewire::Catalog(c) => copy.assigned_catalog = Some(c.clone()),
            }
        }
        copy.origin = None;
        let new = design.push(copy);
        rec.created(&[new]);
        if let Some(p) = design.layout.get(&id).copied() {
            design.layout.insert(new, Point { x: p.x + CASCADE.x, y: p.y + CASCADE.y });
        }
        if let Some(n) = design.notes.get(&id).cloned() {
            design.notes.insert(new, n);
        }
        added.push(new);
    }
    crate::core::layout::settle_in(design, &added);
    added
}

/// For each copied resource, the references to other copied resources, to be pointed at
/// their copies.
fn rewires(
    design: &Design,
    ids: &[ResourceId],
    new_names: &HashMap<ResourceId, String>,
) -> HashMap<ResourceId, Vec<Rewire>> {
    let lookup = EnvNamespaces::of(design);
    let group: Vec<_> = ids.iter().filter_map(|id| design.get(*id)).collect();
    let mut out: HashMap<ResourceId, Vec<Rewire>> = HashMap::new();
    for r in &group {
        for reference in graph::references(r, &lookup) {
            let Some(target) =
                group.iter().find(|t| t.id != r.id && graph::satisfies(t, &reference))
            else {
                continue;
            };
            let name = new_names[&target.id].clone();
            let rewire = match (reference.field.is_empty(), reference.edge) {
                (false, _) => Rewire::Field(reference.field, name),
                (true, EdgeKind::Catalog) => Rewire::Catalog(name),
                (true, _) => Rewire::Environment(name),
            };
            out.entry(r.id).or_default().push(rewire);
        }
    }
    out
}
