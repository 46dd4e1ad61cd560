//! REF-SA-001 — the job service account exists in the deployment's namespace.
//!
//! What it checks: `spec.serviceAccount` of a FlinkDeployment (its namespace) or a CMF
//! FlinkApplication (its environment's namespace) names a ServiceAccount there. The
//! operator's job account (`jobServiceAccount`, default `flink`) is created by the Helm
//! chart in the watched namespaces (or the operator namespace when it watches all): no
//! finding then, and only an info asking to verify when the design has no
//! FlinkKubernetesOperator node.
//! Why: the JobManager pod cannot start (and cannot create TaskManagers) without it.
//! How to fix: create the ServiceAccount (plus Role and RoleBinding) in that namespace,
//! or use the chart's job service account in a watched namespace.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::rules::missing::{Missing, dangling, report_missing, scope_text};

/// See the module documentation.
pub struct ServiceAccountRef;

impl Rule for ServiceAccountRef {
    fn id(&self) -> &'static str {
        "REF-SA-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "serviceAccount must exist in the deployment namespace (environment namespace for CMF)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let ops = cx.operators();
        for (r, d) in dangling(cx, &[EdgeKind::ServiceAccount]) {
            let ns = d.reference.namespace.clone().unwrap_or_else(|| "default".into());
            let chart_account = |name: &str| name == d.reference.name;
            if ops.is_empty() && chart_account("flink")
                || ops.iter().any(|o| chart_account(&o.job_service_account))
            {
                if ops
                    .iter()
                    .any(|o| chart_account(&o.job_service_account) && o.chart_creates_job_rbac(&ns))
                {
                    continue;
                }
                if ops.is_empty() {
                    out.report(r, &d.reference.field, format!(
                        "service account '{}' is not in the design; the operator's Helm chart creates it only in the namespaces it manages — verify it exists in '{ns}'",
                        d.reference.name
                    ))
                    .severity(Severity::Info)
                    .hint("add a FlinkKubernetesOperator node (watchNamespaces) or the ServiceAccount, Role and RoleBinding to the design");
                    continue;
                }
            }
            report_missing(
                cx,
                out,
                r,
                d,
                Missing {
                    what: "service account",
                    scope: &scope_text(&d.reference),
                    hint: "create the ServiceAccount with a Role and RoleBinding in that namespace",
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const DEP: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d, namespace: jobs}\nspec:\n  serviceAccount: ";

    #[test]
    fn fires_on_a_missing_custom_account() {
        let sa =
            "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: other, namespace: jobs}\n---\n";
        let f = check(&ServiceAccountRef, &format!("{sa}{DEP}flink-jobs\n"));
        assert_eq!(pointers(&f), [("/spec/serviceAccount".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(9));
        let f = check_complete(&ServiceAccountRef, &format!("{sa}{DEP}flink-jobs\n"));
        assert_eq!(pointers(&f), [("/spec/serviceAccount".into(), Severity::Error)]);
        // The chart's account without an operator node: only verify.
        assert_eq!(
            pointers(&check(&ServiceAccountRef, &format!("{DEP}flink\n"))),
            [("/spec/serviceAccount".into(), Severity::Info)]
        );
    }

    #[test]
    fn silent_when_the_chart_creates_it() {
        let fko = "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {name: fko}\nspec: {watchNamespaces: [jobs]}\n---\n";
        assert!(check(&ServiceAccountRef, &format!("{fko}{DEP}flink\n")).is_empty());
    }
}
