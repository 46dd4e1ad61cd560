//! FKO-JMMEM-001 — JobManager memory must be defined.
//!
//! What it checks: deployments (and CMF applications and compute pools, after the
//! environment defaults) without `jobManager.resource.memory` (or `resources` requests/limits)
//! whose effective configuration cannot derive it either (`jobmanager.memory.process.size`, `jobmanager.memory.flink.size` or the heap size).
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: the operator's validator rejects the deployment: Flink cannot size the process.
//! How to fix: set `jobManager.resource.memory` (e.g. `2048m`).

use crate::core::finding::Severity;
use crate::core::rules::{Context, Rule, Sink, supplied_outside};

use super::memory::memory_defined;

/// See the module documentation.
pub struct JmMemory;

impl Rule for JmMemory {
    fn id(&self) -> &'static str {
        "FKO-JMMEM-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "JobManager memory must be defined (spec.jobManager.resource.memory or Flink memory options)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites().filter(|s| s.complete()) {
            if !memory_defined(&s, &cx.site_conf(&s), "jobManager") {
                let at = s.field(&["jobManager", "resource", "memory"]);
                let f = out.report(s.owner, &at, "JobManager memory must be defined");
                supplied_outside(cx, f, s.supplied_outside());
                f.hint("set jobManager.resource.memory (e.g. 2048m) or jobmanager.memory.process.size in flinkConfiguration");
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
            &JmMemory,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec: {jobManager: {resource: {cpu: 1}}}\n",
        );
        assert_eq!(pointers(&f), [("/spec/jobManager/resource/memory".into(), Severity::Error)]);
        let conf = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec: {flinkConfiguration: {jobmanager.memory.process.size: 2g}}\n";
        assert!(check(&JmMemory, conf).is_empty());
        let main = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec: {jobManager: {resources: {requests: {memory: 2Gi}}}}\n";
        assert!(check(&JmMemory, main).is_empty());
    }

    #[test]
    fn applications_inherit_memory_from_the_environment() {
        let y = "{name: dev, kubernetesNamespace: dev, flinkApplicationDefaults: {spec: {jobManager: {resource: {memory: 1024m}}}}}\n---\n                 {apiVersion: cmf.confluent.io/v1, kind: FlinkApplication, metadata: {name: app1}, spec: {job: {}}}\n";
        assert!(check(&JmMemory, y).is_empty());
    }

    #[test]
    fn an_environment_outside_the_design_may_supply_it() {
        let app = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkApplication\n\
            metadata: {name: a, namespace: confluent}\nspec: {flinkEnvironment: prod}\n";
        let f = check(&JmMemory, app);
        assert_eq!(pointers(&f), [("/spec/jobManager/resource/memory".into(), Severity::Warning)]);
        assert!(f[0].message.contains("environment 'prod', which is not in the design"));
    }
}
