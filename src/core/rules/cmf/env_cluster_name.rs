//! CMF-ENV-003 — `kubernetesClusterName` needs CMF 2.3.
//!
//! What it checks: an environment sets `kubernetesClusterName` while the design targets
//! CMF < 2.3, or sets it to a value that is not a valid cluster name.
//! Why: multi-cluster environments arrived in CMF 2.3; older CMF rejects or ignores the
//! field, and the name must match a registered kubeconfig (DNS-subdomain pattern).
//! How to fix: upgrade CMF to 2.3+ or remove the field; register the cluster first.

use crate::core::finding::Severity;
use crate::core::flink::names::is_dns_subdomain;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct EnvClusterName;

impl Rule for EnvClusterName {
    fn id(&self) -> &'static str {
        "CMF-ENV-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "kubernetesClusterName needs CMF 2.3 and must name a registered cluster"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Environment) {
            let Some(name) = r.spec_str(&["kubernetesClusterName"]) else { continue };
            let at = r.spec_field(&["kubernetesClusterName"]);
            if !cx.targets.cmf.at_least(2, 3) {
                out.report(
                    r,
                    &at,
                    format!(
                        "kubernetesClusterName '{name}' needs CMF 2.3; the design targets CMF {}",
                        cx.targets.cmf
                    ),
                )
                .hint("remove the field or target CMF 2.3+");
            } else if !is_dns_subdomain(name) {
                out.report(r, &at, format!("'{name}' is not a valid Kubernetes cluster name"))
                    .hint("use the name of the kubeconfig registered with CMF (lowercase, digits, '-', '.')");
            } else {
                out.report(
                    r,
                    &at,
                    format!("verify that cluster '{name}' is registered with CMF and ACTIVE"),
                )
                .severity(Severity::Info)
                .hint("GET /cmf/api/v1/kubernetes-clusters lists the registered clusters");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const ENV: &str = "name: dev-env\nkubernetesNamespace: flink\nkubernetesClusterName: spoke-1\n";

    #[test]
    fn fires_before_cmf_2_3() {
        let t = Targets { cmf: Version::new(2, 2, 0), ..Targets::default() };
        let f = check_with(&EnvClusterName, ENV, t);
        assert_eq!(pointers(&f), [("/kubernetesClusterName".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(3));
    }

    #[test]
    fn only_asks_to_verify_on_2_3() {
        let f = check(&EnvClusterName, ENV);
        assert_eq!(pointers(&f), [("/kubernetesClusterName".into(), Severity::Info)]);
        assert!(check(&EnvClusterName, "name: dev-env\nkubernetesNamespace: flink\n").is_empty());
    }
}
