//! FKO-ING-001 — an ingress needs a template.
//!
//! What it checks: `spec.ingress` present without `template`.
//! Why: the operator's validator rejects it; the template is the host/path pattern of the
//! generated Ingress.
//! How to fix: add `ingress.template`, e.g. `flink.k8s.io/{{namespace}}/{{name}}(/|$)(.*)`.

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct IngressTemplate;

impl Rule for IngressTemplate {
    fn id(&self) -> &'static str {
        "FKO-ING-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "spec.ingress needs a template"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| s.complete()) {
            if s.get(&["ingress"]).is_some()
                && s.str(&["ingress", "template"]).is_none_or(|t| t.trim().is_empty())
            {
                out.report(s.owner, &s.field(&["ingress"]), "Ingress template must be defined")
                    .hint("add ingress.template, e.g. '{{name}}.{{namespace}}.example.com'");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_template() {
        let y = |i: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec:\n  ingress: {i}\n"
            )
        };
        let f = check(&IngressTemplate, &y("{className: nginx}"));
        assert_eq!(pointers(&f), [("/spec/ingress".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(5));
        assert!(check(&IngressTemplate, &y("{template: 'x/{{name}}'}")).is_empty());
    }
}
