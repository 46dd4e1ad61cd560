//! FKO-LOG-001 — only the two known log configuration files.
//!
//! What it checks: keys of `spec.logConfiguration` other than `log4j-console.properties`
//! and `logback-console.xml`.
//! Why: the operator's validator rejects other keys; it only knows these two files.
//! How to fix: rename the key (the content of `log4j.properties` goes under
//! `log4j-console.properties`).

use crate::core::finding::Severity;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct LogConfig;

impl Rule for LogConfig {
    fn id(&self) -> &'static str {
        "FKO-LOG-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "logConfiguration keys must be log4j-console.properties or logback-console.xml"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            let Some(m) = s.get(&["logConfiguration"]).and_then(|v| v.as_object()) else {
                continue;
            };
            for k in m.keys().filter(|k| {
                !matches!(k.as_str(), "log4j-console.properties" | "logback-console.xml")
            }) {
                out.report(
                    s.owner,
                    &pointer::push(&s.field(&["logConfiguration"]), k),
                    format!("Invalid log config key {k}"),
                )
                .hint("use log4j-console.properties (or logback-console.xml)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_other_keys() {
        let f = check(
            &LogConfig,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  logConfiguration:\n    log4j-console.properties: x\n    log4j.properties: y\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/logConfiguration/log4j.properties".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(7));
    }
}
