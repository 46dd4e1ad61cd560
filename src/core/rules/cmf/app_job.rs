//! CMF-APP-001 — CMF applications run in application mode.
//!
//! What it checks: a FlinkApplication (CMF REST or CFK) has `spec.job`.
//! Why: CMF only manages application clusters; without a job the generated
//! FlinkDeployment would be a session cluster, which CMF does not manage.
//! How to fix: add `spec.job` (`jarURI`, `parallelism`, `upgradeMode`, `state`); for a
//! session cluster use a plain FKO FlinkDeployment or a SHARED compute pool.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct AppJob;

impl Rule for AppJob {
    fn id(&self) -> &'static str {
        "CMF-APP-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A CMF FlinkApplication needs spec.job (application mode only)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Application) {
            if r.spec_get(&["job"]).is_none_or(|j| !j.is_object()) {
                out.report(r, "/spec", format!("FlinkApplication '{}' has no spec.job", r.name()))
                    .hint("CMF runs applications in application mode; add spec.job with jarURI, parallelism and upgradeMode");
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
        let f = check(
            &AppJob,
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: app1}\nspec:\n  image: x\n",
        );
        assert_eq!(pointers(&f), [("/spec".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_with_job() {
        let f = check(
            &AppJob,
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: app1}\nspec:\n  job: {jarURI: 'local:///a.jar'}\n",
        );
        assert!(f.is_empty());
    }
}
