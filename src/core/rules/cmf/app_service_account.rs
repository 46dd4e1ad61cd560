//! CMF-APP-005 — a CMF application without a service account.
//!
//! What it checks: a FlinkApplication sets no `spec.serviceAccount` and its environment's
//! `flinkApplicationDefaults.spec.serviceAccount` sets none either.
//! Why: the generated FlinkDeployment needs one (FKO rejects deployments without it) and
//! CMF does not document a default.
//! How to fix: set `spec.serviceAccount` (usually `flink`) on the application or in the
//! environment's `flinkApplicationDefaults.spec`.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct AppServiceAccount;

impl Rule for AppServiceAccount {
    fn id(&self) -> &'static str {
        "CMF-APP-005"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "FlinkApplication without serviceAccount (none in the environment defaults either)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::Application) {
            if r.spec_str(&["serviceAccount"]).is_some() {
                continue;
            }
            let env = cx.environment_of(r);
            let from_env = env
                .and_then(|e| e.spec_str(&["flinkApplicationDefaults", "spec", "serviceAccount"]));
            if from_env.is_some() {
                continue;
            }
            out.report(r, "/spec", format!("FlinkApplication '{}' sets no serviceAccount", r.name()))
                .hint("set spec.serviceAccount (e.g. flink) here or in the environment's flinkApplicationDefaults.spec; CMF documents no default");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const APP: &str = "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: app1}\nspec:\n  job: {}\n";

    #[test]
    fn fires_without_any_service_account() {
        let f = check(&AppServiceAccount, APP);
        assert_eq!(pointers(&f), [("/spec".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_when_the_environment_provides_one() {
        let env = "name: dev-env\nkubernetesNamespace: flink\nflinkApplicationDefaults:\n  spec: {serviceAccount: flink}\n---\n";
        assert!(check(&AppServiceAccount, &format!("{env}{APP}")).is_empty());
    }
}
