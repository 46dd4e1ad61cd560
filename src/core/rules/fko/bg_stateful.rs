//! BG-004 — blue/green is meant for stateful application deployments.
//!
//! What it checks: a FlinkBlueGreenDeployment whose template has no `job` (a session
//! cluster) or uses `upgradeMode: stateless`.
//! Why: the transition hands state from one colour to the other through a savepoint;
//! without a job or with a stateless upgrade mode the new colour starts empty.
//! How to fix: use an application deployment with `upgradeMode: savepoint` or `last-state`.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct BgStateful;

impl Rule for BgStateful {
    fn id(&self) -> &'static str {
        "BG-004"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Blue/green is meant for stateful application deployments"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::FlinkBlueGreenDeployment) {
            let Some(spec) = r.spec_get(&["template", "spec"]).filter(|v| v.is_object()) else {
                continue;
            };
            let (at, msg) = match spec.get("job").filter(|j| !j.is_null()) {
                None => (
                    r.spec_field(&["template", "spec"]),
                    "The template is a session cluster (no job)",
                ),
                Some(j)
                    if j.get("upgradeMode")
                        .and_then(|m| m.as_str())
                        .is_none_or(|m| m == "stateless") =>
                {
                    (
                        r.spec_field(&["template", "spec", "job"]),
                        "upgradeMode stateless: no state is handed over between colours",
                    )
                }
                Some(_) => continue,
            };
            out.report(r, &at, msg)
                .hint("use an application job with upgradeMode: savepoint or last-state");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};
    const BG: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkBlueGreenDeployment\nmetadata: {name: bg}\n";

    #[test]
    fn fires_on_stateless_templates() {
        let y = |job: &str| format!("{BG}spec: {{template: {{spec: {{job: {job}}}}}}}\n");
        assert_eq!(
            pointers(&check(&BgStateful, &y("{jarURI: x}"))),
            [("/spec/template/spec/job".into(), Severity::Warning)]
        );
        assert!(check(&BgStateful, &y("{upgradeMode: savepoint}")).is_empty());
    }
}
