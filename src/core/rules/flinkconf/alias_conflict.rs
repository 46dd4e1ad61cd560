//! CFG-KEY-004 — a canonical key and its deprecated alias both set.
//!
//! What it checks: in the merged configuration of each job (all layers), the same option
//! written under its canonical name and under a deprecated alias (`state.checkpoints.dir`
//! and `execution.checkpointing.dir`, `high-availability` and `high-availability.type`, …).
//! Why: Flink reads the canonical key first whichever layer set the alias, so a higher
//! layer writing the old name does not win — a counter-intuitive result.
//! How to fix: use one name everywhere (the canonical one).

use crate::core::config::Layer;
use crate::core::finding::Severity;
use crate::core::rules::Seen;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct AliasConflict;

impl Rule for AliasConflict {
    fn id(&self) -> &'static str {
        "CFG-KEY-004"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Canonical key and a deprecated alias both set; the canonical key wins regardless of layer"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut seen = Seen::default();
        for c in cx.configs() {
            for e in c.entries.values() {
                let sources: Vec<_> = std::iter::once(&e.source)
                    .chain(e.overridden.iter().map(|o| &o.source))
                    .filter(|s| {
                        !matches!(
                            s.layer,
                            Layer::SpecField | Layer::OperatorForced | Layer::OperatorFillIn
                        )
                    })
                    .collect();
                if !sources.iter().any(|s| s.key == e.key) {
                    continue;
                }
                for s in sources.iter().filter(|s| s.key != e.key) {
                    let Some(r) = s.resource_id.and_then(|id| cx.get(id)) else { continue };
                    if seen.first(r, &s.path) {
                        let msg = format!(
                            "Both {} and {} set; {} wins regardless of which layer set it",
                            e.key, s.key, e.key
                        );
                        out.report(r, &s.path, msg)
                            .hint(format!("rename '{}' to '{}'", s.key, e.key));
                    }
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
    fn dep() -> String {
        let v = FlinkVersion::new(1, 20).enum_name();
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
                       spec:\n  flinkVersion: {v}\n  flinkConfiguration:\n"
        )
    }

    #[test]
    fn fires_when_both_names_are_set() {
        let dep = dep();
        let f = check(
            &AliasConflict,
            &format!(
                "{dep}    execution.checkpointing.dir: s3://new\n    state.checkpoints.dir: s3://old\n"
            ),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/state.checkpoints.dir".into(), Severity::Warning)]
        );
        assert!(f[0].message.contains("execution.checkpointing.dir wins"));
        assert_eq!(f[0].line, Some(8));
    }

    #[test]
    fn silent_with_one_name() {
        let dep = dep();
        let f = check(&AliasConflict, &format!("{dep}    state.checkpoints.dir: s3://old\n"));
        assert!(f.is_empty(), "{f:?}");
    }
}
