//! REF-RBAC-002 — a binding's role and service-account subjects exist.
//!
//! What it checks: `roleRef` of a RoleBinding / ClusterRoleBinding names a Role (same
//! namespace) or ClusterRole of the design (built-in cluster roles such as
//! `cluster-admin`, `edit`, `view`, `system:*` always exist), and each ServiceAccount
//! subject exists in its `namespace`. A subject whose account exists in *another*
//! namespace of the design is an error whatever the design models.
//! Why: the binding grants nothing; the Flink pods then fail with "forbidden".
//! How to fix: fix the role name, or the subject's name/namespace.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use super::util::{dangling, report, scope_text};

/// See the module documentation.
pub struct BindingRef;

const BUILTIN_CLUSTER_ROLES: &[&str] = &["cluster-admin", "admin", "edit", "view"];

impl Rule for BindingRef {
    fn id(&self) -> &'static str {
        "REF-RBAC-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A binding's roleRef or ServiceAccount subject does not exist"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for (r, d) in dangling(cx, &[EdgeKind::RoleRef, EdgeKind::Subject]) {
            let name = d.reference.name.as_str();
            if d.reference.edge == EdgeKind::RoleRef {
                if d.reference.targets == [Kind::ClusterRole]
                    && (BUILTIN_CLUSTER_ROLES.contains(&name) || name.starts_with("system:"))
                {
                    continue;
                }
                report(cx, out, r, d, "role", &scope_text(d), "fix roleRef or create the role");
                continue;
            }
            let elsewhere: Vec<&str> = cx
                .of_kind(Kind::ServiceAccount)
                .filter(|s| s.name() == name)
                .filter_map(|s| s.namespace())
                .collect();
            if let Some(other) = elsewhere.first() {
                out.report(r, &d.reference.field, format!(
                    "subject service account '{name}'{} does not exist, but one exists in namespace '{other}'",
                    scope_text(d)
                ))
                .severity(Severity::Error)
                .hint(format!("set the subject's namespace to '{other}' (the binding grants nothing as written)"));
            } else {
                report(
                    cx,
                    out,
                    r,
                    d,
                    "service account",
                    &scope_text(d),
                    "fix the subject's name and namespace",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_a_subject_in_the_wrong_namespace() {
        let f = check(
            &BindingRef,
            "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: flink-operator, namespace: flink}\n---\n\
             apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\n\
             subjects:\n- {kind: ServiceAccount, name: flink-operator, namespace: flink-operator}\n\
             roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\n",
        );
        assert_eq!(pointers(&f), [("/subjects/0/name".into(), Severity::Error)]);
        assert!(f[0].message.contains("'flink'"));
        assert_eq!(f[0].line, Some(9));
    }

    #[test]
    fn silent_on_builtin_cluster_roles() {
        let f = check(
            &BindingRef,
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {kind: ClusterRole, name: edit}\n",
        );
        assert!(f.is_empty());
    }
}
