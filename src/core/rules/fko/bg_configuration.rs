//! BG-003 — unknown blue/green options.
//!
//! What it checks: keys of a FlinkBlueGreenDeployment `spec.configuration` other than
//! `kubernetes.operator.bluegreen.abort.grace-period`,
//! `kubernetes.operator.bluegreen.reconciliation.reschedule-interval` and
//! `kubernetes.operator.bluegreen.deployment-deletion.delay`.
//! Why: the blue/green controller reads only these; Flink options belong in
//! `spec.template.spec.flinkConfiguration`.
//! How to fix: move Flink options into the template, fix typos in blue/green options.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct BgConfiguration;

const KNOWN: &[&str] = &[
    "kubernetes.operator.bluegreen.abort.grace-period",
    "kubernetes.operator.bluegreen.reconciliation.reschedule-interval",
    "kubernetes.operator.bluegreen.deployment-deletion.delay",
];

impl Rule for BgConfiguration {
    fn id(&self) -> &'static str {
        "BG-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Unknown blue/green option in spec.configuration"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects_of_kind(Kind::FlinkBlueGreenDeployment) {
            let Some(m) = r.spec_get(&["configuration"]).and_then(|v| v.as_object()) else {
                continue;
            };
            for k in m.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
                out.report(r, &pointer::push(&r.spec_field(&["configuration"]), k), format!("Unknown blue/green option {k}"))
                    .hint("blue/green options are abort.grace-period, reconciliation.reschedule-interval and deployment-deletion.delay; Flink options go into spec.template.spec.flinkConfiguration");
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
    fn fires_on_flink_options() {
        let f = check(
            &BgConfiguration,
            &format!(
                "{BG}spec:\n  configuration:\n    kubernetes.operator.bluegreen.abort.grace-period: 5m\n    taskmanager.numberOfTaskSlots: '2'\n"
            ),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/configuration/taskmanager.numberOfTaskSlots".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(7));
    }
}
