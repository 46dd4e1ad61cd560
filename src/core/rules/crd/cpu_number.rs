//! CRD-TYPE-001 — `resource.cpu` must be a number.
//!
//! What it checks: `jobManager/taskManager.resource.cpu` that is not a JSON/YAML number,
//! e.g. `"500m"`, `"1500m"` or a quoted `"1.5"` (in FKO CRs and CMF specs).
//! Why: the CRD types it `number`; the API server rejects strings (Kubernetes millicores
//! are not understood here).
//! How to fix: write cores as a number: `cpu: 0.5` instead of `cpu: "500m"`.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schema::IssueKind;

use super::util::{ends_with, issues, quantity_hint, show};

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
                out.report(
                    f.owner,
                    &f.issue.pointer,
                    format!("cpu must be a number of cores, not {}", show(&f.issue.value)),
                )
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
    fn fires_on_millicores_in_environment_defaults() {
        let f = check(
            &CpuNumber,
            "{name: dev, kubernetesNamespace: dev, computePoolDefaults: {clusterSpec: {jobManager: {resource: {cpu: '1500m'}}, taskManager: {resource: {cpu: 1}}}}}\n",
        );
        assert_eq!(
            pointers(&f),
            [("/computePoolDefaults/clusterSpec/jobManager/resource/cpu".into(), Severity::Error)]
        );
        assert_eq!(f[0].hint, "write cpu: 1.5");
    }
}
