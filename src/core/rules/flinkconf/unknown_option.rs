//! CFG-KEY-003 — unknown option in a closed namespace.
//!
//! What it checks: keys under `taskmanager.`, `jobmanager.`, `execution.`, `state.`,
//! `high-availability.`, `kubernetes.` (Flink's and the operator's), `job.autoscaler.`,
//! `restart-strategy.`, `env.`, `rest.`, `web.`, `heartbeat.`, `blob.`, `slot.`,
//! `resourcemanager.` or `jobstore.` that the catalog does not know in any Flink version
//! and that are not near a known key (those get CFG-KEY-002's did-you-mean).
//! Why: these namespaces hold only Flink's (or the operator's) own options; Flink ignores
//! an unknown key silently, so the setting the user meant never applies (a warning). Other namespaces (metrics reporters, file systems, `table.`,
//! `pipeline.`, connectors) are open and not flagged.
//! How to fix: check the key against the Flink configuration reference.

use super::shared::maps;
use super::unknown_key::unknown_without_suggestion;
use crate::core::finding::Severity;
use crate::core::options::catalog_for;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct UnknownOption;

const CLOSED: &[&str] = &[
    "taskmanager.",
    "jobmanager.",
    "execution.",
    "state.",
    "high-availability.",
    "kubernetes.",
    "job.autoscaler.",
    "restart-strategy.",
    "env.",
    "rest.",
    "web.",
    "heartbeat.",
    "blob.",
    "slot.",
    "resourcemanager.",
    "jobstore.",
];

impl Rule for UnknownOption {
    fn id(&self) -> &'static str {
        "CFG-KEY-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Unknown option in a namespace that holds only Flink or operator options"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let cat = catalog_for(cx.targets.fko);
        for m in maps(cx) {
            for i in m.items() {
                if CLOSED.iter().any(|p| i.key.starts_with(p))
                    && unknown_without_suggestion(cat, &i.key, m.version)
                {
                    out.report(m.owner, &i.pointer, format!("Unknown option '{}'", i.key)).hint(
                        format!(
                            "Flink {} has no such option; check the configuration reference",
                            m.version
                        ),
                    );
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
    fn flags_only_closed_namespaces() {
        let f = check(
            &UnknownOption,
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\n\
             spec:\n  flinkConfiguration:\n    state.backend.magic-mode: 'on'\n    \
             table.my-own: x\n    execution.checkpointing.intervall: 1s\n    \
             metrics.reporter.prom.factory.class: x\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/state.backend.magic-mode".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn env_options_are_flink_s_own() {
        let f = check(
            &UnknownOption,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
             spec:\n  flinkConfiguration:\n    env.taskmanager.tmp.dirs: /tmp\n    env.java.opts.all: -Dx=1\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/env.taskmanager.tmp.dirs".into(), Severity::Warning)]
        );
    }
}
