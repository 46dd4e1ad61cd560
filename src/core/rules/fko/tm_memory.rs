//! FKO-TMMEM-001 — TaskManager memory must be defined.
//!
//! What it checks: deployments (and CMF applications and compute pools, after the
//! environment defaults) without `taskManager.resource.memory` (or `resources` requests/limits)
//! whose effective configuration cannot derive it either (`taskmanager.memory.process.size`, `taskmanager.memory.flink.size`, or task heap **plus** managed memory (task heap alone is not enough)).
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: the operator's validator rejects the deployment: Flink cannot size the process.
//! How to fix: set `taskManager.resource.memory` (e.g. `2048m`).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink, supplied_outside};

use super::memory::memory_defined;

/// See the module documentation.
pub struct TmMemory;

impl Rule for TmMemory {
    fn id(&self) -> &'static str {
        "FKO-TMMEM-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "TaskManager memory must be defined (spec.taskManager.resource.memory or Flink memory options)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| s.complete()) {
            if !memory_defined(&s, &cx.site_conf(&s), "taskManager") {
                let at = s.field(&["taskManager", "resource", "memory"]);
                let f = out.report(s.owner, &at, "TaskManager memory must be defined");
                supplied_outside(cx, f, s.supplied_outside());
                f.hint("set taskManager.resource.memory (e.g. 2048m) or taskmanager.memory.process.size in flinkConfiguration");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_memory_anywhere() {
        let f = check(
            &TmMemory,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec: {taskManager: {resource: {cpu: 1}}}\n",
        );
        assert_eq!(pointers(&f), [("/spec/taskManager/resource/memory".into(), Severity::Error)]);
        let conf = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec: {flinkConfiguration: {taskmanager.memory.process.size: 2g}}\n";
        assert!(check(&TmMemory, conf).is_empty());
        let main = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec: {taskManager: {resources: {requests: {memory: 2Gi}}}}\n";
        assert!(check(&TmMemory, main).is_empty());
    }

    #[test]
    fn applications_inherit_memory_from_the_environment() {
        let y = "{name: dev, kubernetesNamespace: dev, flinkApplicationDefaults: {spec: {taskManager: {resource: {memory: 1024m}}}}}\n---\n                 {apiVersion: cmf.confluent.io/v1, kind: FlinkApplication, metadata: {name: app1}, spec: {job: {}}}\n";
        assert!(check(&TmMemory, y).is_empty());
    }
}

#[cfg(test)]
mod heap_only {
    use super::*;
    use crate::core::rules::testing::check;

    #[test]
    fn task_heap_alone_is_not_enough() {
        let y = |extra: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{flinkConfiguration: {{taskmanager.memory.task.heap.size: 1g{extra}}}}}\n"
            )
        };
        assert_eq!(check(&TmMemory, &y("")).len(), 1);
        assert!(check(&TmMemory, &y(", taskmanager.memory.managed.size: 1g")).is_empty());
    }
}
