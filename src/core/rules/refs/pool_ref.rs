//! REF-POOL-001 — a statement's compute pool exists in its environment.
//!
//! What it checks: `spec.computePoolName` names a compute pool of the statement's
//! environment. Error when the design has pools in that environment, warning otherwise.
//! Why: pools are per environment; CMF rejects the statement.
//! How to fix: create the pool in the statement's environment or fix the name.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::rules::{Context, Rule, Sink};

use super::util::{dangling, report, scope_text};

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
            report(
                cx,
                out,
                r,
                d,
                "compute pool",
                &scope_text(d),
                "create the pool in the statement's environment or fix computePoolName",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const ENV: &str = "name: dev-env\nkubernetesNamespace: flink\n---\n";
    const STMT: &str = "apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  computePoolName: pool1\n";

    #[test]
    fn fires_when_the_environment_has_other_pools() {
        let pool =
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool2}\n---\n";
        let f = check(&PoolRef, &format!("{ENV}{pool}{STMT}"));
        assert_eq!(pointers(&f), [("/spec/computePoolName".into(), Severity::Error)]);
        assert!(f[0].message.contains("dev-env"));
        assert_eq!(f[0].line, Some(12));
    }

    #[test]
    fn silent_when_it_resolves() {
        let pool =
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\n---\n";
        assert!(check(&PoolRef, &format!("{ENV}{pool}{STMT}")).is_empty());
    }
}
