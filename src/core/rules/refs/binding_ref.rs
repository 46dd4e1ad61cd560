//! REF-RBAC-002 — a binding's role and service-account subjects exist.
//!
//! What it checks: `roleRef` of a RoleBinding / ClusterRoleBinding names a Role (same
//! namespace) or ClusterRole of the design (built-in cluster roles such as
//! `cluster-admin`, `edit`, `view`, `system:*` always exist), and each ServiceAccount
//! subject exists in its `namespace` (reference policy: `rules::missing`; a subject whose
//! account is in *another* namespace of the input gets that namespace as the fix).
//! Why: the binding grants nothing; the Flink pods then fail with "forbidden".
//! How to fix: fix the role name, or the subject's name/namespace.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::rules::missing::{Missing, dangling, report_missing, scope_text};

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
                report_missing(
                    cx,
                    out,
                    r,
                    d,
                    Missing {
                        what: "role",
                        scope: &scope_text(&d.reference),
                        hint: "fix roleRef or create the role",
                    },
                );
                continue;
            }
            let elsewhere: Vec<&str> =
                cx.named(Kind::ServiceAccount, name).filter_map(|s| s.namespace()).collect();
            let hint = match elsewhere.first() {
                Some(other) => format!(
                    "one exists in namespace '{other}': set the subject's namespace to '{other}' (the binding grants nothing as written)"
                ),
                None => "fix the subject's name and namespace".to_string(),
            };
            report_missing(
                cx,
                out,
                r,
                d,
                Missing {
                    what: "subject service account",
                    scope: &scope_text(&d.reference),
                    hint: &hint,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    #[test]
    fn fires_on_a_subject_in_the_wrong_namespace() {
        let yaml = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: flink-operator, namespace: flink}\n---\n\
             apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\n\
             subjects:\n- {kind: ServiceAccount, name: flink-operator, namespace: flink-operator}\n\
             roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\n";
        assert_eq!(check_complete(&BindingRef, yaml)[0].severity, Severity::Error);
        let f = check(&BindingRef, yaml);
        assert_eq!(pointers(&f), [("/subjects/0/name".into(), Severity::Warning)]);
        assert!(f[0].hint.contains("namespace 'flink'"), "{}", f[0].hint);
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
