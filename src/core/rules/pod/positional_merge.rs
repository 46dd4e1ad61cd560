//! POD-002 — role templates whose arrays do not line up with the common template.
//!
//! What it checks: with FKO's default positional array merge (no
//! `kubernetes.operator.pod-template.merge-arrays-by-name: true`), an element of a
//! `jobManager.podTemplate` / `taskManager.podTemplate` array (containers, init containers,
//! volumes, env, volume mounts…) whose `name` differs from the element at the same index of
//! `spec.podTemplate`.
//! Why: FKO merges element *i* with element *i*: the two entries fuse into one carrying the
//! role template's name and a mix of both fields, e.g. a sidecar swallowing
//! `flink-main-container`'s mounts, or a volume renamed under its mounts.
//! How to fix: repeat the common entries in the same order in the role template, or set
//! `kubernetes.operator.pod-template.merge-arrays-by-name: true` (FKO ≥ 1.9).

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::podtemplate::ArrayMerge;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct PositionalMerge;

impl Rule for PositionalMerge {
    fn id(&self) -> &'static str {
        "POD-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Role pod-template arrays in a different order than the common template are merged by position"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                if cx.site_conf(&site).array_merge() == ArrayMerge::ByName {
                    continue;
                }
                let t = site.templates();
                let Some(common) = &t.common else { continue };
                for specific in [&t.job_manager, &t.task_manager].into_iter().flatten() {
                    let mut clashes = Vec::new();
                    compare(
                        common.value,
                        specific.value,
                        &common.pointer,
                        &specific.pointer,
                        &mut clashes,
                    );
                    for (at, message) in clashes {
                        out.report(r, &at, message).hint(
                            "list the entries in the same order as in the common podTemplate, or set kubernetes.operator.pod-template.merge-arrays-by-name: true",
                        );
                    }
                }
            }
        }
    }
}

fn name(v: &Value) -> Option<&str> {
    v.get("name").and_then(Value::as_str)
}

fn compare(
    base: &Value,
    over: &Value,
    base_at: &str,
    over_at: &str,
    out: &mut Vec<(String, String)>,
) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, ov) in o {
                if let Some(bv) = b.get(k) {
                    compare(bv, ov, &pointer::push(base_at, k), &pointer::push(over_at, k), out);
                }
            }
        }
        (Value::Array(b), Value::Array(o)) => {
            for (i, (bv, ov)) in b.iter().zip(o).enumerate() {
                let (bp, op) = (format!("{base_at}/{i}"), format!("{over_at}/{i}"));
                match (name(bv), name(ov)) {
                    (Some(bn), Some(on)) if bn != on => out.push((
                        format!("{op}/name"),
                        format!("'{on}' is merged by position into '{bn}' ({bp})"),
                    )),
                    _ => compare(bv, ov, &bp, &op, out),
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(extra: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: d}}\nspec:\n{extra}  \
             podTemplate:\n    spec:\n      containers:\n      - name: flink-main-container\n        \
             env: [{{name: A, value: '1'}}]\n  jobManager:\n    podTemplate:\n      spec:\n        containers:\n        \
             - name: sidecar\n        - name: flink-main-container\n"
        )
    }

    #[test]
    fn fires_on_a_sidecar_in_the_main_containers_slot() {
        let f = check(&PositionalMerge, &fd(""));
        assert_eq!(
            pointers(&f),
            [("/spec/jobManager/podTemplate/spec/containers/0/name".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(14));
        assert!(
            f[0].message.contains("'sidecar' is merged by position into 'flink-main-container'")
        );
    }

    #[test]
    fn silent_when_merging_by_name_or_in_order() {
        let by_name = "  flinkConfiguration:\n    kubernetes.operator.pod-template.merge-arrays-by-name: 'true'\n";
        assert!(check(&PositionalMerge, &fd(by_name)).is_empty());
        let ordered = fd("").replace(
            "- name: sidecar\n        - name: flink-main-container",
            "- name: flink-main-container\n        - name: sidecar",
        );
        assert!(check(&PositionalMerge, &ordered).is_empty());
    }
}
