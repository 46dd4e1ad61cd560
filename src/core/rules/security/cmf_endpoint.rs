//! SEC-CMF-001 — CFK reaches CMF over plain HTTP or without authentication.
//!
//! What it checks: a `CMFRestClass` whose `spec.cmfRest.endpoint` is `http://`, or which
//! configures no `authentication` at all. (The CMF installation node itself is checked by
//! OPS-CMF-001.)
//! Why: CMF's REST API creates and deletes Flink clusters; without TLS its traffic (and any
//! bearer token) is readable on the network, and without authentication anyone who reaches
//! the service can drive it.
//! How to fix: serve CMF over HTTPS and configure mTLS or OAuth under
//! `spec.cmfRest.authentication` (with `tls` for the CA).

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct CmfEndpoint;

impl Rule for CmfEndpoint {
    fn id(&self) -> &'static str {
        "SEC-CMF-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "CMFRestClass should reach CMF over https with authentication"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::CmfRestClass) {
            let endpoint = r.spec_str(&["cmfRest", "endpoint"]).unwrap_or("");
            let auth = r.spec_get(&["cmfRest", "authentication"]).is_some_and(|a| !a.is_null());
            if endpoint.trim().to_ascii_lowercase().starts_with("http://") {
                let extra = if auth { "" } else { " without authentication" };
                out.report(r, &r.spec_field(&["cmfRest", "endpoint"]), format!("CMF endpoint {endpoint} is plain HTTP{extra}"))
                    .hint("serve CMF over https and configure mTLS or OAuth in spec.cmfRest.authentication");
            } else if !auth {
                out.report(r, &r.spec_field(&["cmfRest"]), "no authentication configured for CMF")
                    .hint("configure mTLS or OAuth in spec.cmfRest.authentication");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn rc(rest: &str) -> String {
        format!(
            "apiVersion: platform.confluent.io/v1beta1\nkind: CMFRestClass\nmetadata: {{name: d, namespace: o}}\nspec:\n  cmfRest:\n{rest}"
        )
    }

    #[test]
    fn fires_on_http() {
        let f = check(
            &CmfEndpoint,
            &rc("    endpoint: http://cmf-service.confluent.svc.cluster.local\n"),
        );
        assert_eq!(pointers(&f), [("/spec/cmfRest/endpoint".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(6));
        assert!(f[0].message.ends_with("without authentication"));
    }

    #[test]
    fn silent_on_https_with_mtls() {
        let f = check(
            &CmfEndpoint,
            &rc("    endpoint: https://cmf:8080\n    authentication: {type: mtls}\n"),
        );
        assert!(f.is_empty());
    }
}
