//! FKO-RES-004 — a request must not exceed its limit.
//!
//! What it checks: `resources.requests.cpu|memory` greater than the matching
//! `resources.limits` value of the JobManager or TaskManager (FKO 1.16+).
//! Why: Kubernetes and the operator's validator reject such pods.
//! How to fix: lower the request or raise the limit.

use crate::core::finding::Severity;
use crate::core::flink::version::FkoFeature;
use crate::core::rules::{Context, Rule, Sink};

use super::res_requirements::amount;

/// See the module documentation.
pub struct ResRequestLimit;

impl Rule for ResRequestLimit {
    fn id(&self) -> &'static str {
        "FKO-RES-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "resources request must not exceed the limit"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        // Older CRDs have no `resources` (OPS-FKO-005): the validator never sees it.
        if !FkoFeature::ResourceRequirements.in_release(cx.targets.fko) {
            return;
        }
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            for c in ["jobManager", "taskManager"] {
                for k in ["cpu", "memory"] {
                    let req = s.get(&[c, "resources", "requests", k]);
                    let lim = s.get(&[c, "resources", "limits", k]);
                    let (Some(r), Some(l)) = (
                        req.and_then(|v| amount(v, k == "memory")),
                        lim.and_then(|v| amount(v, k == "memory")),
                    ) else {
                        continue;
                    };
                    if r > l {
                        let (rv, lv) = (
                            req.map(|v| v.to_string()).unwrap_or_default(),
                            lim.map(|v| v.to_string()).unwrap_or_default(),
                        );
                        out.report(
                            s.owner,
                            &s.field(&[c, "resources", "requests", k]),
                            format!("{c} {k} request {rv} exceeds its limit {lv}"),
                        )
                        .hint("lower the request or raise the limit");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_when_request_exceeds_limit() {
        let fd = |l: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{taskManager: {{resources: {{requests: {{memory: 2Gi, cpu: '1'}}, limits: {{memory: {l}, cpu: 2}}}}}}}}\n"
            )
        };
        assert_eq!(
            pointers(&check(&ResRequestLimit, &fd("1Gi"))),
            [("/spec/taskManager/resources/requests/memory".into(), Severity::Error)]
        );
        assert!(check(&ResRequestLimit, &fd("2048m")).is_empty());
        let fko_1_15 = crate::core::targets::Targets {
            fko: crate::core::targets::Version::new(1, 15, 0),
            ..Default::default()
        };
        let old = crate::core::rules::testing::check_with(&ResRequestLimit, &fd("1Gi"), fko_1_15);
        assert!(old.is_empty(), "FKO 1.15's CRD has no resources (OPS-FKO-005 says so)");
    }
}
