//! FKO-JOB-007 — job parallelism must be positive.
//!
//! What it checks: `job.parallelism` below 1 (an omitted parallelism counts as 0) when
//! `taskManager.replicas` is not set.
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: the operator's validator rejects it; without TaskManager replicas the parallelism
//! decides how many slots the job gets.
//! How to fix: set `job.parallelism` (or `taskManager.replicas`, which then decides the parallelism).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

use super::jobspec::{Job, Problem, report_sites};

/// See the module documentation.
pub struct JobParallelism;

impl Rule for JobParallelism {
    fn id(&self) -> &'static str {
        "FKO-JOB-007"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Job parallelism must be larger than 0 when taskManager.replicas is not set"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        report_sites(cx, out, problem);
    }
}

/// The problem of `job`: a parallelism below 1 (omitted counts as 0) while TaskManager
/// replicas are not set.
pub fn problem<'c>(job: &Job<'c>) -> Option<Problem<'c>> {
    if job.tm_replicas {
        return None;
    }
    let p = job.locate(&["job", "parallelism"]);
    let n = p.as_ref().map_or(Some(0.0), |l| l.value.as_f64());
    if !n.is_some_and(|n| n < 1.0) {
        return None;
    }
    let (v, place) = match p {
        Some(l) => (l.value.to_string(), (l.resource, l.pointer)),
        None => ("omitted (0)".to_string(), (job.home.0, format!("{}/parallelism", job.home.1))),
    };
    Some(job.lacking(
        place,
        format!("Job parallelism must be larger than 0, is {v}"),
        "set job.parallelism (or taskManager.replicas)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(job: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  job: {job}\n"
        )
    }

    #[test]
    fn fires_on_zero_or_omitted_parallelism() {
        assert_eq!(
            pointers(&check(&JobParallelism, &fd("{parallelism: 0}"))),
            [("/spec/job/parallelism".into(), Severity::Error)]
        );
        assert_eq!(
            pointers(&check(&JobParallelism, &fd("{jarURI: x}"))),
            [("/spec/job/parallelism".into(), Severity::Error)]
        );
        assert!(check(&JobParallelism, &fd("{parallelism: 2}")).is_empty());
        let reactive =
            fd("{jarURI: x}").replace("spec:\n", "spec:\n  taskManager: {replicas: 2}\n");
        assert!(check(&JobParallelism, &reactive).is_empty());
    }
}
