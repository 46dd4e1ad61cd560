//! FKO-SJ-007 — session-job jar hosts must not be restricted addresses (FKO ≥ 1.15).
//!
//! What it checks: an http(s) `job.jarURI` of a FlinkSessionJob whose host is a loopback,
//! link-local (e.g. 169.254.169.254), site-local (10/8, 172.16/12, 192.168/16), wildcard or
//! multicast IP, or `localhost` (error); or an in-cluster name (`*.svc`, `*.svc.cluster.local`,
//! `*.local`) that usually resolves to such an address (warning: the browser cannot resolve DNS).
//! Why: FKO 1.15 refuses to download from restricted hosts
//! (`kubernetes.operator.user.artifacts.disallow-restricted-hosts`, default true).
//! How to fix: host the jar on a public https endpoint, or relax the operator option.

use std::net::IpAddr;

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SjJarHost;

fn restricted_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v) => {
            v.is_loopback()
                || v.is_link_local()
                || v.is_private()
                || v.is_unspecified()
                || v.is_multicast()
        }
        IpAddr::V6(v) => {
            let seg = v.segments()[0];
            v.is_loopback()
                || v.is_unspecified()
                || v.is_multicast()
                || (seg & 0xffc0) == 0xfe80
                || (seg & 0xffc0) == 0xfec0
        }
    }
}

/// The host of an http(s) URI.
fn host(uri: &str) -> Option<&str> {
    let rest = uri.strip_prefix("https://").or_else(|| uri.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    Some(match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => authority.split(':').next().unwrap_or(authority),
    })
}

impl Rule for SjJarHost {
    fn id(&self) -> &'static str {
        "FKO-SJ-007"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Session job jarURI host is a restricted address (FKO ≥ 1.15)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if !cx.targets.fko.at_least(1, 15) {
            return;
        }
        for r in cx.subjects_of_kind(Kind::FlinkSessionJob) {
            let Some(h) = r.spec_str(&["job", "jarURI"]).and_then(host) else { continue };
            let key = "kubernetes.operator.user.artifacts.disallow-restricted-hosts";
            let operator = cx.operator_for(Some(r.namespace().unwrap_or("default")));
            if operator
                .and_then(|o| o.option(key))
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("false"))
            {
                continue;
            }
            let lower = h.to_ascii_lowercase();
            let sev = if h.parse::<IpAddr>().is_ok_and(restricted_ip) || lower == "localhost" {
                Severity::Error
            } else if [".svc", ".svc.cluster.local", ".local", ".internal"]
                .iter()
                .any(|s| lower.ends_with(s))
            {
                Severity::Warning
            } else {
                continue;
            };
            out.report(r, &r.spec_field(&["job", "jarURI"]), format!("jarURI host '{h}' resolves to a restricted address"))
                .severity(sev)
                .hint("host the jar on a public https endpoint, or set kubernetes.operator.user.artifacts.disallow-restricted-hosts: false in the operator configuration");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn sj(uri: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {{name: j}}\nspec: {{deploymentName: s, job: {{jarURI: '{uri}'}}}}\n"
        )
    }

    #[test]
    fn ips_are_errors_cluster_names_warnings() {
        assert_eq!(
            pointers(&check(&SjJarHost, &sj("http://169.254.169.254/a.jar"))),
            [("/spec/job/jarURI".into(), Severity::Error)]
        );
        assert_eq!(
            pointers(&check(&SjJarHost, &sj("https://minio.minio.svc.cluster.local:9000/a.jar"))),
            [("/spec/job/jarURI".into(), Severity::Warning)]
        );
        assert!(check(&SjJarHost, &sj("https://repo1.maven.org/a.jar")).is_empty());
        assert_eq!(host("https://u@[::1]:8080/x"), Some("::1"));
    }
}
