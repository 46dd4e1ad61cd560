//! CFK-INST-002 — CMFRestClass, FlinkEnvironment and FlinkApplication need
//! `enableCMFDay2Ops`.
//!
//! What it checks: those CRs exist while the `ConfluentForKubernetes` node does not set
//! `enableCMFDay2Ops: true`. Without a node: one info per design asking to verify.
//! Why: CFK does not reconcile the Flink CRs unless installed with the flag; the CRs sit
//! there without status.
//! How to fix: install (or upgrade) CFK with `--set enableCMFDay2Ops=true`.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use super::shared::{cfk_crs, flag, install};

/// See the module documentation.
pub struct Day2Install;

const KINDS: &[Kind] = &[Kind::CmfRestClass, Kind::Environment, Kind::Application];

impl Rule for Day2Install {
    fn id(&self) -> &'static str {
        "CFK-INST-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "CFK does not reconcile Flink CRs without enableCMFDay2Ops"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut crs = cfk_crs(cx).filter(|r| KINDS.contains(&r.kind)).peekable();
        let Some(first) = crs.peek().copied() else { return };
        match install(cx) {
            None => {
                out.report(
                    first,
                    "/kind",
                    "CFK must be installed with enableCMFDay2Ops=true for its Flink CRs — verify",
                )
                .severity(Severity::Info)
                .hint("add a ConfluentForKubernetes node to the design to have this checked");
            }
            Some(node) if flag(node, "enableCMFDay2Ops") != Some(true) => {
                for r in crs {
                    out.report(r, "/kind", format!("{} is not reconciled: enableCMFDay2Ops is not true on the CFK installation", r.kind_str()))
                        .hint("install CFK with --set enableCMFDay2Ops=true");
                }
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const RC: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: CMFRestClass\nmetadata: {name: default}\n";

    #[test]
    fn fires_when_disabled() {
        let node = "apiVersion: studio.flinkstudio.dev/v1\nkind: ConfluentForKubernetes\nmetadata: {name: cfk}\nspec: {enableCMFDay2Ops: false}\n---\n";
        let f = check(&Day2Install, &format!("{node}{RC}"));
        assert_eq!(pointers(&f), [("/kind".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(7));
        assert_eq!(pointers(&check(&Day2Install, RC)), [("/kind".into(), Severity::Info)]);
    }

    #[test]
    fn silent_when_enabled() {
        let node = "apiVersion: studio.flinkstudio.dev/v1\nkind: ConfluentForKubernetes\nmetadata: {name: cfk}\nspec: {enableCMFDay2Ops: true}\n---\n";
        assert!(check(&Day2Install, &format!("{node}{RC}")).is_empty());
    }
}
