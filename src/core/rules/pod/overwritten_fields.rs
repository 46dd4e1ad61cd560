//! POD-007 — main-container fields that Flink overwrites.
//!
//! What it checks: `image`, `command`, `args` and the `cpu`/`memory` of `resources` of
//! `flink-main-container` in any pod template (common, JobManager, TaskManager).
//! Why: Flink's native Kubernetes integration rewrites them (the image from `spec.image`,
//! resources from `jobManager/taskManager.resource`, the entrypoint and its arguments from
//! its own launch scripts), so the values written here silently have no effect. Other
//! resources (ephemeral storage, GPUs) are kept.
//! How to fix: use `spec.image`, `jobManager/taskManager.resource`, and `spec.job.args`.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::podtemplate::inspect;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct OverwrittenFields;

const FIELDS: &[(&str, &str)] = &[
    ("image", "spec.image"),
    ("command", "spec.job (Flink sets the entrypoint)"),
    ("args", "spec.job.args"),
    ("resources", "jobManager/taskManager.resource"),
];

fn sets_cpu_or_memory(resources: &Value) -> bool {
    ["requests", "limits"].iter().any(|k| {
        resources.get(*k).is_some_and(|m| m.get("cpu").is_some() || m.get("memory").is_some())
    })
}

impl Rule for OverwrittenFields {
    fn id(&self) -> &'static str {
        "POD-007"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "image, command, args and cpu/memory of flink-main-container are overwritten by Flink"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                let t = site.templates();
                for source in [&t.common, &t.job_manager, &t.task_manager].into_iter().flatten() {
                    let Some((i, main)) = inspect::main_container(source.value) else { continue };
                    for (field, instead) in FIELDS {
                        let Some(v) = main.get(*field).filter(|v| !v.is_null()) else { continue };
                        if *field == "resources" && !sets_cpu_or_memory(v) {
                            continue;
                        }
                        let at = pointer::push(
                            &format!("{}/spec/containers/{i}", source.pointer),
                            field,
                        );
                        out.report(
                            r,
                            &at,
                            format!("flink-main-container {field} is overwritten by Flink"),
                        )
                        .hint(format!("remove it and use {instead}"));
                    }
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
    fn fires_on_image_and_cpu_but_not_on_ephemeral_storage() {
        let f = check(
            &OverwrittenFields,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d}\nspec:\n  \
             taskManager:\n    podTemplate:\n      spec:\n        containers:\n        - name: flink-main-container\n          \
             image: flink:1.20\n          resources: {limits: {cpu: 2}}\n        - name: side\n          image: busybox\n  \
             podTemplate:\n    spec:\n      containers:\n      - name: flink-main-container\n        \
             resources: {requests: {ephemeral-storage: 1Gi}}\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/taskManager/podTemplate/spec/containers/0/image".into(), Severity::Warning),
                (
                    "/spec/taskManager/podTemplate/spec/containers/0/resources".into(),
                    Severity::Warning
                )
            ]
        );
        assert_eq!(f[0].line, Some(10));
    }
}
