//! BG-001 — FlinkBlueGreenDeployment needs FKO ≥ 1.14.
//!
//! What it checks: FlinkBlueGreenDeployments in a design that targets an FKO older than 1.14.
//! Why: the kind and its controller arrived in FKO 1.14 (FLINK-37515).
//! How to fix: upgrade the operator.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct BgVersion;

impl Rule for BgVersion {
    fn id(&self) -> &'static str {
        "BG-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "FlinkBlueGreenDeployment needs FKO 1.14 or newer"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if cx.targets.fko.at_least(1, 14) {
            return;
        }
        for r in cx.subjects_of_kind(Kind::FlinkBlueGreenDeployment) {
            out.report(
                r,
                "/kind",
                format!("FlinkBlueGreenDeployment needs FKO ≥ 1.14 (declared {})", cx.targets.fko),
            )
            .hint("upgrade the operator to 1.14+");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};
    const BG: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkBlueGreenDeployment\nmetadata: {name: bg}\n";

    #[test]
    fn fires_on_old_operators() {
        let old = Targets { fko: Version::new(1, 13, 0), ..Targets::default() };
        assert_eq!(pointers(&check_with(&BgVersion, BG, old)), [("/kind".into(), Severity::Error)]);
        assert!(check(&BgVersion, BG).is_empty());
    }
}
