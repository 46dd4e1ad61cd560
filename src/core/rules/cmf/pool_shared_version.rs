//! CMF-POOL-003 — SHARED pools and pool `state` need CMF 2.3.
//!
//! What it checks: a compute pool with `type: SHARED` or a `state` while the design
//! targets CMF < 2.3.
//! Why: shared (session-cluster) pools and their desired state arrived in CMF 2.3;
//! older CMF rejects the type.
//! How to fix: use `type: DEDICATED` (and no state) or target CMF 2.3+.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct PoolSharedVersion;

impl Rule for PoolSharedVersion {
    fn id(&self) -> &'static str {
        "CMF-POOL-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "SHARED compute pools (and pool state) need CMF 2.3"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if cx.targets.cmf.at_least(2, 3) {
            return;
        }
        for r in cx.subjects_of_kind(Kind::ComputePool) {
            let v = cx.targets.cmf;
            if r.spec_str(&["type"]) == Some("SHARED") {
                out.report(
                    r,
                    &r.spec_field(&["type"]),
                    format!("SHARED pools need CMF 2.3; the design targets CMF {v}"),
                )
                .hint("use type: DEDICATED or target CMF 2.3+");
            } else if r.spec_get(&["state"]).is_some() {
                out.report(
                    r,
                    &r.spec_field(&["state"]),
                    format!("pool state needs CMF 2.3; the design targets CMF {v}"),
                )
                .hint("remove spec.state");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const POOL: &str = "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\nspec:\n  type: SHARED\n  clusterSpec: {}\n";

    #[test]
    fn fires_on_cmf_2_2() {
        let t = Targets { cmf: Version::new(2, 2, 0), ..Targets::default() };
        let f = check_with(&PoolSharedVersion, POOL, t);
        assert_eq!(pointers(&f), [("/spec/type".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_on_cmf_2_3() {
        assert!(check(&PoolSharedVersion, POOL).is_empty());
    }
}
