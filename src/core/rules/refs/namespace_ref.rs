//! REF-NS-001 — an environment's namespace exists (also CMF-ENV-002).
//!
//! What it checks: the `kubernetesNamespace` of a CMF environment names a Namespace of
//! the design. Error when the design models namespaces, warning otherwise; the built-in
//! namespaces (`default`, `kube-system`, …) always exist, and a namespace other objects
//! of the design are placed in is taken as created out of band (warning).
//! Why: CMF answers 400 "namespace does not exist" when the environment is created.
//! How to fix: create the Namespace first (it is applied before the environment).

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::rules::{Context, Rule, Sink};

use super::util::{BUILTIN_NAMESPACES, dangling, report};

/// See the module documentation.
pub struct NamespaceRef;

impl Rule for NamespaceRef {
    fn id(&self) -> &'static str {
        "REF-NS-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "The environment's kubernetesNamespace must exist before the environment"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for (r, d) in dangling(cx, &[EdgeKind::Namespace]) {
            if BUILTIN_NAMESPACES.contains(&d.reference.name.as_str()) {
                continue;
            }
            report(
                cx,
                out,
                r,
                d,
                "namespace",
                "",
                "create the Namespace before the environment: CMF answers 400 otherwise",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn error_when_namespaces_are_modelled() {
        let f = check(
            &NamespaceRef,
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: flink}\n---\nname: dev-env\nkubernetesNamespace: flnk\n",
        );
        assert_eq!(pointers(&f), [("/kubernetesNamespace".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(6));
        let f = check(&NamespaceRef, "name: dev-env\nkubernetesNamespace: flink\n");
        assert_eq!(pointers(&f), [("/kubernetesNamespace".into(), Severity::Warning)]);
    }

    #[test]
    fn warns_when_other_objects_live_there() {
        let f = check(
            &NamespaceRef,
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: flink}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: team}\n---\nname: dev-env\nkubernetesNamespace: team\n",
        );
        assert_eq!(pointers(&f), [("/kubernetesNamespace".into(), Severity::Warning)]);
    }

    #[test]
    fn silent_on_default() {
        assert!(check(&NamespaceRef, "name: dev-env\nkubernetesNamespace: default\n").is_empty());
    }
}
