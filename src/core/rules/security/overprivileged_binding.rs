//! SEC-RBAC-001 — over-privileged Flink service accounts.
//!
//! What it checks: a RoleBinding or ClusterRoleBinding that grants `cluster-admin`, or a
//! (Cluster)Role of the design with `*` verbs on `secrets`, `roles`, `rolebindings`,
//! `serviceaccounts` (or on `*`), to a Flink service account: one a FlinkDeployment or
//! application runs as, the operator's `jobServiceAccount`, or any account named `flink…`.
//! Why: a Flink JobManager only needs pods, configmaps and deployments in its namespace (the
//! chart's namespaced `flink` role); user code runs with these rights, so a compromised or
//! buggy job can read every Secret or take over the cluster.
//! How to fix: bind a namespaced Role granting pods, configmaps and apps/deployments only.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::{Kind, Resource};
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct OverprivilegedBinding;

const SENSITIVE: &[&str] = &["secrets", "roles", "rolebindings", "serviceaccounts", "*"];

fn wildcard_on_sensitive(role: &Resource) -> bool {
    role.doc.get("rules").and_then(Value::as_array).into_iter().flatten().any(|rule| {
        let has = |k: &str, pred: &dyn Fn(&str) -> bool| {
            rule.get(k)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .any(pred)
        };
        has("verbs", &|v| v == "*") && has("resources", &|r| SENSITIVE.contains(&r))
    })
}

fn flink_accounts(cx: &Context<'_>) -> Vec<String> {
    let mut names: Vec<String> = cx
        .of_kind(Kind::FlinkDeployment)
        .chain(cx.of_kind(Kind::Application))
        .filter_map(|r| r.spec_str(&["serviceAccount"]).map(str::to_string))
        .collect();
    names.extend(
        cx.of_kind(Kind::FkoInstall)
            .map(|i| i.spec_str(&["jobServiceAccount"]).unwrap_or("flink").to_string()),
    );
    names
}

impl Rule for OverprivilegedBinding {
    fn id(&self) -> &'static str {
        "SEC-RBAC-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Flink service accounts should not be bound to cluster-admin or wildcard rights on secrets/RBAC"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let accounts = cx.once(self.id(), || flink_accounts(cx));
        for b in cx.subjects_of_kinds(&[Kind::RoleBinding, Kind::ClusterRoleBinding]) {
            let role = pointer::get_str(&b.doc, &["roleRef", "name"]).unwrap_or("");
            let why = if role == "cluster-admin" {
                "cluster-admin".to_string()
            } else if cx.targets_of(b, EdgeKind::RoleRef).iter().any(|r| wildcard_on_sensitive(r)) {
                format!("'{role}' (all verbs on secrets/RBAC)")
            } else {
                continue;
            };
            let subjects = b.doc.get("subjects").and_then(Value::as_array).into_iter().flatten();
            let flink: Vec<&str> = subjects
                .filter(|s| s.get("kind").and_then(Value::as_str) == Some("ServiceAccount"))
                .filter_map(|s| s.get("name").and_then(Value::as_str))
                .filter(|n| n.starts_with("flink") || accounts.iter().any(|a| a == n))
                .collect();
            if flink.is_empty() {
                continue;
            }
            out.report(
                b,
                "/roleRef/name",
                format!(
                    "{} binds {why} to Flink service account(s) {}",
                    b.kind_str(),
                    flink.join(", ")
                ),
            )
            .hint("bind a namespaced Role granting only pods, configmaps and apps/deployments");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const BINDING: &str = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\n\
                           subjects: [{kind: ServiceAccount, name: flink-operator, namespace: f}]\n";

    #[test]
    fn fires_on_cluster_admin() {
        let f = check(
            &OverprivilegedBinding,
            &format!("{BINDING}roleRef: {{kind: ClusterRole, name: cluster-admin}}\n"),
        );
        assert_eq!(pointers(&f), [("/roleRef/name".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn fires_on_wildcard_secrets_but_not_on_the_flink_role() {
        let role = |rules: &str| {
            format!(
                "{BINDING}roleRef: {{kind: ClusterRole, name: r}}\n---\napiVersion: rbac.authorization.k8s.io/v1\n\
                     kind: ClusterRole\nmetadata: {{name: r}}\nrules: [{rules}]\n"
            )
        };
        assert_eq!(
            check(&OverprivilegedBinding, &role("{resources: [secrets], verbs: ['*']}")).len(),
            1
        );
        let flink_role = "{resources: [pods, configmaps], verbs: ['*']}";
        assert!(check(&OverprivilegedBinding, &role(flink_role)).is_empty());
    }
}
