//! CFK-REST-001 — CMFRestClass security settings are complete.
//!
//! What it checks: `authentication.type: mtls` without `tls.secretRef`; `oauth` without
//! `oauth.secretRef` or `oauth.configuration.tokenEndpointUri`; an `https://` endpoint
//! without `tls.secretRef`; an `http://` endpoint while the CmfService node declares
//! `authentication` other than `none`.
//! Why: CFK then cannot authenticate to CMF (or cannot verify its certificate) and no
//! Flink CR syncs.
//! How to fix: add the missing Secret references, or match the endpoint scheme to
//! the CMF installation.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct RestClassSecurity;

impl Rule for RestClassSecurity {
    fn id(&self) -> &'static str {
        "CFK-REST-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Incomplete CMFRestClass security settings"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let cmf_auth = cx.of_kind(Kind::CmfInstall).find_map(|n| n.spec_str(&["authentication"]));
        for r in cx.subjects_of_kind(Kind::CmfRestClass) {
            let has = |p: &[&str]| r.spec_get(p).is_some();
            let tls = has(&["cmfRest", "tls", "secretRef"]);
            let mut problems: Vec<(String, &str)> = Vec::new();
            let auth_at = r.spec_field(&["cmfRest", "authentication", "type"]);
            match r.spec_str(&["cmfRest", "authentication", "type"]) {
                Some("mtls") if !tls => problems.push((auth_at, "mtls authentication without cmfRest.tls.secretRef (client certificate)")),
                Some("oauth") if !has(&["cmfRest", "authentication", "oauth", "secretRef"]) => {
                    problems.push((auth_at, "oauth authentication without authentication.oauth.secretRef (client credentials)"))
                }
                Some("oauth") if !has(&["cmfRest", "authentication", "oauth", "configuration", "tokenEndpointUri"]) => {
                    problems.push((auth_at, "oauth authentication without oauth.configuration.tokenEndpointUri"))
                }
                _ => {}
            }
            let ep_at = r.spec_field(&["cmfRest", "endpoint"]);
            let endpoint = r.spec_str(&["cmfRest", "endpoint"]).unwrap_or("");
            if endpoint.starts_with("https://") && !tls {
                problems.push((
                    ep_at.clone(),
                    "https endpoint without cmfRest.tls.secretRef (CA certificates)",
                ));
            }
            if endpoint.starts_with("http://") && cmf_auth.is_some_and(|a| a != "none") {
                problems
                    .push((ep_at, "http endpoint while the CMF service requires authentication"));
            }
            for (at, msg) in problems {
                out.report(r, &at, format!("CMFRestClass '{}': {msg}", r.name()))
                    .hint("complete the CMFRestClass security settings so CFK can reach CMF");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const RC: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: CMFRestClass\nmetadata: {name: default}\nspec:\n  cmfRest:\n    endpoint: https://cmf-service:80\n    authentication: {type: mtls}\n";

    #[test]
    fn fires_on_mtls_without_tls() {
        let f = check(&RestClassSecurity, RC);
        assert_eq!(
            pointers(&f),
            [
                ("/spec/cmfRest/authentication/type".into(), Severity::Warning),
                ("/spec/cmfRest/endpoint".into(), Severity::Warning)
            ]
        );
        assert_eq!(f[1].line, Some(6));
    }

    #[test]
    fn silent_when_complete() {
        assert!(
            check(&RestClassSecurity, &format!("{RC}    tls: {{secretRef: cmf-day2-tls}}\n"))
                .is_empty()
        );
    }
}
