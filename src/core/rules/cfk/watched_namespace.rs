//! CFK-NS-001 — CFK CRs live in namespaces CFK manages.
//!
//! What it checks: when the `ConfluentForKubernetes` node says `namespaced: true`, every
//! CFK CR's `metadata.namespace` (default `default`) is in its `namespaceList`.
//! Why: a namespaced CFK only watches the listed namespaces; other CRs are never
//! reconciled and show no status.
//! How to fix: add the namespace to `namespaceList` (Helm) or move the CR.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::shared::{cfk_crs, flag, install};

/// See the module documentation.
pub struct WatchedNamespace;

impl Rule for WatchedNamespace {
    fn id(&self) -> &'static str {
        "CFK-NS-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "CFK CR in a namespace a namespaced CFK does not watch"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(node) = install(cx) else { return };
        if flag(node, "namespaced") != Some(true) {
            return;
        }
        let list: Vec<&str> = node
            .spec_get(&["namespaceList"])
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .map(str::trim)
            .collect();
        for r in cfk_crs(cx) {
            let ns = r.namespace().unwrap_or("default");
            if !list.contains(&ns) {
                let at = if r.namespace().is_some() { "/metadata/namespace" } else { "/metadata" };
                out.report(
                    r,
                    at,
                    format!(
                        "CFK does not watch namespace '{ns}' (namespaceList: [{}])",
                        list.join(", ")
                    ),
                )
                .hint(format!("add '{ns}' to the CFK namespaceList or move the CR"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const NODE: &str = "apiVersion: studio.flinkstudio.dev/v1\nkind: ConfluentForKubernetes\nmetadata: {name: cfk}\nspec: {namespaced: true, namespaceList: [operator]}\n---\n";
    const CR: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: CMFRestClass\nmetadata:\n  name: default\n  namespace: ";

    #[test]
    fn fires_outside_the_list() {
        let f = check(&WatchedNamespace, &format!("{NODE}{CR}flink\n"));
        assert_eq!(pointers(&f), [("/metadata/namespace".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(10));
    }

    #[test]
    fn silent_inside_the_list() {
        assert!(check(&WatchedNamespace, &format!("{NODE}{CR}operator\n")).is_empty());
    }
}
