//! CRD-TYPE-001 — `resource.cpu` must be a number.
//!
//! What it checks: `jobManager/taskManager.resource.cpu` that is not a JSON/YAML number,
//! e.g. `"500m"`, `"1500m"` or a quoted `"1.5"` (in FKO CRs and CMF specs).
//! Why: the CRD types it `number`; the API server rejects strings (Kubernetes millicores
//! are not understood here). In CMF / CFK specs it is a warning: CMF builds the
//! FlinkDeployment itself, and published Confluent examples write `100m` there.
//! How to fix: write cores as a number: `cpu: 0.5` instead of `cpu: "500m"`.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schema::IssueKind;

use super::shared::{certainty, ends_with, issues, quantity_hint, show};

/// See the module documentation.
pub struct CpuNumber;

impl Rule for CpuNumber {
    fn id(&self) -> &'static str {
        "CRD-TYPE-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "resource.cpu must be a number of cores, e.g. 0.5"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for f in issues(cx) {
            if matches!(f.issue.kind, IssueKind::Type { .. })
                && ends_with(&f.issue.pointer, &["resource", "cpu"])
            {
                let (severity, why) = certainty(f.owner);
                out.report(
                    f.owner,
                    &f.issue.pointer,
                    format!("cpu must be a number of cores, not {}{why}", show(&f.issue.value)),
                )
                .severity(severity)
                .hint(quantity_hint(&f.issue.value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn a_warning_in_cmf_specs_which_cmf_turns_into_deployments_itself() {
        let f = check(
            &CpuNumber,
            "{name: dev, kubernetesNamespace: dev, computePoolDefaults: {clusterSpec: {jobManager: {resource: {cpu: '1500m'}}, taskManager: {resource: {cpu: 1}}}}}\n",
        );
        assert_eq!(
            pointers(&f),
            [(
                "/computePoolDefaults/clusterSpec/jobManager/resource/cpu".into(),
                Severity::Warning
            )]
        );
        assert_eq!(f[0].hint, "write cpu: 1.5");
        assert!(f[0].message.contains("CMF builds the FlinkDeployment"));
    }

    #[test]
    fn an_error_in_flink_deployments_which_the_api_server_checks() {
        let f = check(
            &CpuNumber,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  jobManager: {resource: {cpu: '500m', memory: 1g}}\n",
        );
        assert_eq!(pointers(&f), [("/spec/jobManager/resource/cpu".into(), Severity::Error)]);
        assert_eq!(f[0].hint, "write cpu: 0.5");
    }
}
