//! Helpers of the security rules: where Flink configuration maps live. What looks like a
//! credential and what is a literal value is decided in `core::credentials`.

use serde_json::Value;

use crate::core::model::{Kind, Resource};
use crate::core::podtemplate::spec_sites;

/// Every Flink configuration map of a resource, with its pointer: deployment-like specs,
/// session jobs, statements, environment statement defaults and operator defaults.
pub fn config_maps(r: &Resource) -> Vec<(String, &Value)> {
    let mut out: Vec<(String, &Value)> = spec_sites(r)
        .into_iter()
        .filter_map(|s| s.flink_configuration().map(|v| (s.field(&["flinkConfiguration"]), v)))
        .collect();
    let mut add = |tokens: &[&str]| {
        if let Some(v) = r.spec_get(tokens) {
            out.push((r.spec_field(tokens), v));
        }
    };
    match r.kind {
        Kind::FlinkSessionJob | Kind::Statement => add(&["flinkConfiguration"]),
        Kind::Environment => {
            add(&["statementDefaults", "detached", "flinkConfiguration"]);
            add(&["statementDefaults", "interactive", "flinkConfiguration"]);
        }
        Kind::FkoInstall => add(&["defaultConfiguration"]),
        _ => {}
    }
    out
}
