//! OPS-CMF-001 — CMF without authentication.
//!
//! What it checks: the `CmfService` node declares `authentication: none` (or nothing),
//! or a plain `http://` URL.
//! Why: CMF installs with authentication disabled by default; anyone reaching the
//! service can create and delete Flink jobs. The docs urge mTLS or OAuth.
//! How to fix: enable `cmf.authentication.type: mtls` or `oauth` in the CMF Helm values
//! and use an `https://` URL.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct CmfAuth;

impl Rule for CmfAuth {
    fn id(&self) -> &'static str {
        "OPS-CMF-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "CMF authentication disabled or plain-http endpoint"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::CmfInstall) {
            match r.spec_str(&["authentication"]) {
                None | Some("none") => {
                    let at = if r.spec_get(&["authentication"]).is_some() {
                        r.spec_field(&["authentication"])
                    } else {
                        "/spec".into()
                    };
                    out.report(r, &at, "CMF runs without authentication").hint(
                        "enable mTLS or OAuth (cmf.authentication.type) in the CMF Helm values",
                    );
                }
                _ => {}
            }
            if let Some(url) = r.spec_str(&["url"]).filter(|u| u.starts_with("http://")) {
                let local = url.contains("://localhost") || url.contains("://127.0.0.1");
                let f = out.report(
                    r,
                    &r.spec_field(&["url"]),
                    format!("CMF is reached over plain http ({url})"),
                );
                f.hint("use https (TLS) for the CMF endpoint");
                if local {
                    f.severity(Severity::Info)
                        .hint("fine for a kubectl port-forward; use https for shared access");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const CMF: &str =
        "apiVersion: studio.flinkstudio.dev/v1\nkind: CmfService\nmetadata: {name: cmf}\nspec:\n";

    #[test]
    fn fires_without_auth() {
        let f = check(
            &CmfAuth,
            &format!("{CMF}  authentication: none\n  url: http://cmf-service.confluent:80\n"),
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/authentication".into(), Severity::Warning),
                ("/spec/url".into(), Severity::Warning)
            ]
        );
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_with_mtls_over_https() {
        assert!(
            check(&CmfAuth, &format!("{CMF}  authentication: mtls\n  url: https://cmf:8080\n"))
                .is_empty()
        );
    }
}
