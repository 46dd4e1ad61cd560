//! CFG-VAL-002 — durations written as bare numbers.
//!
//! What it checks: values of duration options that are a bare number, e.g.
//! `execution.checkpointing.interval: '5000'`.
//! Why: Flink reads a bare number as milliseconds; `60` means 60 ms, not a minute.
//! How to fix: add the unit (`5 s`, `1 min`).

use super::shared::maps;
use crate::core::finding::Severity;
use crate::core::options::{OptionType, value};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct BareDuration;

impl Rule for BareDuration {
    fn id(&self) -> &'static str {
        "CFG-VAL-002"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Duration written as a bare number (interpreted as milliseconds)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx) {
            for i in m.items() {
                let duration = m
                    .option(&i.key)
                    .is_some_and(|o| o.ty == OptionType::Duration && !o.is_pattern());
                if duration && value::is_bare_number(&i.value) {
                    let n = i.value.trim();
                    out.report(
                        m.owner,
                        &i.pointer,
                        format!("{}='{n}' is interpreted as {n} ms", i.key),
                    )
                    .hint(format!("write the unit explicitly, e.g. '{n} ms'"));
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
    fn fires_on_bare_numbers_only() {
        let f = check(
            &BareDuration,
            "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: s}\n\
             spec:\n  statement: select 1\n  flinkConfiguration:\n    \
             execution.checkpointing.interval: '5000'\n    execution.checkpointing.timeout: 10 min\n    \
             parallelism.default: '5'\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/execution.checkpointing.interval".into(), Severity::Info)]
        );
        assert!(f[0].message.contains("5000 ms"));
        assert_eq!(f[0].line, Some(7));
    }
}
