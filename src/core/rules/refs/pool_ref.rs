//! REF-POOL-001 — a statement's compute pool exists in its environment.
//!
//! What it checks: `spec.computePoolName` names a compute pool of the statement's
//! environment (reference policy `rules::missing`: a warning naming what must exist,
//! an error for complete designs).
//! Why: pools are per environment; CMF rejects the statement.
//! How to fix: create the pool in the statement's environment or fix the name.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::rules::missing::{Missing, dangling, report_missing, scope_text};

/// See the module documentation.
pub struct PoolRef;

impl Rule for PoolRef {
    fn id(&self) -> &'static str {
        "REF-POOL-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "The statement's computePoolName must exist in its environment"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for (r, d) in dangling(cx, &[EdgeKind::ComputePool]) {
            report_missing(
                cx,
                out,
                r,
                d,
                Missing {
                    what: "compute pool",
                    scope: &scope_text(&d.reference),
                    hint: "create the pool in the statement's environment or fix computePoolName",
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const ENV: &str = "name: dev-env\nkubernetesNamespace: flink\n---\n";
    const STMT: &str = "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  computePoolName: pool1\n";

    #[test]
    fn a_pool_not_in_the_input_must_exist() {
        let pool =
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool2}\n---\n";
        let f = check(&PoolRef, &format!("{ENV}{pool}{STMT}"));
        assert_eq!(pointers(&f), [("/spec/computePoolName".into(), Severity::Warning)]);
        assert!(f[0].message.contains(
            "compute pool 'pool1' in environment 'dev-env' is not in the input (the input has 'pool2'); it must already exist in CMF"
        ), "{}", f[0].message);
        assert_eq!(f[0].line, Some(12));
        let f = check_complete(&PoolRef, &format!("{ENV}{pool}{STMT}"));
        assert_eq!(pointers(&f), [("/spec/computePoolName".into(), Severity::Error)]);
    }

    #[test]
    fn silent_when_it_resolves() {
        let pool =
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\n---\n";
        assert!(check(&PoolRef, &format!("{ENV}{pool}{STMT}")).is_empty());
    }
}
