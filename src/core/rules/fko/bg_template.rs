//! BG-002 — the blue/green template must be a FlinkDeployment spec.
//!
//! What it checks: a FlinkBlueGreenDeployment without an object `spec.template.spec`.
//! The template's content is checked by every FlinkDeployment rule (§4.B, §4.G), which
//! report into `/spec/template/spec/…` under their own ids.
//! Why: the operator creates the blue and green FlinkDeployments from that spec.
//! How to fix: put a complete FlinkDeployment spec under `spec.template.spec`.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct BgTemplate;

impl Rule for BgTemplate {
    fn id(&self) -> &'static str {
        "BG-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "spec.template.spec must be a FlinkDeployment spec (its content is checked by the FlinkDeployment rules)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::FlinkBlueGreenDeployment) {
            if !r.spec_get(&["template", "spec"]).is_some_and(|v| v.is_object()) {
                out.report(r, &r.spec_field(&["template", "spec"]), "Blue/green deployment has no FlinkDeployment template spec")
                    .hint("add spec.template.spec with image, flinkVersion, serviceAccount, jobManager, taskManager and job");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};
    const BG: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkBlueGreenDeployment\nmetadata: {name: bg}\n";

    #[test]
    fn fires_without_template_spec() {
        assert_eq!(
            pointers(&check(&BgTemplate, &format!("{BG}spec: {{template: {{metadata: {{}}}}}}\n"))),
            [("/spec/template/spec".into(), Severity::Error)]
        );
        assert!(
            check(&BgTemplate, &format!("{BG}spec: {{template: {{spec: {{image: flink}}}}}}\n"))
                .is_empty()
        );
    }
}
