//! Amazon EMR on EKS's build of the Flink Kubernetes Operator.
//!
//! EMR ships its own operator for the same `flink.apache.org/v1beta1` FlinkDeployment.
//! Its CRD adds fields that Apache FKO's does not have, and its operator supplies what an
//! Apache FKO user must write: the job's service account (the EMR Helm chart creates it
//! and the operator sets it) and, with `jobManager.highAvailabilityEnabled: true`, the
//! high-availability configuration (Kubernetes HA with `jobManager.storageDir`).
//! A FlinkDeployment that sets `spec.emrReleaseLabel` is written for it (the field is
//! EMR's and mandatory there). Source: Amazon EMR on EKS Development Guide, "Running Flink
//! applications" and "Using high availability (HA) for Flink Operators and Flink
//! Applications".

use serde_json::Value;

use crate::core::model::{Kind, Resource};
use crate::core::pointer;

/// The spec field that marks a FlinkDeployment written for EMR's operator.
pub const RELEASE_LABEL: &str = "emrReleaseLabel";

/// Spec fields (as token paths) that EMR's FlinkDeployment CRD adds to Apache FKO's.
pub const SPEC_FIELDS: &[&[&str]] = &[
    &[RELEASE_LABEL],
    &["executionRoleArn"],
    &["monitoringConfiguration"],
    &["jobManager", "highAvailabilityEnabled"],
    &["jobManager", "storageDir"],
];

/// True when `r` is a FlinkDeployment written for Amazon EMR's operator.
pub fn is_emr(r: &Resource) -> bool {
    r.kind == Kind::FlinkDeployment
        && r.spec_get(&[RELEASE_LABEL])
            .and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty())
}

/// True when `pointer` (a JSON pointer into `r`'s document) is one of EMR's own spec
/// fields or inside one, and `r` is written for EMR.
pub fn is_emr_field(r: &Resource, at: &str) -> bool {
    is_emr(r)
        && SPEC_FIELDS.iter().any(|tokens| {
            let field = tokens.iter().fold("/spec".to_string(), |p, t| pointer::push(&p, t));
            at == field || at.starts_with(&format!("{field}/"))
        })
}

/// True when EMR's operator configures high availability for `r`
/// (`jobManager.highAvailabilityEnabled: true`).
pub fn supplies_ha(r: &Resource) -> bool {
    is_emr(r)
        && r.spec_get(&["jobManager", "highAvailabilityEnabled"]).is_some_and(|v| {
            v.as_bool() == Some(true) || v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true"))
        })
}

/// True when EMR's operator sets the job's service account for `r`.
pub fn supplies_service_account(r: &Resource) -> bool {
    is_emr(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::ResourceId;

    fn one(yaml: &str) -> Resource {
        let doc: Value = serde_yaml::from_str(yaml).unwrap();
        Resource::new(ResourceId(1), doc)
    }

    #[test]
    fn recognises_emr_deployments_and_their_fields() {
        let emr = one(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec: {emrReleaseLabel: emr-7.9.0-flink-latest, jobManager: {highAvailabilityEnabled: true, storageDir: 's3://b/ha'}}\n",
        );
        assert!(is_emr(&emr));
        assert!(is_emr_field(&emr, "/spec/jobManager/storageDir"));
        assert!(is_emr_field(&emr, "/spec/monitoringConfiguration/s3MonitoringConfiguration"));
        assert!(!is_emr_field(&emr, "/spec/jobManager/replicas"));
        assert!(supplies_ha(&emr));
        let apache = one(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec: {jobManager: {highAvailabilityEnabled: true, storageDir: x}}\n",
        );
        assert!(!is_emr(&apache));
        assert!(!is_emr_field(&apache, "/spec/jobManager/storageDir"));
        assert!(!supplies_ha(&apache));
    }
}
