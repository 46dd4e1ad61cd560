//! FKO-SJ-001 — a session job needs a job spec.
//!
//! What it checks: FlinkSessionJobs without `spec.job`.
//! Why: the operator's validator rejects them ("The job spec should not be empty").
//! How to fix: add `spec.job` with at least `jarURI` and `parallelism`.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SjJobMissing;

impl Rule for SjJobMissing {
    fn id(&self) -> &'static str {
        "FKO-SJ-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A FlinkSessionJob needs spec.job"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::FlinkSessionJob) {
            if r.spec_get(&["job"]).is_none_or(|j| j.is_null()) {
                out.report(r, &r.spec_field(&["job"]), "The job spec should not be empty")
                    .hint("add spec.job with jarURI, parallelism and upgradeMode");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_job() {
        let y = |s: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {{name: j}}\nspec: {s}\n"
            )
        };
        assert_eq!(
            pointers(&check(&SjJobMissing, &y("{deploymentName: s}"))),
            [("/spec/job".into(), Severity::Error)]
        );
        assert!(
            check(&SjJobMissing, &y("{deploymentName: s, job: {jarURI: 'https://x/a.jar'}}"))
                .is_empty()
        );
    }
}
