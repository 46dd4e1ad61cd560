//! Drag-to-connect: which reference field dropping `from` on `to` sets, or why the model
//! refuses it.
//!
//! [`connection`] proposes the field (per kind pair, in `connect/plan.rs`) and then checks
//! the proposal against the graph's own reference table ([`crate::core::graph::references`]):
//! a connection is offered only when, once applied, `from` really references `to` in the
//! graph — so the canvas and the graph never disagree. The address links of
//! [`crate::core::graph::links`] are offered the same way: dropping a Kafka database on a
//! Kafka cluster writes the cluster's bootstrap servers into the database. Dropping a resource on a Namespace
//! moves it there (`metadata.namespace`); that is containment, not a reference.

mod placement;
mod plan;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

use super::design::Design;
use super::graph::{self, EdgeKind, Lookup};
use super::model::{Kind, Resource, ResourceId};
use super::pointer;
use super::pointer::dotted;

/// One change to the referencing resource.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Set the value at a JSON Pointer (parents created).
    Set(String, Value),
    /// Append to the list at a JSON Pointer (created when missing).
    Append(String, Value),
    /// Remove the value at a JSON Pointer.
    Remove(String),
    /// Assign the CMF environment of a CMF REST payload (its REST path names it).
    AssignEnvironment(String),
    /// Assign the Kafka catalog of a CMF REST `KafkaDatabase`.
    AssignCatalog(String),
}

/// What connecting `from` to `to` does.
#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    /// The referencing resource (the one changed).
    pub from: ResourceId,
    /// The referenced resource.
    pub to: ResourceId,
    /// Meaning of the edge; `None` for a move into a namespace.
    pub edge: Option<EdgeKind>,
    /// JSON Pointer of the field the graph reads the reference from (`""` for the
    /// environment or catalog assignment of a CMF REST payload).
    pub field: String,
    /// The changes to `from`, in order.
    pub actions: Vec<Action>,
    label: String,
}

impl Connection {
    /// Short description for undo tooltips.
    pub fn label(&self) -> String {
        self.label.clone()
    }

    /// Applies the actions to the referencing resource.
    pub fn apply_to(&self, r: &mut Resource) {
        for action in &self.actions {
            apply_action(r, action);
        }
        let (kind, form) = super::model::classify(&r.doc);
        r.kind = kind;
        r.form = form;
    }
}

/// Why a connection is refused, in one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Environment name → Kubernetes namespace, as the graph resolves it.
pub(crate) struct EnvNamespaces(HashMap<String, String>);

impl EnvNamespaces {
    /// The environments' namespaces in `design`.
    pub(crate) fn of(design: &Design) -> Self {
        let mut map = HashMap::new();
        for e in design.of_kind(Kind::Environment) {
            if let Some(ns) = e.spec_str(&["kubernetesNamespace"]) {
                map.entry(e.name().to_string()).or_insert_with(|| ns.to_string());
            }
        }
        Self(map)
    }
}

impl Lookup for EnvNamespaces {
    fn environment_namespace(&self, env: &str) -> Option<String> {
        self.0.get(env).cloned()
    }
}

/// What dropping `from` on `to` does, or why it is refused.
pub fn connection(
    design: &Design,
    from: ResourceId,
    to: ResourceId,
) -> Result<Connection, Refusal> {
    let unknown = |id: ResourceId| Refusal(format!("there is no resource #{} in the design", id.0));
    let f = design.get(from).ok_or_else(|| unknown(from))?;
    let t = design.get(to).ok_or_else(|| unknown(to))?;
    connection_with(&EnvNamespaces::of(design), f, t)
}

/// Every resource `from` can be dropped on (for highlighting drop targets).
pub fn targets_for(design: &Design, from: ResourceId) -> Vec<ResourceId> {
    let Some(f) = design.get(from) else { return Vec::new() };
    let lookup = EnvNamespaces::of(design);
    design
        .resources
        .iter()
        .filter(|t| t.id != from && connection_with(&lookup, f, t).is_ok())
        .map(|t| t.id)
        .collect()
}

fn connection_with(
    lookup: &EnvNamespaces,
    f: &Resource,
    t: &Resource,
) -> Result<Connection, Refusal> {
    let (from, to) = (f.id, t.id);
    if from == to {
        return Err(Refusal(format!("`{}` cannot reference itself", f.name())));
    }
    let plan = plan::plan(f, t, lookup)?;
    let mut after = f.clone();
    let mut connection = Connection {
        from,
        to,
        edge: plan.edge,
        field: String::new(),
        actions: plan.actions,
        label: String::new(),
    };
    connection.apply_to(&mut after);
    match plan.edge {
        None => {
            if after.namespace() != Some(t.name()) {
                return Err(Refusal(format!("`{}` cannot be moved into a namespace", f.name())));
            }
            connection.field = "/metadata/namespace".to_string();
            connection.label = format!("Move {} to namespace {}", f.name(), t.name());
        }
        Some(edge) => {
            let field = graph::references(&after, lookup)
                .into_iter()
                .find(|r| r.edge == edge && graph::satisfies(t, r))
                .map(|r| r.field)
                .or_else(|| {
                    graph::links(&after, &graph::LinkTargets::of([t]))
                        .into_iter()
                        .find(|l| l.edge == edge && l.to == t.id)
                        .map(|l| l.field)
                })
                .ok_or_else(|| {
                    Refusal(format!(
                        "`{}` cannot reference `{}` from where it is",
                        f.name(),
                        t.name()
                    ))
                })?;
            connection.field = field;
            let what = if connection.field.is_empty() {
                if edge == EdgeKind::Catalog { "catalog" } else { "environment" }.to_string()
            } else {
                dotted(&connection.field)
            };
            connection.label = format!("Connect {} to {} ({what})", f.name(), t.name());
        }
    }
    Ok(connection)
}

fn apply_action(r: &mut Resource, action: &Action) {
    match action {
        Action::Set(p, v) => {
            let _ = pointer::set(&mut r.doc, p, v.clone());
        }
        Action::Append(p, v) => {
            let tokens: Vec<String> = pointer::tokens(p).unwrap_or_default();
            let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
            let is_list = pointer::get(&r.doc, &refs).is_some_and(Value::is_array);
            let target = if is_list { format!("{p}/-") } else { p.clone() };
            let value = if is_list { v.clone() } else { Value::Array(vec![v.clone()]) };
            let _ = pointer::set(&mut r.doc, &target, value);
        }
        Action::Remove(p) => {
            let _ = pointer::remove(&mut r.doc, p);
        }
        Action::AssignEnvironment(e) => r.assigned_environment = Some(e.clone()),
        Action::AssignCatalog(c) => r.assigned_catalog = Some(c.clone()),
    }
}
