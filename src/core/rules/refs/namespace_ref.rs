//! REF-NS-001 — an environment's namespace exists (also CMF-ENV-002).
//!
//! What it checks: the `kubernetesNamespace` of a CMF environment, and every namespace an
//! operator install watches, names a Namespace of the input. A name not in the input
//! follows the reference policy (`rules::missing`: warning, error for complete designs);
//! the built-in namespaces (`default`, `kube-system`, …) always exist.
//! Why: CMF answers 400 "namespace does not exist" when the environment is created.
//! How to fix: create the Namespace first (it is applied before the environment).

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::rules::{Context, Rule, Sink};

/// Namespaces every cluster has.
const BUILTIN_NAMESPACES: &[&str] = &["default", "kube-system", "kube-public", "kube-node-lease"];

use crate::core::rules::missing::{Missing, dangling, report_missing};

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
        for (r, d) in dangling(cx, &[EdgeKind::Namespace, EdgeKind::Watches]) {
            if BUILTIN_NAMESPACES.contains(&d.reference.name.as_str()) {
                continue;
            }
            let hint = if d.reference.edge == EdgeKind::Watches {
                "create the Namespace before installing the operator: its Helm chart creates the Flink job RBAC in each watched namespace"
            } else {
                "create the Namespace before the environment: CMF answers 400 otherwise"
            };
            report_missing(cx, out, r, d, Missing { what: "namespace", scope: "", hint });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const TYPO: &str = "apiVersion: v1\nkind: Namespace\nmetadata: {name: flink}\n---\nname: dev-env\nkubernetesNamespace: flnk\n";

    #[test]
    fn a_namespace_not_in_the_input_must_exist() {
        // Another Namespace in the input does not make the reference an error.
        let f = check(&NamespaceRef, TYPO);
        assert_eq!(pointers(&f), [("/kubernetesNamespace".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(6));
        assert!(f[0].message.contains("(the input has 'flink')"), "{}", f[0].message);
        assert!(f[0].message.ends_with("it must already exist in the cluster"), "{}", f[0].message);
        let f = check(&NamespaceRef, "name: dev-env\nkubernetesNamespace: flink\n");
        assert_eq!(pointers(&f), [("/kubernetesNamespace".into(), Severity::Warning)]);
    }

    #[test]
    fn error_when_the_design_is_complete() {
        let f = check_complete(&NamespaceRef, TYPO);
        assert_eq!(pointers(&f), [("/kubernetesNamespace".into(), Severity::Error)]);
        assert!(f[0].hint.contains("marked complete"));
    }

    #[test]
    fn checks_the_namespaces_an_operator_watches() {
        let fko = "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {name: fko, namespace: flink-operator}\nspec: {version: 1.15.0, watchNamespaces: [team-a]}\n";
        let f = check(&NamespaceRef, fko);
        assert_eq!(pointers(&f), [("/spec/watchNamespaces/0".into(), Severity::Warning)]);
        assert!(f[0].hint.contains("Helm chart"));
        let with_ns =
            format!("{fko}---\napiVersion: v1\nkind: Namespace\nmetadata: {{name: team-a}}\n");
        assert!(check(&NamespaceRef, &with_ns).is_empty());
    }

    #[test]
    fn silent_on_default() {
        assert!(check(&NamespaceRef, "name: dev-env\nkubernetesNamespace: default\n").is_empty());
    }
}
