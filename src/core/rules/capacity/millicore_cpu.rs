//! CAP-006 — CPU in Kubernetes millicore notation.
//!
//! What it checks: `jobManager.resource.cpu` / `taskManager.resource.cpu` written as a
//! millicore string (`"500m"`, `"1500m"`). (CRD-TYPE-001 reports any non-number; this rule
//! adds the conversion.)
//! Why: the field is a number of cores (`type: number` in the CRD): the apply is rejected,
//! and through CMF the value cannot become `kubernetes.*.cpu.amount`.
//! How to fix: write the number of cores, e.g. `0.5` for `500m`.

use crate::core::finding::Severity;
use crate::core::podtemplate::Role;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct MillicoreCpu;

impl Rule for MillicoreCpu {
    fn id(&self) -> &'static str {
        "CAP-006"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "resource.cpu is a number of cores, not a millicore quantity like 500m"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                for role in Role::BOTH {
                    let path = [role.spec_key(), "resource", "cpu"];
                    let Some(text) = site.str(&path) else { continue };
                    let Some(milli) =
                        text.trim().strip_suffix('m').and_then(|n| n.parse::<u64>().ok())
                    else {
                        continue;
                    };
                    let cores = milli as f64 / 1000.0;
                    out.report(
                        r,
                        &site.field(&path),
                        format!("{} cpu '{text}' is millicore notation", role.label()),
                    )
                    .hint(format!("write the number of cores: cpu: {cores}"));
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
    fn fires_on_millicores_with_the_conversion() {
        let f = check(
            &MillicoreCpu,
            "name: e\nkubernetesNamespace: n\ncomputePoolDefaults:\n  clusterSpec:\n    \
             jobManager: {resource: {cpu: '1500m'}}\n    taskManager: {resource: {cpu: 1}}\n",
        );
        assert_eq!(
            pointers(&f),
            [("/computePoolDefaults/clusterSpec/jobManager/resource/cpu".into(), Severity::Error)]
        );
        assert_eq!(f[0].hint, "write the number of cores: cpu: 1.5");
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_on_numbers() {
        let f = check(&MillicoreCpu, "spec:\n  jobManager: {resource: {cpu: '0.5'}}\n");
        assert!(f.is_empty());
    }
}
