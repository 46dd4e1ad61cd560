//! CMF-APP-006 — applications use allowlisted service accounts.
//!
//! What it checks: when the design declares CMF's service-account allowlist (the CMF
//! service node's `spec.serviceAccountAllowlist`), an application (or the environment's
//! application defaults) whose `serviceAccount` is not on it.
//! Why: CMF 2.4 restricts the service accounts CMF-managed resources may use to its
//! allowlist (`/service-account-allowlist-entries`; entries are global, for every
//! environment). The design's list may lack grandfathered (SEED) entries, so this is a
//! warning, not an error.
//! How to fix: add the account to the allowlist in CMF (and the design), or use one
//! that is on it.

use serde_json::Value;

use crate::core::cmf_features::ALLOWLIST;
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct AppAllowlist;

impl Rule for AppAllowlist {
    fn id(&self) -> &'static str {
        "CMF-APP-006"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "An application's serviceAccount is not on the declared CMF allowlist"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(list) = cx.of_kind(Kind::CmfInstall).find_map(|c| c.spec_get(ALLOWLIST)) else {
            return;
        };
        let allowed: Vec<&str> =
            list.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        for r in cx.subjects() {
            let tokens: &[&str] = match r.kind {
                Kind::Application => &["serviceAccount"],
                Kind::Environment => &["flinkApplicationDefaults", "spec", "serviceAccount"],
                _ => continue,
            };
            let Some(sa) = r.spec_str(tokens) else { continue };
            if !allowed.contains(&sa) {
                out.report(r, &r.spec_field(tokens), format!("service account '{sa}' is not on the CMF allowlist the design declares ({})", if allowed.is_empty() { "empty".to_string() } else { allowed.join(", ") }))
                    .hint("add it to the allowlist in CMF and to serviceAccountAllowlist on the CMF service node, or use an allowlisted account");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn design(list: &str) -> String {
        format!(
            "apiVersion: studio.flinkstudio.dev/v1\nkind: CmfService\nmetadata: {{name: cmf}}\nspec: {{version: 2.5.0, serviceAccountAllowlist: {list}}}\n---\nname: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {{name: app}}\nspec:\n  serviceAccount: flink\n"
        )
    }

    #[test]
    fn fires_off_the_list() {
        let f = check(&AppAllowlist, &design("[jobs]"));
        assert_eq!(pointers(&f), [("/spec/serviceAccount".into(), Severity::Warning)]);
    }

    #[test]
    fn silent_on_the_list_or_without_one() {
        assert!(check(&AppAllowlist, &design("[flink, jobs]")).is_empty());
        let no_list = "name: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: app}\nspec: {serviceAccount: flink}\n";
        assert!(check(&AppAllowlist, no_list).is_empty());
    }
}
