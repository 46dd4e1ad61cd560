//! OPS-FKO-003 — namespaces used by Flink have the job service account and its role.
//!
//! What it checks: with a `FlinkKubernetesOperator` node, each namespace holding
//! FlinkDeployments or FlinkBlueGreenDeployments (or a CMF environment's namespace)
//! where the Helm chart does *not* create the job ServiceAccount/Role/RoleBinding (it
//! does in watched namespaces, or in the operator namespace when watching all) and the
//! design has no ServiceAccount.
//! Why: FlinkDeployments there fail with "serviceaccount not found" or "forbidden".
//! How to fix: create ServiceAccount + Role + RoleBinding in the namespace, or list it in
//! `watchNamespaces` so the chart does.

use std::collections::BTreeSet;

use crate::core::finding::Severity;
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct JobRbacNamespaces;

impl Rule for JobRbacNamespaces {
    fn id(&self) -> &'static str {
        "OPS-FKO-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Namespace used by Flink has no job ServiceAccount/Role/RoleBinding"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let ops = cx.operators();
        if ops.is_empty() {
            return;
        }
        let mut uses: Vec<(&Resource, String, String)> = Vec::new();
        // Blue/green deployments create their FlinkDeployments in their own namespace.
        let deployments = cx.of_kind(Kind::FlinkDeployment);
        for d in deployments.chain(cx.of_kind(Kind::FlinkBlueGreenDeployment)) {
            let at = if d.namespace().is_some() { "/metadata/namespace" } else { "/metadata" };
            uses.push((d, d.namespace().unwrap_or("default").to_string(), at.to_string()));
        }
        for e in cx.of_kind(Kind::Environment) {
            if let Some(ns) = e.spec_str(&["kubernetesNamespace"]) {
                uses.push((e, ns.to_string(), e.spec_field(&["kubernetesNamespace"])));
            }
        }
        let mut done = BTreeSet::new();
        for (r, ns, at) in uses {
            let has_sa =
                cx.of_kind(Kind::ServiceAccount).any(|s| s.namespace().unwrap_or("default") == ns);
            if ops.iter().any(|o| o.chart_creates_job_rbac(&ns))
                || has_sa
                || !done.insert(ns.clone())
            {
                continue;
            }
            // The account the operator managing the namespace (else the first) expects.
            let fko = cx.operator_for(Some(&ns)).unwrap_or_else(|| ops[0].clone());
            out.report(r, &at, format!("the operator's chart does not create the '{}' service account and role in '{ns}', and the design has none", fko.job_service_account))
                .hint(format!("create ServiceAccount + Role + RoleBinding in '{ns}', or add it to watchNamespaces"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const FKO: &str = "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {name: fko}\nspec: {namespace: flink-operator, watchNamespaces: []}\n---\n";
    const DEP: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d, namespace: jobs}\n";

    #[test]
    fn fires_outside_the_operator_namespace_when_watching_all() {
        let f = check(&JobRbacNamespaces, &format!("{FKO}{DEP}"));
        assert_eq!(pointers(&f), [("/metadata/namespace".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(8));
    }

    #[test]
    fn silent_with_a_service_account() {
        let sa =
            "---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: flink, namespace: jobs}\n";
        assert!(check(&JobRbacNamespaces, &format!("{FKO}{DEP}{sa}")).is_empty());
    }

    #[test]
    fn blue_green_deployments_need_the_account_too() {
        let bg = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkBlueGreenDeployment\nmetadata: {name: bg, namespace: jobs}\n";
        assert_eq!(
            pointers(&check(&JobRbacNamespaces, &format!("{FKO}{bg}"))),
            [("/metadata/namespace".into(), Severity::Warning)]
        );
    }
}
