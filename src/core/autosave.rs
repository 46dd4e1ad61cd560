//! What the studio keeps of a design in the browser: the design file (as JSON) and, when
//! secret values were left out, where they were.
//!
//! Without the user's opt-in ("remember secret values on this device") every place
//! [`crate::core::credentials`] finds is stored empty, and the record lists it
//! ([`Forgotten`]) so that a restored design can name the values to enter again. The
//! design file is written straight from the design (no intermediate JSON tree): only the
//! documents that hold a secret are copied.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use super::credentials::{self, Forgotten};
use super::design::Design;
use super::design_file::{self, KIND};
use super::model::STUDIO_API;

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
struct File<'a> {
    #[serde(rename = "apiVersion")]
    api_version: &'static str,
    kind: &'static str,
    metadata: Metadata<'a>,
    spec: Spec<'a>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Spec<'a> {
    targets: serde_json::Map<String, Value>,
    resources: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    id: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    environment: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    catalog: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<Position>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    manifest: Cow<'a, Value>,
}

#[derive(Serialize)]
struct Position {
    x: f64,
    y: f64,
}

/// The design (named `name`) as it is stored: secret values left out unless
/// `keep_secrets`.
pub fn record(design: &Design, name: &str, keep_secrets: bool) -> Record {
    let mut forgotten = Vec::new();
    let resources = design
        .resources
        .iter()
        .map(|r| {
            let manifest = match keep_secrets {
                true => Cow::Borrowed(&r.doc),
                false => match credentials::redacted(&r.doc, EMPTY) {
                    Some((copy, places)) => {
                        forgotten.extend(credentials::forgotten(r, &places));
                        Cow::Owned(copy)
                    }
                    None => Cow::Borrowed(&r.doc),
                },
            };
            Entry {
                id: r.id.0,
                environment: r.assigned_environment.as_deref(),
                catalog: r.assigned_catalog.as_deref(),
                position: design
                    .layout
                    .get(&r.id)
                    .filter(|p| p.x.is_finite() && p.y.is_finite())
                    .map(|p| Position { x: p.x, y: p.y }),
                note: design.notes.get(&r.id).map(String::as_str),
                manifest,
            }
        })
        .collect();
    let targets = design_file::targets_map(&design.targets);
    let file = File {
        api_version: STUDIO_API,
        kind: KIND,
        metadata: Metadata { name },
        spec: Spec { targets, resources },
    };
    let design = serde_json::to_string(&file).unwrap_or_default();
    Record { design, forgotten, secrets_kept: keep_secrets }
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
        let r = record(&d, "sixty", true);
        let expected = serde_json::to_string(&design_file::document(&d, "sixty")).unwrap();
        assert_eq!(r.design, expected);
        assert!(r.forgotten.is_empty() && r.secrets_kept);
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
