//! CMF-ENV-005 — `computePoolDefaults` and `statementDefaults` need CMF 2.0.
//!
//! What it checks: an environment sets either block while the design targets CMF < 2.0.
//! Why: both blocks arrived with SQL support in CMF 2.0; older CMF ignores them.
//! How to fix: target CMF 2.0+ or move the settings into the pools and statements.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct EnvDefaultsVersion;

impl Rule for EnvDefaultsVersion {
    fn id(&self) -> &'static str {
        "CMF-ENV-005"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "computePoolDefaults and statementDefaults are not supported before CMF 2.0"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if cx.targets.cmf.at_least(2, 0) {
            return;
        }
        for r in cx.subjects_of_kind(Kind::Environment) {
            for block in ["computePoolDefaults", "statementDefaults"] {
                if r.spec_get(&[block]).is_some() {
                    out.report(
                        r,
                        &r.spec_field(&[block]),
                        format!("{block} is not supported by CMF {}", cx.targets.cmf),
                    )
                    .hint("target CMF 2.0 or newer, or remove the block");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const ENV: &str = "name: dev-env\nkubernetesNamespace: flink\ncomputePoolDefaults: {}\n";

    #[test]
    fn fires_on_cmf_1() {
        let t = Targets { cmf: Version::new(1, 1, 0), ..Targets::default() };
        let f = check_with(&EnvDefaultsVersion, ENV, t);
        assert_eq!(pointers(&f), [("/computePoolDefaults".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(3));
    }

    #[test]
    fn silent_on_current_cmf() {
        assert!(check(&EnvDefaultsVersion, ENV).is_empty());
    }
}
