//! NAME-K8S-002 — Kubernetes object names are DNS subdomains.
//!
//! What it checks: names of ServiceAccounts, Secrets, ConfigMaps, PVCs, Roles,
//! RoleBindings (and cluster variants), of the operator's FlinkSessionJobs and
//! FlinkStateSnapshots (FlinkDeployments: the stricter NAME-FKO-001) and of CFK CRs
//! that are not CMF concepts (`CMFRestClass`; the CMF ones are checked by NAME-CMF-001)
//! are DNS subdomains: ≤ 253 chars of lowercase alphanumerics, '-' and '.'. An object
//! named by `metadata.generateName` instead has its prefix checked (a trailing '-' is
//! fine; the generated name must be valid too).
//! Why: the API server rejects other names.
//! How to fix: use lowercase letters, digits, '-' and '.'.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::flink::names::{is_dns_subdomain, is_generate_name};
use crate::core::pointer;

/// See the module documentation.
pub struct ObjectName;

const KINDS: &[Kind] = &[
    Kind::ServiceAccount,
    Kind::Secret,
    Kind::ConfigMap,
    Kind::PersistentVolumeClaim,
    Kind::Role,
    Kind::ClusterRole,
    Kind::RoleBinding,
    Kind::ClusterRoleBinding,
    Kind::CmfRestClass,
    Kind::FlinkSessionJob,
    Kind::FlinkStateSnapshot,
];

impl Rule for ObjectName {
    fn id(&self) -> &'static str {
        "NAME-K8S-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Kubernetes object names must be DNS subdomains"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects().filter(|r| KINDS.contains(&r.kind)) {
            let name = r.name();
            let prefix = pointer::get_str(&r.doc, &["metadata", "generateName"]);
            if let Some(prefix) = prefix.filter(|_| name.is_empty()) {
                if !is_generate_name(prefix, is_dns_subdomain) {
                    out.report(
                        r,
                        "/metadata/generateName",
                        format!(
                            "generateName '{prefix}' is not a valid {} name prefix",
                            r.kind_str()
                        ),
                    )
                    .hint("use lowercase letters, digits, '-' and '.' (a trailing '-' is fine)");
                }
                continue;
            }
            if !is_dns_subdomain(name) {
                // ClusterRoles may contain ':' (system:…); only flag what is clearly wrong.
                if matches!(r.kind, Kind::ClusterRole | Kind::ClusterRoleBinding)
                    && name.contains(':')
                {
                    continue;
                }
                out.report(
                    r,
                    "/metadata/name",
                    format!("'{name}' is not a valid {} name", r.kind_str()),
                )
                .hint("use at most 253 lowercase letters, digits, '-' and '.'");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_capitals() {
        let f = check(
            &ObjectName,
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Flink_Config\n",
        );
        assert_eq!(pointers(&f), [("/metadata/name".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(4));
    }

    #[test]
    fn fires_on_a_session_job_the_api_server_would_refuse() {
        let f = check(
            &ObjectName,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata:\n  name: Final_Bad\nspec: {deploymentName: s}\n",
        );
        assert_eq!(pointers(&f), [("/metadata/name".into(), Severity::Error)]);
        assert!(f[0].message.contains("FlinkSessionJob"), "{}", f[0].message);
    }

    #[test]
    fn silent_on_dotted_names() {
        assert!(
            check(&ObjectName, "apiVersion: v1\nkind: Secret\nmetadata: {name: tls.flink-1}\n")
                .is_empty()
        );
    }

    #[test]
    fn checks_a_generate_name_prefix_instead_of_the_missing_name() {
        let snapshot = |prefix: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata:\n  generateName: {prefix}\nspec: {{}}\n"
            )
        };
        assert!(check(&ObjectName, &snapshot("savepoint-")).is_empty());
        let f = check(&ObjectName, &snapshot("Savepoint-"));
        assert_eq!(pointers(&f), [("/metadata/generateName".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(4));
        let unnamed = "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n";
        assert_eq!(pointers(&check(&ObjectName, unnamed)).len(), 1, "neither name nor prefix");
    }
}
