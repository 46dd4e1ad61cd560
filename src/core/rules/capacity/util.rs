//! Helpers of the capacity rules: integers, slots and the resources a deployment-like
//! spec asks for (sizes and CPU amounts are read by `core::flink::quantity`).

use serde_json::Value;

use crate::core::flink::quantity;
use crate::core::podtemplate::{Role, SpecSite};
use crate::core::rules::pod::util::SiteConfig;

/// An integer written as a number or a numeric string.
pub fn int(v: Option<&Value>) -> Option<u64> {
    v.and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok())))
}

/// Slots per TaskManager (default 1).
pub fn slots(conf: &SiteConfig<'_>) -> u64 {
    conf.value("taskmanager.numberOfTaskSlots")
        .and_then(|s| s.trim().parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1)
}

/// What one role of a spec asks for, per pod.
pub struct PodSize {
    /// Replicas (JobManager) or `taskManager.replicas` when set.
    pub replicas: Option<u64>,
    /// Cores per pod, when known.
    pub cpu: Option<f64>,
    /// Memory per pod, when known.
    pub memory: Option<u64>,
}

/// The size of one role: `resource` (or `resources` requests, then limits), else the Flink
/// process-size option of the configuration.
pub fn pod_size(site: &SpecSite<'_>, conf: &SiteConfig<'_>, role: Role) -> PodSize {
    let k = role.spec_key();
    let first = |paths: &[&[&str]]| paths.iter().find_map(|p| site.get(&[&[k][..], p].concat()));
    let memory = first(&[
        &["resource", "memory"],
        &["resources", "requests", "memory"],
        &["resources", "limits", "memory"],
    ])
    .and_then(Value::as_str)
    .map(str::to_string)
    .or_else(|| {
        let key = if role == Role::JobManager { "jobmanager" } else { "taskmanager" };
        conf.value(&format!("{key}.memory.process.size"))
    })
    .and_then(|m| quantity::memory(&m))
    .map(|m| m.whole_bytes());
    let cpu = first(&[
        &["resource", "cpu"],
        &["resources", "requests", "cpu"],
        &["resources", "limits", "cpu"],
    ])
    .and_then(quantity::cpu);
    PodSize { replicas: int(site.get(&[k, "replicas"])), cpu, memory }
}
