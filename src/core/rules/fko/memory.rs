//! Shared logic of FKO-JMMEM-001 and FKO-TMMEM-001: is a component's memory defined?

use crate::core::cluster::ClusterSite;
use crate::core::cluster::SiteConf;

/// The Flink options from which each component's memory can be derived: any one of the
/// keys of an inner slice suffices when all keys of that slice are set.
pub fn memory_options(component: &str) -> &'static [&'static [&'static str]] {
    if component == "jobManager" {
        &[
            &["jobmanager.memory.process.size"],
            &["jobmanager.memory.flink.size"],
            &["jobmanager.memory.heap.size"],
            &["jobmanager.heap.size"],
        ]
    } else {
        &[
            &["taskmanager.memory.process.size"],
            &["taskmanager.memory.flink.size"],
            &["taskmanager.heap.size"],
            &["taskmanager.memory.task.heap.size", "taskmanager.memory.managed.size"],
        ]
    }
}

/// True when the spec (or its inherited defaults, or its configuration) defines the
/// memory of `component` (`jobManager` or `taskManager`).
pub fn memory_defined(s: &ClusterSite<'_>, conf: &SiteConf<'_>, component: &str) -> bool {
    let spec = [
        &[component, "resource", "memory"][..],
        &[component, "resources", "requests", "memory"][..],
        &[component, "resources", "limits", "memory"][..],
    ];
    spec.iter().any(|t| s.merged(t).is_some())
        || memory_options(component).iter().any(|group| group.iter().all(|k| conf.has(k)))
}
