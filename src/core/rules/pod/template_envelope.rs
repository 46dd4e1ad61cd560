//! POD-008 — `apiVersion`, `kind` and `metadata.name` in a pod template.
//!
//! What it checks: a pod template (common, JobManager or TaskManager) that carries
//! `apiVersion`, `kind` or `metadata.name`.
//! Why: harmless — a pod template is a `PodTemplateSpec`; FKO drops the envelope and Flink
//! names the pods itself — but it suggests the value has an effect.
//! How to fix: nothing required; remove the fields to keep the template minimal.

use crate::core::finding::Severity;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct TemplateEnvelope;

impl Rule for TemplateEnvelope {
    fn id(&self) -> &'static str {
        "POD-008"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "apiVersion, kind and metadata.name of a pod template are ignored"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                let t = site.templates();
                for source in [&t.common, &t.job_manager, &t.task_manager].into_iter().flatten() {
                    let present: Vec<&[&str]> =
                        [&["apiVersion"][..], &["kind"], &["metadata", "name"]]
                            .into_iter()
                            .filter(|tokens| pointer::get(source.value, tokens).is_some())
                            .collect();
                    let Some(first) = present.first() else { continue };
                    let at = first.iter().fold(source.pointer.clone(), |p, t| pointer::push(&p, t));
                    let names: Vec<String> = present.iter().map(|t| t.join(".")).collect();
                    out.report(
                        r,
                        &at,
                        format!(
                            "{} of the pod template {} ignored",
                            names.join(", "),
                            if names.len() > 1 { "are" } else { "is" }
                        ),
                    )
                    .hint("harmless; remove them to keep the template minimal");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_once_per_template() {
        let f = check(
            &TemplateEnvelope,
            "spec:\n  podTemplate:\n    apiVersion: v1\n    kind: Pod\n    metadata:\n      name: t\n  \
             jobManager:\n    podTemplate:\n      metadata: {labels: {a: b}}\n",
        );
        assert_eq!(pointers(&f), [("/spec/podTemplate/apiVersion".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(3));
        assert_eq!(f[0].message, "apiVersion, kind, metadata.name of the pod template are ignored");
    }
}
