//! CFG-OPS-001 — operator-level options in a resource's configuration.
//!
//! What it checks: `kubernetes.operator.watched.namespaces`,
//! `kubernetes.operator.leader-election.*` and `kubernetes.operator.user.artifacts.*` in
//! the flinkConfiguration of a resource (CR, CMF object, fragment).
//! Why: the operator reads these from its own (Helm) configuration only; in a resource
//! they have no effect.
//! How to fix: set them in the operator's Helm `defaultConfiguration` (the studio's
//! FlinkKubernetesOperator node).

use super::shared::maps;
use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct OperatorOnlyKey;

/// True for keys only the operator process reads.
pub fn is_operator_only(key: &str) -> bool {
    key == "kubernetes.operator.watched.namespaces"
        || key.starts_with("kubernetes.operator.leader-election.")
        || key.starts_with("kubernetes.operator.user.artifacts.")
}

impl Rule for OperatorOnlyKey {
    fn id(&self) -> &'static str {
        "CFG-OPS-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Operator-level option in a resource's flinkConfiguration has no effect"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx) {
            for i in m.items().into_iter().filter(|i| is_operator_only(&i.key)) {
                out.report(
                    m.owner,
                    &i.pointer,
                    format!("'{}' is an operator-level option; no effect here", i.key),
                )
                .hint("set it in the operator's Helm defaultConfiguration");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_operator_keys_only() {
        let f = check(
            &OperatorOnlyKey,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
             spec:\n  flinkConfiguration:\n    kubernetes.operator.leader-election.enabled: 'true'\n    \
             kubernetes.operator.savepoint.history.max.count: '5'\n",
        );
        assert_eq!(
            pointers(&f),
            [(
                "/spec/flinkConfiguration/kubernetes.operator.leader-election.enabled".into(),
                Severity::Warning
            )]
        );
        assert_eq!(f[0].line, Some(6));
    }
}
