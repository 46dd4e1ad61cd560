//! CFG-OVR-002 — where a job's parallelism really comes from.
//!
//! What it checks: FlinkDeployments, blue/green templates and CMF applications that set
//! parallelism in several
//! places: `parallelism.default` in flinkConfiguration and `job.parallelism`; or
//! `taskManager.replicas` together with either (the operator then uses replicas × slots
//! and ignores `job.parallelism`).
//! Why: only one of them takes effect (FKO FlinkConfigBuilder), the others mislead.
//! How to fix: set parallelism in one place.

use crate::core::config::Layer;
use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ParallelismSource;

impl Rule for ParallelismSource {
    fn id(&self) -> &'static str {
        "CFG-OVR-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Parallelism set in several places; only one takes effect"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| s.job_bearing() && s.get(&["job"]).is_some()) {
            let r = s.owner;
            let conf = cx.site_conf(&s);
            let Some(p) = conf.effective().and_then(|c| c.get("parallelism.default")) else {
                continue;
            };
            let in_config = s.get(&["flinkConfiguration", "parallelism.default"]).is_some()
                || p.overridden.iter().any(|o| o.source.layer == Layer::Resource);
            let in_job = s.get(&["job", "parallelism"]).is_some();
            let replicas = s.get(&["taskManager", "replicas"]).is_some();
            let (pointer, from) = match (replicas, in_job, in_config) {
                (true, true, _) => (
                    "job/parallelism",
                    "taskManager.replicas × taskmanager.numberOfTaskSlots; job.parallelism is ignored",
                ),
                (true, false, true) | (false, true, true) => (
                    "flinkConfiguration",
                    if replicas {
                        "taskManager.replicas × taskmanager.numberOfTaskSlots"
                    } else {
                        "spec.job.parallelism"
                    },
                ),
                _ => continue,
            };
            let field = s.field(&pointer.split('/').collect::<Vec<_>>());
            let pointer = if pointer == "flinkConfiguration" {
                p.overridden
                    .iter()
                    .find(|o| o.source.layer == Layer::Resource)
                    .map_or(field, |o| o.source.path.clone())
            } else {
                field
            };
            out.report(r, &pointer, format!("Effective parallelism is {} (from {from})", p.value))
                .hint("set the parallelism in one place only");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const DOC: &str =
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n";

    #[test]
    fn fires_on_replicas_and_on_config_plus_job() {
        let f = check(
            &ParallelismSource,
            &format!(
                "{DOC}  flinkConfiguration: {{taskmanager.numberOfTaskSlots: '2'}}\n  taskManager: {{replicas: 3}}\n  job: {{parallelism: 4}}\n"
            ),
        );
        assert_eq!(pointers(&f), [("/spec/job/parallelism".into(), Severity::Warning)]);
        assert!(f[0].message.contains("is 6"), "{}", f[0].message);
        let f = check(
            &ParallelismSource,
            &format!(
                "{DOC}  flinkConfiguration:\n    parallelism.default: '8'\n  job: {{parallelism: 4}}\n"
            ),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/parallelism.default".into(), Severity::Warning)]
        );
        assert!(f[0].message.contains("is 4 (from spec.job.parallelism)"));
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_with_one_source() {
        assert!(check(&ParallelismSource, &format!("{DOC}  job: {{parallelism: 4}}\n")).is_empty());
    }

    #[test]
    fn fires_in_a_blue_green_template() {
        let f = check(
            &ParallelismSource,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkBlueGreenDeployment\nmetadata: {name: bg}\n\
             spec:\n  template:\n    spec:\n      taskManager: {replicas: 2}\n      job: {parallelism: 4}\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/template/spec/job/parallelism".into(), Severity::Warning)]
        );
        assert!(f[0].message.contains("is 2"), "{}", f[0].message);
    }
}
