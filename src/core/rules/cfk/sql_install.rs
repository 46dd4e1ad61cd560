//! CFK-INST-001 — the Flink SQL CRs need CFK 3.3 with `enableFlinkSQL` and CMF 2.3.
//!
//! What it checks: FlinkSecret, FlinkEnvironmentSecretMapping, FlinkKafkaCatalog,
//! FlinkKafkaDatabase, FlinkComputePool and FlinkStatement CRs, against the
//! `ConfluentForKubernetes` node (`enableFlinkSQL`, `enableCMFDay2Ops`), the declared CFK
//! version (≥ 3.3) and CMF version (≥ 2.3). Without a node the flags cannot be checked:
//! one info per design asks to verify them.
//! Why: CFK only installs and reconciles these CRDs when both flags are on (preview in
//! CFK 3.3, which talks to CMF 2.3's API).
//! How to fix: install CFK ≥ 3.3 with `--set enableCMFDay2Ops=true --set
//! enableFlinkSQL=true` against CMF ≥ 2.3.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::shared::{SQL_KINDS, cfk_crs, flag, install};

/// See the module documentation.
pub struct SqlInstall;

impl Rule for SqlInstall {
    fn id(&self) -> &'static str {
        "CFK-INST-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Flink SQL CRs need CFK ≥ 3.3 with enableCMFDay2Ops and enableFlinkSQL, and CMF ≥ 2.3"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(first) = cfk_crs(cx).find(|r| SQL_KINDS.contains(&r.kind)) else { return };
        let t = cx.targets;
        let mut problems = Vec::new();
        if !t.cfk.at_least(3, 3) {
            problems.push(format!("CFK {} (needs 3.3)", t.cfk));
        }
        if !t.cmf.at_least(2, 3) {
            problems.push(format!("CMF {} (needs 2.3)", t.cmf));
        }
        match install(cx) {
            Some(node) => {
                for key in ["enableCMFDay2Ops", "enableFlinkSQL"] {
                    if flag(node, key) != Some(true) {
                        problems
                            .push(format!("{key} is not true on the ConfluentForKubernetes node"));
                    }
                }
            }
            None if problems.is_empty() => {
                out.report(first, "/kind", format!("{} needs CFK installed with enableCMFDay2Ops=true and enableFlinkSQL=true — verify", first.kind_str()))
                    .severity(Severity::Info)
                    .hint("add a ConfluentForKubernetes node to the design to have this checked");
                return;
            }
            None => {}
        }
        if problems.is_empty() {
            return;
        }
        for r in cfk_crs(cx).filter(|r| SQL_KINDS.contains(&r.kind)) {
            out.report(r, "/kind", format!("{} will not be reconciled: {}", r.kind_str(), problems.join("; ")))
                .hint("install CFK ≥ 3.3 with enableCMFDay2Ops=true and enableFlinkSQL=true, against CMF ≥ 2.3");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const POOL: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkComputePool\nmetadata: {name: pool1}\n";

    #[test]
    fn fires_when_the_flag_is_off() {
        let node = "apiVersion: studio.flinkstudio.dev/v1\nkind: ConfluentForKubernetes\nmetadata: {name: cfk}\nspec: {version: 3.3.0, enableCMFDay2Ops: true}\n---\n";
        let f = check(&SqlInstall, &format!("{node}{POOL}"));
        assert_eq!(pointers(&f), [("/kind".into(), Severity::Error)]);
        assert!(f[0].message.contains("enableFlinkSQL"));
        assert_eq!(f[0].line, Some(7));
    }

    #[test]
    fn only_asks_to_verify_without_a_node() {
        assert_eq!(pointers(&check(&SqlInstall, POOL)), [("/kind".into(), Severity::Info)]);
        let node = "apiVersion: studio.flinkstudio.dev/v1\nkind: ConfluentForKubernetes\nmetadata: {name: cfk}\nspec: {enableCMFDay2Ops: true, enableFlinkSQL: true}\n---\n";
        assert!(check(&SqlInstall, &format!("{node}{POOL}")).is_empty());
    }
}
