//! CFK-POOL-001 — FlinkComputePool `state` with `type: DEDICATED`.
//!
//! What it checks: a CFK FlinkComputePool sets `spec.state` with `type: DEDICATED`.
//! Why: the CRD's CEL rule rejects it (only SHARED pools can be suspended); kubectl
//! apply fails.
//! How to fix: remove `spec.state`, or make the pool SHARED (CMF 2.3).

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use super::shared::cfk_subjects;

/// See the module documentation.
pub struct PoolState;

impl Rule for PoolState {
    fn id(&self) -> &'static str {
        "CFK-POOL-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "FlinkComputePool spec.state is rejected for DEDICATED pools (CEL rule)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cfk_subjects(cx).filter(|r| r.kind == Kind::ComputePool) {
            if r.spec_get(&["state"]).is_some() && r.spec_str(&["type"]) == Some("DEDICATED") {
                out.report(
                    r,
                    "/spec/state",
                    format!("dedicated FlinkComputePool '{}' sets state", r.name()),
                )
                .hint("remove spec.state: the CRD only accepts it for SHARED pools");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const POOL: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkComputePool\nmetadata: {name: pool1}\nspec:\n  state: RUNNING\n  type: ";

    #[test]
    fn fires_on_dedicated() {
        let f = check(&PoolState, &format!("{POOL}DEDICATED\n"));
        assert_eq!(pointers(&f), [("/spec/state".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_on_shared() {
        assert!(check(&PoolState, &format!("{POOL}SHARED\n")).is_empty());
    }
}
