//! New resources reference what they need: the design's only candidate when there is
//! exactly one, else the default name the palette gives that candidate (so adding it
//! later resolves the reference).

use serde_json::{Value, json};

use super::Entry;
use crate::core::design::Design;
use crate::core::model::{Form, Kind, Resource};
use crate::core::pointer;

fn only(design: &Design, kind: Kind, keep: impl Fn(&Resource) -> bool) -> Option<&Resource> {
    let mut it = design.of_kind(kind).filter(|r| keep(r));
    match (it.next(), it.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

fn name_or(design: &Design, kind: Kind, default: &str) -> String {
    only(design, kind, |_| true).map_or(default, Resource::name).to_string()
}

/// Fills the reference fields of a new document.
pub(super) fn references(design: &Design, entry: &Entry, doc: &mut Value, namespace: Option<&str>) {
    let mut set = |pointer: &str, value: Value| {
        let _ = pointer::set(doc, pointer, value);
    };
    if entry.form == Form::CfkCr && entry.kind != Kind::CmfRestClass {
        match only(design, Kind::CmfRestClass, |_| true) {
            Some(rc) => {
                let mut reference = json!({"name": rc.name()});
                if let Some(ns) = rc.namespace().filter(|ns| Some(*ns) != namespace) {
                    reference["namespace"] = json!(ns);
                }
                set("/spec/cmfRestClassRef", reference);
            }
            None => set("/spec/cmfRestClassRef", json!({"name": "default"})),
        }
        if entry.kind != Kind::Environment && entry.kind != Kind::CmfSecret {
            set("/spec/flinkEnvironment", json!(name_or(design, Kind::Environment, "development")));
        }
    }
    match entry.kind {
        Kind::Statement => {
            let pool = name_or(design, Kind::ComputePool, "pool");
            set("/spec/computePoolName", json!(pool));
        }
        Kind::KafkaDatabase if entry.form == Form::CfkCr => {
            set("/spec/catalogRef/name", json!(name_or(design, Kind::KafkaCatalog, "kafka-cat")));
        }
        Kind::FlinkSessionJob => {
            let in_ns = |r: &Resource| r.namespace() == namespace && r.spec_get(&["job"]).is_none();
            if let Some(session) = only(design, Kind::FlinkDeployment, in_ns) {
                set("/spec/deploymentName", json!(session.name()));
            }
        }
        _ => {}
    }
}
