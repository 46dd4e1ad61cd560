//! CFG-VAL-001 — values that do not parse as the option's type.
//!
//! What it checks: values of known options against the type the catalog gives for the
//! resource's Flink version: durations (number + unit; a bare number is milliseconds),
//! memory sizes (`b`, `kb`, `mb`, `gb`, `tb`, powers of 1024), booleans, integers,
//! numbers and enums (case-insensitive); `taskmanager.numberOfTaskSlots` must be ≥ 1.
//! Values with `${…}` placeholders are left to CFG-VAL-003; pattern options
//! (`metrics.reporter.<name>.port`) are not checked, their type differs per plugin.
//! Why: Flink fails at startup (or when the option is first read) on such a value.
//! How to fix: write the value in the expected format.

use super::shared::{has_placeholder, maps};
use crate::core::finding::Severity;
use crate::core::options::value;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct UnparseableValue;

impl Rule for UnparseableValue {
    fn id(&self) -> &'static str {
        "CFG-VAL-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Configuration value cannot be parsed as the option's type"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx) {
            for i in m.items() {
                if has_placeholder(&i.value) {
                    continue;
                }
                // Pattern options merge several plugins' keys (a Prometheus `port` is a range).
                let Some(o) = m.option(&i.key).filter(|o| !o.is_pattern()) else { continue };
                let problem = match value::check(o, &i.value) {
                    Err(e) => Some(e),
                    Ok(()) if o.key == "taskmanager.numberOfTaskSlots" => {
                        (i.value.trim().parse::<i64>().unwrap_or(0) < 1)
                            .then(|| "expected at least 1".into())
                    }
                    Ok(()) => None,
                };
                if let Some(p) = problem {
                    out.report(
                        m.owner,
                        &i.pointer,
                        format!("Cannot parse {}='{}'", i.key, i.value),
                    )
                    .hint(format!("{p} ({} option in Flink {})", o.type_name, m.version));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::flink::version::FlinkVersion;
    use crate::core::rules::testing::{check, pointers};

    /// A FlinkDeployment on Flink 1.20 (its CRD spelling from the version table).
    fn doc() -> String {
        let v = FlinkVersion::new(1, 20).enum_name();
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
                       spec:\n  flinkVersion: {v}\n  flinkConfiguration:\n"
        )
    }

    #[test]
    fn fires_on_bad_durations_sizes_enums_and_slots() {
        let doc = doc();
        let f = check(
            &UnparseableValue,
            &format!(
                "{doc}    execution.checkpointing.interval: 10 seconds please\n    \
                 taskmanager.memory.process.size: 2 gigs\n    execution.checkpointing.mode: EXACT\n    \
                 taskmanager.numberOfTaskSlots: 0\n"
            ),
        );
        let p: Vec<_> = pointers(&f).into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            p,
            [
                "/spec/flinkConfiguration/execution.checkpointing.interval",
                "/spec/flinkConfiguration/taskmanager.memory.process.size",
                "/spec/flinkConfiguration/execution.checkpointing.mode",
                "/spec/flinkConfiguration/taskmanager.numberOfTaskSlots"
            ]
        );
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].line, Some(7));
        assert!(f[2].hint.contains("AT_LEAST_ONCE"));
    }

    #[test]
    fn silent_on_good_values_and_placeholders() {
        let doc = doc();
        let f = check(
            &UnparseableValue,
            &format!(
                "{doc}    execution.checkpointing.interval: 10s\n    taskmanager.memory.process.size: 2g\n    \
                 execution.checkpointing.mode: at_least_once\n    taskmanager.numberOfTaskSlots: 2\n    \
                 rest.port: ${{REST_PORT}}\n    metrics.reporter.prom.port: 9249-9250\n    web.cancel.enable: true\n"
            ),
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
