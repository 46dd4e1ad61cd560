//! CAP-002 — `job.parallelism` ignored because `taskManager.replicas` is set.
//!
//! What it checks: specs with both `taskManager.replicas` and `job.parallelism` where the
//! parallelism differs from replicas × `taskmanager.numberOfTaskSlots` (effective value,
//! default 1).
//! Why: when TaskManager replicas are fixed, FKO sets `parallelism.default` to replicas ×
//! slots and ignores `job.parallelism`, so the job runs with another parallelism than the
//! one written.
//! How to fix: make them agree, or drop one of the two.

use super::shared::int;
use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ReplicasParallelism;

impl Rule for ReplicasParallelism {
    fn id(&self) -> &'static str {
        "CAP-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "With taskManager.replicas set, job.parallelism is replaced by replicas × slots"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                let (Some(replicas), Some(parallelism)) = (
                    int(site.get(&["taskManager", "replicas"])),
                    int(site.get(&["job", "parallelism"])),
                ) else {
                    continue;
                };
                let slots = cx.site_conf(&site).slots();
                if parallelism != replicas * slots {
                    out.report(
                        r,
                        &site.field(&["job", "parallelism"]),
                        format!("job.parallelism {parallelism} is ignored; effective parallelism = {replicas} replicas × {slots} slot(s) = {}", replicas * slots),
                    )
                    .hint("make job.parallelism equal taskManager.replicas × taskmanager.numberOfTaskSlots, or remove one of them");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(parallelism: u32) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: d}}\nspec:\n  \
                 flinkConfiguration: {{taskmanager.numberOfTaskSlots: '2'}}\n  taskManager: {{replicas: 2}}\n  \
                 job: {{jarURI: 'local:///j.jar', parallelism: {parallelism}}}\n"
        )
    }

    #[test]
    fn fires_when_parallelism_differs() {
        let f = check(&ReplicasParallelism, &fd(3));
        assert_eq!(pointers(&f), [("/spec/job/parallelism".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(7));
        assert!(f[0].message.ends_with("= 4"));
    }

    #[test]
    fn silent_when_consistent() {
        assert!(check(&ReplicasParallelism, &fd(4)).is_empty());
    }
}
