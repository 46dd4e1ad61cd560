//! REF-RBAC-001 — the job service account is bound to a role Flink can work with.
//!
//! What it checks: a ServiceAccount of the design used by a FlinkDeployment or CMF
//! FlinkApplication has a RoleBinding/ClusterRoleBinding in the design, and at least one
//! bound role (when modelled) grants `pods` and `configmaps` and `apps/deployments` with
//! all verbs (`*`, or at least create, delete and watch). Built-in `cluster-admin`,
//! `admin` and `edit` count as sufficient.
//! Why: the JobManager creates TaskManager pods and HA/leader ConfigMaps; the operator's
//! chart only creates this role for its own job account in watched namespaces.
//! How to fix: add a Role with those rules and a RoleBinding to the account.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct JobRbac;

fn has(list: Option<&Value>, want: &str) -> bool {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|v| v.as_str().is_some_and(|s| s == want || s == "*"))
}

fn grants(role: &Resource, group: &str, resource: &str) -> bool {
    role.doc.get("rules").and_then(Value::as_array).into_iter().flatten().any(|rule| {
        has(rule.get("apiGroups"), group)
            && has(rule.get("resources"), resource)
            && (has(rule.get("verbs"), "*")
                || ["create", "delete", "watch"].iter().all(|v| has(rule.get("verbs"), v)))
    })
}

fn sufficient(cx: &Context<'_>, binding: &Resource) -> bool {
    let roles = cx.targets_of(binding, EdgeKind::RoleRef);
    match roles.first() {
        Some(role) => {
            grants(role, "", "pods")
                && grants(role, "", "configmaps")
                && grants(role, "apps", "deployments")
        }
        // Not modelled (built-in or external): REF-RBAC-002 reports unknown names.
        None => true,
    }
}

impl Rule for JobRbac {
    fn id(&self) -> &'static str {
        "REF-RBAC-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Job service account lacks a binding granting pods, configmaps and deployments"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in
            cx.subjects().filter(|r| matches!(r.kind, Kind::FlinkDeployment | Kind::Application))
        {
            for sa in cx.targets_of(r, EdgeKind::ServiceAccount) {
                let bindings: Vec<&Resource> = cx
                    .graph()
                    .sources(sa.id, EdgeKind::Subject)
                    .into_iter()
                    .filter_map(|id| cx.get(id))
                    .collect();
                let ns = sa.namespace().unwrap_or("default");
                let at = r.spec_field(&["serviceAccount"]);
                if bindings.is_empty() {
                    out.report(r, &at, format!("service account '{}' in '{ns}' has no RoleBinding in the design", sa.name()))
                        .hint("bind it to a Role granting pods, configmaps (all verbs) and apps/deployments, or verify one exists in the cluster");
                } else if !bindings.iter().any(|b| sufficient(cx, b)) {
                    out.report(r, &at, format!("the roles bound to '{}' in '{ns}' do not grant pods, configmaps and apps/deployments", sa.name()))
                        .hint("Flink's JobManager creates TaskManager pods and ConfigMaps: grant those resources with all verbs");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const BASE: &str = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: jobs, namespace: a}\n---\n\
        apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d, namespace: a}\nspec:\n  serviceAccount: jobs\n";
    const BIND: &str = "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: a}\n\
        subjects: [{kind: ServiceAccount, name: jobs}]\nroleRef: {kind: Role, name: r}\n---\n\
        apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: a}\nrules:\n";

    #[test]
    fn fires_without_binding_or_with_a_weak_role() {
        let f = check(&JobRbac, BASE);
        assert_eq!(pointers(&f), [("/spec/serviceAccount".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(9));
        let weak = "- {apiGroups: [''], resources: [pods], verbs: [get]}\n";
        assert_eq!(check(&JobRbac, &format!("{BASE}{BIND}{weak}")).len(), 1);
    }

    #[test]
    fn silent_with_the_flink_role() {
        let ok = "- {apiGroups: [''], resources: [pods, configmaps], verbs: ['*']}\n- {apiGroups: [apps], resources: [deployments], verbs: ['*']}\n";
        assert!(check(&JobRbac, &format!("{BASE}{BIND}{ok}")).is_empty());
    }
}
