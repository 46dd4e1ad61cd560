//! What the studio keeps of a design in the browser: the design file (as JSON) and, when
//! secret values were left out, where they were.
//!
//! Without the user's opt-in ("remember secret values on this device") every place
//! [`crate::core::credentials`] finds is stored empty, and the record lists it
//! ([`Forgotten`]) so that a restored design can name the values to enter again. The
//! design file is written straight from the design (no intermediate JSON tree): only the
//! documents that hold a secret are copied, and a [`Writer`] keeps each resource's
//! stored manifest until the resource changes.

use std::collections::HashMap;

use serde::Serialize;

use super::credentials::{self, Forgotten};
use super::design::Design;
use super::design_file::{self, KIND};
use super::model::{Resource, ResourceId, STUDIO_API};

/// What stands in a stored design for a secret value left out.
pub const EMPTY: &str = "";

/// A design ready for storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The design file as JSON text (a valid design file, see `core::design_file`).
    pub design: String,
    /// The secret values left out (empty when they were kept).
    pub forgotten: Vec<Forgotten>,
    /// Whether secret values were kept (the user opted in).
    pub secrets_kept: bool,
}

#[derive(Serialize)]
struct Position {
    x: f64,
    y: f64,
}

/// A resource's manifest as stored: JSON text, and the secret values it lost.
struct Stored {
    json: String,
    forgotten: Vec<Forgotten>,
}

/// Writes stored designs, remembering each resource's stored manifest until it changes:
/// after the first save only edited resources are walked for secrets and serialized.
/// Tell it what changed ([`Writer::changed`], [`Writer::clear`]).
#[derive(Default)]
pub struct Writer {
    /// The `keep_secrets` the cache was written with.
    keep: Option<bool>,
    cache: HashMap<ResourceId, Stored>,
}

fn push_json<T: Serialize + ?Sized>(out: &mut String, value: &T) {
    out.push_str(&serde_json::to_string(value).unwrap_or_else(|_| "null".into()));
}

impl Writer {
    /// A writer that knows nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// These resources changed (or went away): their manifests are written again.
    pub fn changed(&mut self, ids: impl IntoIterator<Item = ResourceId>) {
        for id in ids {
            self.cache.remove(&id);
        }
    }

    /// Everything may have changed.
    pub fn clear(&mut self) {
        self.cache.clear();
    }

    /// The design (named `name`) as it is stored: secret values left out unless
    /// `keep_secrets`. The text equals `design_file::document` written as JSON.
    pub fn record(&mut self, design: &Design, name: &str, keep_secrets: bool) -> Record {
        if self.keep != Some(keep_secrets) {
            self.cache.clear();
            self.keep = Some(keep_secrets);
        }
        let mut out = String::with_capacity(256 + design.resources.len() * 512);
        out.push_str("{\"apiVersion\":");
        push_json(&mut out, STUDIO_API);
        out.push_str(",\"kind\":");
        push_json(&mut out, KIND);
        out.push_str(",\"metadata\":{\"name\":");
        push_json(&mut out, name);
        out.push_str("},\"spec\":{\"targets\":");
        push_json(&mut out, &design_file::targets_map(&design.targets));
        if design.targets.complete {
            out.push_str(",\"complete\":true");
        }
        out.push_str(",\"resources\":[");
        let mut forgotten = Vec::new();
        for (i, r) in design.resources.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"id\":");
            out.push_str(&r.id.0.to_string());
            if let Some(env) = &r.assigned_environment {
                out.push_str(",\"environment\":");
                push_json(&mut out, env);
            }
            if let Some(cat) = &r.assigned_catalog {
                out.push_str(",\"catalog\":");
                push_json(&mut out, cat);
            }
            if let Some(p) = design.layout.get(&r.id).filter(|p| p.x.is_finite() && p.y.is_finite())
            {
                out.push_str(",\"position\":");
                push_json(&mut out, &Position { x: p.x, y: p.y });
            }
            if let Some(note) = design.notes.get(&r.id) {
                out.push_str(",\"note\":");
                push_json(&mut out, note);
            }
            out.push_str(",\"manifest\":");
            let stored = self.cache.entry(r.id).or_insert_with(|| stored(r, keep_secrets));
            out.push_str(&stored.json);
            forgotten.extend(stored.forgotten.iter().cloned());
            out.push('}');
        }
        out.push_str("]}}");
        Record { design: out, forgotten, secrets_kept: keep_secrets }
    }
}

