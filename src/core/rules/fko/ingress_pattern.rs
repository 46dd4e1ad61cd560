//! FKO-ING-002 — the ingress template must form a URL.
//!
//! What it checks: `spec.ingress.template` that does not become a URL once `{{name}}` and
//! `{{namespace}}` are substituted: a non-numeric port (`host:port`), or a leading `http…`
//! that is not an `http://`/`https://` scheme.
//! Why: the operator builds `http://<template>` with Java's URL parser and fails the
//! reconciliation ("Cannot process ingress template") when it is malformed.
//! How to fix: write `host/path` or `host:8080/path` patterns with `{{name}}`/`{{namespace}}`.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct IngressPattern;

/// Why the template is not a URL, if it is not.
pub fn template_problem(template: &str) -> Option<String> {
    let t = template.replace("{{name}}", "name").replace("{{namespace}}", "namespace");
    let rest = if t.starts_with("http") {
        match t.split_once("://") {
            Some((scheme, rest)) if scheme == "http" || scheme == "https" => rest,
            _ => return Some(format!("unknown URL scheme in '{t}'")),
        }
    } else {
        t.as_str()
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    if let Some((_, port)) = host_port.rsplit_once(':')
        && !port.is_empty()
        && !port.chars().all(|c| c.is_ascii_digit())
    {
        return Some(format!("port '{port}' is not a number"));
    }
    None
}

impl Rule for IngressPattern {
    fn id(&self) -> &'static str {
        "FKO-ING-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "spec.ingress.template must be a valid URL pattern"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| !s.is_fragment()) {
            let Some(t) = s.str(&["ingress", "template"]) else { continue };
            if let Some(why) = template_problem(t) {
                out.report(s.owner, &s.field(&["ingress", "template"]), format!("Cannot process ingress template '{t}': {why}"))
                    .hint("use a pattern such as '{{name}}.{{namespace}}.example.com' or 'example.com/{{namespace}}/{{name}}'");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_a_bad_port() {
        let y = |t: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  ingress: {{template: '{t}'}}\n"
            )
        };
        let f = check(&IngressPattern, &y("flink.k8s.io:port/{{namespace}}/{{name}}(/|$)(.*)"));
        assert_eq!(pointers(&f), [("/spec/ingress/template".into(), Severity::Error)]);
        assert!(
            check(&IngressPattern, &y("flink.k8s.io/{{namespace}}/{{name}}(/|$)(.*)")).is_empty()
        );
        assert!(check(&IngressPattern, &y("{{name}}.{{namespace}}.flink.k8s.io:8080")).is_empty());
        assert!(template_problem("httpx://a").is_some());
    }
}
