//! CFG-NET-001 — network keys managed by Flink's native Kubernetes integration.
//!
//! What it checks: `jobmanager.rpc.address`, `jobmanager.rpc.port`, `blob.server.port`,
//! `taskmanager.rpc.port` or `queryable-state.proxy.ports` in the configuration of a
//! native-mode FKO resource, CMF object or fragment.
//! Why: in native mode Flink creates the services and sets addresses and ports itself;
//! a fixed value can break JobManager/TaskManager communication.
//! How to fix: remove the keys (standalone mode is exempt).

use super::shared::maps;
use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ManagedNetworkKey;

const KEYS: &[&str] = &[
    "jobmanager.rpc.address",
    "jobmanager.rpc.port",
    "blob.server.port",
    "taskmanager.rpc.port",
    "queryable-state.proxy.ports",
];

impl Rule for ManagedNetworkKey {
    fn id(&self) -> &'static str {
        "CFG-NET-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Address/port keys managed by Flink's native Kubernetes integration"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx).filter(|m| m.native()) {
            for i in m.items().into_iter().filter(|i| KEYS.contains(&i.key.as_str())) {
                out.report(
                    m.owner,
                    &i.pointer,
                    format!("{} is managed by Flink's native Kubernetes integration", i.key),
                )
                .hint("remove it");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const DOC: &str =
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n";

    #[test]
    fn fires_in_native_mode_only() {
        let f = check(
            &ManagedNetworkKey,
            &format!("{DOC}  flinkConfiguration:\n    jobmanager.rpc.address: jm\n"),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/jobmanager.rpc.address".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(6));
        let standalone = format!(
            "{DOC}  mode: standalone\n  flinkConfiguration:\n    jobmanager.rpc.address: jm\n"
        );
        assert!(check(&ManagedNetworkKey, &standalone).is_empty());
    }

    #[test]
    fn reads_a_deployment_spec_under_an_unknown_kind() {
        // A FlinkApplication written under the FKO apiVersion is no known kind, but its
        // spec is a deployment spec: its configuration is checked like one.
        let y = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkApplication\nmetadata: {name: a}\n\
            spec:\n  flinkConfiguration:\n    jobmanager.rpc.port: '6123'\n";
        assert_eq!(
            pointers(&check(&ManagedNetworkKey, y)),
            [("/spec/flinkConfiguration/jobmanager.rpc.port".into(), Severity::Warning)]
        );
    }
}