/// One resource's manifest as stored.
fn stored(r: &Resource, keep_secrets: bool) -> Stored {
    let redacted = if keep_secrets { None } else { credentials::redacted(&r.doc, EMPTY) };
    match redacted {
        Some((copy, places)) => Stored {
            json: serde_json::to_string(&copy).unwrap_or_default(),
            forgotten: credentials::forgotten(r, &places),
        },
        None => Stored {
            json: serde_json::to_string(&r.doc).unwrap_or_default(),
            forgotten: Vec::new(),
        },
    }
}

/// The design (named `name`) as it is stored: secret values left out unless
/// `keep_secrets` (a fresh [`Writer`]).
pub fn record(design: &Design, name: &str, keep_secrets: bool) -> Record {
    Writer::new().record(design, name, keep_secrets)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::core::design::Point;
    use crate::core::{generate, templates};

    #[test]
    fn kept_secrets_give_exactly_the_design_file() {
        let mut d = generate::design(60);
        d.layout.insert(d.resources[2].id, Point { x: 1.5, y: -2.0 });
        d.notes.insert(d.resources[3].id, "why \"this\"".into());
        d.targets.complete = true;
        let r = record(&d, "sixty", true);
        let expected = serde_json::to_string(&design_file::document(&d, "sixty")).unwrap();
        assert_eq!(r.design, expected);
        assert!(r.forgotten.is_empty() && r.secrets_kept);
    }

    #[test]
    fn a_writer_rewrites_only_what_changed_and_equals_a_fresh_one() {
        let mut d = generate::design(80);
        let mut writer = Writer::new();
        let first = writer.record(&d, "x", false);
        assert_eq!(first, record(&d, "x", false));
        // Unannounced changes are not seen (the cache is the point) …
        d.resources[5].doc["metadata"]["name"] = json!("renamed");
        assert!(!writer.record(&d, "x", false).design.contains("renamed"));
        // … announced ones are, and the text equals a fresh writer's.
        writer.changed([d.resources[5].id]);
        assert_eq!(writer.record(&d, "x", false), record(&d, "x", false));
        // Another choice about secrets starts over.
        assert_eq!(writer.record(&d, "x", true), record(&d, "x", true));
    }

    #[test]
    fn without_the_opt_in_the_flink_sql_template_stores_no_secret_value() {
        let t = templates::by_id("flink-sql").unwrap();
        let (d, _) = t.design();
        let r = record(&d, "flink-sql", false);
        assert!(!r.design.contains("change-me"), "{}", r.design);
        assert!(!r.design.contains("PLAIN"), "every value of a CMF secret is secret");
        let whats: Vec<(&str, &str)> =
            r.forgotten.iter().map(|f| (f.resource.as_str(), f.what.as_str())).collect();
        assert_eq!(
            whats,
            [
                ("Secret/kafka-credentials", "sasl.mechanism"),
                ("Secret/kafka-credentials", "sasl.jaas.config")
            ]
        );
        // The stored design loads, with the values empty and the keys in place.
        let loaded = design_file::load("autosave", &r.design);
        let secret =
            loaded.design.resources.iter().find(|r| r.name() == "kafka-credentials").unwrap();
        assert_eq!(
            secret.doc["spec"]["data"],
            json!({"sasl.mechanism": "", "sasl.jaas.config": ""})
        );
        assert_eq!(loaded.design.resources.len(), d.resources.len());
        // With the opt-in, they stay.
        assert!(record(&d, "flink-sql", true).design.contains("password='change-me'"));
    }
}
