//! FKO-SA-001 — `spec.serviceAccount` must be defined.
//!
//! What it checks: FlinkDeployments (and blue/green templates) without `serviceAccount`.
//! CMF applications are left to CMF-APP-005 (CMF may fill it) and compute pools must not
//! set it; Amazon EMR's operator sets it for the deployments written for it.
//! Why: the operator's validator rejects it; the JobManager needs a service account allowed
//! to create TaskManager pods and ConfigMaps.
//! How to fix: set `serviceAccount` to the Helm `jobServiceAccount` name (default `flink`).

use crate::core::cluster::emr;
use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ServiceAccount;

impl Rule for ServiceAccount {
    fn id(&self) -> &'static str {
        "FKO-SA-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "spec.serviceAccount must be defined"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| s.is_fko()) {
            if s.str(&["serviceAccount"]).is_none_or(|v| v.trim().is_empty())
                && !emr::supplies_service_account(s.owner)
            {
                // The job account of the operator that manages the namespace.
                let ns = s.owner.namespace().unwrap_or("default");
                let default_sa =
                    cx.operator_for(Some(ns)).map_or("flink".into(), |o| o.job_service_account);
                out.report(
                    s.owner,
                    &s.field(&["serviceAccount"]),
                    "spec.serviceAccount must be defined",
                )
                .hint(format!(
                    "set serviceAccount: {default_sa} (the operator's jobServiceAccount)"
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_deployments_only() {
        let f = check(
            &ServiceAccount,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec: {image: flink}\n---\n\
             apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: b}\nspec: {serviceAccount: flink}\n---\n\
             {apiVersion: cmf.confluent.io/v1, kind: FlinkApplication, metadata: {name: app1}, spec: {job: {}}}\n",
        );
        assert_eq!(pointers(&f), [("/spec/serviceAccount".into(), Severity::Error)]);
        assert!(f[0].hint.contains("flink"));
    }

    #[test]
    fn amazon_emr_sets_it_for_its_deployments() {
        let emr = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec: {emrReleaseLabel: emr-7.9.0-flink-latest, executionRoleArn: arn}\n";
        assert!(check(&ServiceAccount, emr).is_empty());
    }
}
