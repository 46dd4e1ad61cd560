//! Copies without secret values: each place of [`places`] replaced (the whole value, or
//! only the secret inside a text), everything else kept as it was.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::walk::{Place, places};
use crate::core::design::Design;
use crate::core::model::{Resource, ResourceId};

/// A secret value left out of a copy of the design: where it was, for people to enter it
/// again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forgotten {
    /// The resource.
    pub id: ResourceId,
    /// `Kind/name` of the resource.
    pub resource: String,
    /// JSON Pointer of the value inside the resource's document.
    pub pointer: String,
    /// What held it (`sasl.jaas.config: password=…`, `env DB_PASSWORD`).
    pub what: String,
}

/// The text at `pointer` (a string, or a number written out).
fn current(doc: &Value, place: &Place) -> Option<String> {
    let v = doc.pointer(&place.pointer)?;
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match &place.range {
        Some(r) => text.get(r.clone()).map(str::to_string),
        None => Some(text),
    }
}

/// Replaces every secret value of `doc` with `replacement`, keeping keys, array elements
/// and the text around a secret inside a string. Returns the places replaced (those that
/// already held `replacement` are left alone and not returned).
pub fn redact(doc: &mut Value, replacement: &str) -> Vec<Place> {
    let found: Vec<Place> = places(doc)
        .into_iter()
        .filter(|p| current(doc, p).is_some_and(|t| t != replacement))
        .collect();
    // Right to left inside each string, so earlier ranges stay valid.
    let mut order: Vec<&Place> = found.iter().collect();
    crate::core::sort::sort_by(&mut order, |a, b| {
        a.pointer.cmp(&b.pointer).then_with(|| {
            let start = |p: &Place| p.range.as_ref().map_or(0, |r| r.start);
            start(b).cmp(&start(a))
        })
    });
    let mut done: Option<(String, usize)> = None;
    for place in order {
        let Some(target) = doc.pointer_mut(&place.pointer) else { continue };
        match &place.range {
            None => *target = Value::String(replacement.to_string()),
            Some(r) => {
                let Value::String(s) = target else { continue };
                // Overlapping ranges: cut at the start of the range replaced before.
                let end = match &done {
                    Some((p, start)) if *p == place.pointer => r.end.min(*start),
                    _ => r.end,
                };
                if r.start < end && s.is_char_boundary(r.start) && s.is_char_boundary(end) {
                    s.replace_range(r.start..end, replacement);
                }
                done = Some((place.pointer.clone(), r.start));
            }
        }
    }
    // In document order, once per value and what holds it.
    let mut out: Vec<Place> = Vec::with_capacity(found.len());
    for place in found {
        if !out.iter().any(|p| p.pointer == place.pointer && p.what == place.what) {
            out.push(place);
        }
    }
    out
}

/// A copy of `doc` without secret values, with the places replaced; `None` when it holds
/// none (nothing is copied then).
pub fn redacted(doc: &Value, replacement: &str) -> Option<(Value, Vec<Place>)> {
    if places(doc).is_empty() {
        return None;
    }
    let mut copy = doc.clone();
    let found = redact(&mut copy, replacement);
    (!found.is_empty()).then_some((copy, found))
}

/// `Kind/name` of a resource, as messages name it.
pub fn label(r: &Resource) -> String {
    format!("{}/{}", r.kind_str(), r.name())
}

/// The places of `r` that [`redact`] replaced, as [`Forgotten`] entries.
pub fn forgotten(r: &Resource, found: &[Place]) -> Vec<Forgotten> {
    found
        .iter()
        .map(|p| Forgotten {
            id: r.id,
            resource: label(r),
            pointer: p.pointer.clone(),
            what: p.what.clone(),
        })
        .collect()
}

/// A copy of `design` whose secret values are replaced by `replacement`, and what was
/// left out (in design order).
pub fn without_secret_values(design: &Design, replacement: &str) -> (Design, Vec<Forgotten>) {
    let mut out = design.clone();
    let mut left_out = Vec::new();
    for r in &mut out.resources {
        let found = redact(&mut r.doc, replacement);
        left_out.extend(forgotten(r, &found));
    }
    (out, left_out)
}
