//! NAME-K8S-003 — Secret and ConfigMap data keys.
//!
//! What it checks: keys of `data`, `stringData` and `binaryData` of Kubernetes Secrets
//! and ConfigMaps match `[-._a-zA-Z0-9]+`.
//! Why: the API server rejects other keys (they become file names when mounted).
//! How to fix: use letters, digits, '-', '_' and '.' only.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct DataKeys;

fn valid(key: &str) -> bool {
    !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
}

impl Rule for DataKeys {
    fn id(&self) -> &'static str {
        "NAME-K8S-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Secret/ConfigMap data keys must match [-._a-zA-Z0-9]+"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects().filter(|r| matches!(r.kind, Kind::Secret | Kind::ConfigMap)) {
            for block in ["data", "stringData", "binaryData"] {
                let Some(Value::Object(m)) = r.doc.get(block) else { continue };
                for key in m.keys().filter(|k| !valid(k)) {
                    out.report(
                        r,
                        &pointer::push(&format!("/{block}"), key),
                        format!("'{key}' is not a valid {block} key"),
                    )
                    .hint("use letters, digits, '-', '_' and '.' only");
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
    fn fires_on_slashes_and_spaces() {
        let f = check(
            &DataKeys,
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  'a/b': x\n  ok.key: y\n",
        );
        assert_eq!(pointers(&f), [("/stringData/a~1b".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_on_property_keys() {
        let f = check(
            &DataKeys,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {flink-conf.yaml: x, sasl.jaas_config: y}\n",
        );
        assert!(f.is_empty());
    }
}
