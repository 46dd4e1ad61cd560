//! FKO-SNAP-004 — snapshot enums.
//!
//! What it checks: `spec.jobReference.kind` other than `FlinkDeployment`/`FlinkSessionJob`
//! and `spec.savepoint.formatType` other than `CANONICAL`/`NATIVE`/`UNKNOWN`.
//! Why: the CRD schema rejects other values (they are case-sensitive).
//! How to fix: use one of the allowed values.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SnapEnum;

impl Rule for SnapEnum {
    fn id(&self) -> &'static str {
        "FKO-SNAP-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "jobReference.kind and savepoint.formatType must be valid enum values"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let fields: [(&[&str], &[&str]); 2] = [
            (&["jobReference", "kind"], &["FlinkDeployment", "FlinkSessionJob"]),
            (&["savepoint", "formatType"], &["CANONICAL", "NATIVE", "UNKNOWN"]),
        ];
        for r in cx.subjects_of_kind(Kind::FlinkStateSnapshot) {
            for (t, allowed) in fields {
                let Some(v) = r.spec_get(t).filter(|v| !v.is_null()) else { continue };
                if !v.as_str().is_some_and(|s| allowed.contains(&s)) {
                    out.report(
                        r,
                        &r.spec_field(t),
                        format!("Invalid value {v} for {}", t.join(".")),
                    )
                    .hint(format!("allowed values: {}", allowed.join(", ")));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};
    const SNAP: &str =
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {name: s}\n";

    #[test]
    fn fires_on_wrong_case() {
        let f = check(
            &SnapEnum,
            &format!(
                "{SNAP}spec: {{savepoint: {{formatType: native}}, jobReference: {{kind: FlinkDeployment, name: a}}}}\n"
            ),
        );
        assert_eq!(pointers(&f), [("/spec/savepoint/formatType".into(), Severity::Error)]);
        assert!(
            check(&SnapEnum, &format!("{SNAP}spec: {{savepoint: {{formatType: NATIVE}}}}\n"))
                .is_empty()
        );
    }
}
