//! CFG-SB-002 — legacy state backend names.
//!
//! What it checks: `state.backend(.type)` set to `jobmanager` or `filesystem`, the
//! pre-1.13 memory/file-system backends.
//! Why: they are deprecated aliases (both now mean the heap backend plus a checkpoint
//! storage); Flink 2.x no longer documents them (error there — verify for your version).
//! How to fix: use `hashmap` and set `execution.checkpointing.storage` /
//! `execution.checkpointing.dir` for where checkpoints go.

use super::shared::maps;
use super::state_backend::LEGACY;
use crate::core::finding::Severity;
use crate::core::flink::version::FlinkVersion;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct LegacyStateBackend;

impl Rule for LegacyStateBackend {
    fn id(&self) -> &'static str {
        "CFG-SB-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Legacy state backend name (jobmanager, filesystem); use hashmap plus checkpoint storage"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx) {
            for i in m.items_for("state.backend.type") {
                if !LEGACY.contains(&i.value.trim().to_ascii_lowercase().as_str()) {
                    continue;
                }
                let f = out
                    .report(m.owner, &i.pointer, format!("Legacy state backend name '{}'; use hashmap", i.value))
                    .hint("set hashmap and choose the checkpoint storage with execution.checkpointing.dir");
                if m.version >= FlinkVersion::new(2, 0) {
                    f.severity(Severity::Error);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn doc(version: &str, value: &str) -> String {
        let version = FlinkVersion::parse(version).expect("a version").enum_name();
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
             spec:\n  flinkVersion: {version}\n  flinkConfiguration:\n    state.backend: {value}\n"
        )
    }

    #[test]
    fn warns_before_two_and_errs_after() {
        let f = check(&LegacyStateBackend, &doc("1.18", "filesystem"));
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/state.backend".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(7));
        assert_eq!(
            check(&LegacyStateBackend, &doc("2.1", "jobmanager"))[0].severity,
            Severity::Error
        );
        assert!(check(&LegacyStateBackend, &doc("1.18", "hashmap")).is_empty());
    }
}
