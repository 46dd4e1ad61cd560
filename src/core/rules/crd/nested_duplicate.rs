//! CRD-NEST-001 — the same configuration key nested and dotted.
//!
//! What it checks: a `flinkConfiguration` (FKO ≥ 1.13 accepts nested YAML) that gives one
//! key twice once flattened, e.g. `state: {savepoints.dir: a}` and `state.savepoints.dir: b`.
//! Why: the operator flattens nested maps to dotted keys (FLINK-37406); only one of the
//! two values survives and which one is not obvious.
//! How to fix: keep one spelling of the key.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::core::cluster::{ConfMap, MapKind, SiteKind, conf_maps};
use crate::core::finding::Severity;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct NestedDuplicate;

fn walk(prefix: &str, at: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                walk(&key, &pointer::push(at, k), c, out);
            }
        }
        _ => out.push((prefix.to_string(), at.to_string())),
    }
}

/// True for the maps FKO flattens: a cluster site's or a session job's
/// `flinkConfiguration` (statements and their defaults are CMF string maps; the operator's
/// own configuration is Helm values; fragments are deployed by nobody known).
fn flattened_by_fko(m: &ConfMap<'_>) -> bool {
    match m.kind {
        MapKind::Site(kind) => kind != SiteKind::Fragment,
        MapKind::SessionJob => true,
        MapKind::Statement | MapKind::StatementDefaults(_) | MapKind::OperatorDefaults => false,
    }
}

impl Rule for NestedDuplicate {
    fn id(&self) -> &'static str {
        "CRD-NEST-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "The same flinkConfiguration key given both nested and dotted"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if !cx.targets.fko.at_least(1, 13) {
            return; // nested maps are rejected outright (CRD-TYPE-003)
        }
        for r in cx.subjects() {
            for m in conf_maps(r, None).into_iter().filter(flattened_by_fko) {
                let mut flat = Vec::new();
                walk("", &m.pointer, m.map, &mut flat);
                let mut first: BTreeMap<&str, &str> = BTreeMap::new();
                for (key, at) in &flat {
                    if let Some(prev) = first.insert(key, at) {
                        out.report(
                            r,
                            at,
                            format!("'{key}' is given twice after flattening (also at {prev})"),
                        )
                        .hint("keep either the nested or the dotted spelling");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_nested_and_dotted() {
        let f = check(
            &NestedDuplicate,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  flinkConfiguration:\n    state:\n      savepoints.dir: a\n    state.savepoints.dir: b\n    state.checkpoints.dir: c\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/state.savepoints.dir".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(8));
        assert!(f[0].message.contains("/spec/flinkConfiguration/state/savepoints.dir"));
    }
}
