//! CMF-POOL-002 — `spec.state` is only for SHARED pools, and only RUNNING or SUSPENDED.
//!
//! What it checks: a CMF REST ComputePool sets `spec.state` with `type: DEDICATED`; any
//! pool (REST or CFK) sets a state other than `RUNNING`/`SUSPENDED`. (The CFK CEL rule
//! for DEDICATED is CFK-POOL-001.)
//! Why: the OpenAPI describes `state` as valid for shared pools only, with that enum.
//! How to fix: remove `state` from dedicated pools; use RUNNING or SUSPENDED otherwise.

use crate::core::finding::Severity;
use crate::core::model::{Form, Kind};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct PoolState;

impl Rule for PoolState {
    fn id(&self) -> &'static str {
        "CMF-POOL-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Pool state is only valid for SHARED pools and must be RUNNING or SUSPENDED"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::ComputePool) {
            let Some(state) = r.spec_get(&["state"]) else { continue };
            let at = r.spec_field(&["state"]);
            if !matches!(state.as_str(), Some("RUNNING" | "SUSPENDED")) {
                out.report(r, &at, format!("pool state {state} is not RUNNING or SUSPENDED"))
                    .hint("use RUNNING or SUSPENDED");
            } else if r.form == Form::CmfRest && r.spec_str(&["type"]) == Some("DEDICATED") {
                out.report(r, &at, format!("dedicated pool '{}' cannot have a state", r.name()))
                    .hint("remove spec.state: only SHARED pools can be suspended");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const POOL: &str = "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\nspec:\n  clusterSpec: {}\n";

    #[test]
    fn fires_on_dedicated_with_state() {
        let f = check(&PoolState, &format!("{POOL}  type: DEDICATED\n  state: RUNNING\n"));
        assert_eq!(pointers(&f), [("/spec/state".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(7));
        let f = check(&PoolState, &format!("{POOL}  type: SHARED\n  state: STOPPED\n"));
        assert_eq!(pointers(&f), [("/spec/state".into(), Severity::Error)]);
    }

    #[test]
    fn silent_on_shared_with_state() {
        assert!(
            check(&PoolState, &format!("{POOL}  type: SHARED\n  state: SUSPENDED\n")).is_empty()
        );
    }
}
