//! CAP-001 — estimated cluster size of each job.
//!
//! What it reports: for every job (a FlinkDeployment or blue/green template with `job`, a
//! FlinkApplication, a Statement on its compute pool): TaskManagers = `taskManager.replicas`,
//! else ⌈parallelism / slots⌉; total CPU and memory = JobManagers + TaskManagers × their
//! `resource` (JobManager CPU defaults to 1, TaskManager CPU to the slot count).
//! Why: a quick check that the cluster fits the namespace quota and the nodes before deploying.
//! How to use: compare with the quota; lower parallelism or raise slots per TaskManager.

use serde_json::Value;

use super::shared::int;
use crate::core::cluster::{ClusterSite, SiteConf, SiteKind};
use crate::core::finding::Severity;
use crate::core::flink::quantity::{self, human};
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::podtemplate::Role;
use crate::core::rules::{Context, Rule, Sink};

/// What one role of a spec asks for, per pod.
struct PodSize {
    /// Replicas (JobManager) or `taskManager.replicas` when set.
    replicas: Option<u64>,
    /// Cores per pod, when known.
    cpu: Option<f64>,
    /// Memory per pod, when known.
    memory: Option<u64>,
}

/// The size of one role: `resource` (or `resources` requests, then limits), else the Flink
/// process-size option of the configuration.
fn pod_size(site: &ClusterSite<'_>, conf: &SiteConf<'_>, role: Role) -> PodSize {
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

/// See the module documentation.
pub struct Estimate;

/// The estimate for a cluster described by `site` running `parallelism` (None: read it from
/// `job.parallelism` / `parallelism.default`).
pub fn estimate(site: &ClusterSite<'_>, conf: &SiteConf<'_>, parallelism: Option<u64>) -> String {
    let slots = conf.slots();
    let (jm, tm): (PodSize, PodSize) =
        (pod_size(site, conf, Role::JobManager), pod_size(site, conf, Role::TaskManager));
    let p = match tm.replicas {
        Some(n) => n * slots,
        None => parallelism
            .or_else(|| int(site.get(&["job", "parallelism"])))
            .or_else(|| conf.value("parallelism.default").and_then(|v| v.trim().parse().ok()))
            .unwrap_or(1),
    };
    let tms = tm.replicas.unwrap_or(p.div_ceil(slots));
    let jms = jm.replicas.unwrap_or(1);
    let (jm_cpu, tm_cpu) = (jm.cpu.unwrap_or(1.0), tm.cpu.unwrap_or(slots as f64));
    let cpu = jms as f64 * jm_cpu + tms as f64 * tm_cpu;
    let mem = |m: Option<u64>| m.map_or("? memory".to_string(), human);
    let total = match (jm.memory, tm.memory) {
        (Some(j), Some(t)) => human(jms * j + tms * t),
        _ => "unknown memory".to_string(),
    };
    format!(
        "≈ {tms} TaskManager(s) for parallelism {p} with {slots} slot(s) each; total {cpu} CPU and {total} \
         (JobManager {jms} × {jm_cpu} CPU / {}, TaskManagers {tms} × {tm_cpu} CPU / {})",
        mem(jm.memory),
        mem(tm.memory)
    )
}

impl Rule for Estimate {
    fn id(&self) -> &'static str {
        "CAP-001"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "Estimated TaskManagers, CPU and memory of each job"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                let job = site.get(&["job"]).is_some();
                let jobful =
                    matches!(site.kind, SiteKind::FlinkDeployment | SiteKind::BlueGreenTemplate)
                        && job
                        || site.kind == SiteKind::Application;
                if jobful {
                    let conf = cx.site_conf(&site);
                    let at = if job { site.field(&["job"]) } else { site.pointer.clone() };
                    out.report(r, &at, estimate(&site, &conf, None));
                }
            }
            if r.kind == Kind::Statement {
                let Some(pool) = cx.targets_of(r, EdgeKind::ComputePool).into_iter().next() else {
                    continue;
                };
                let Some(site) = cx.sites_of(pool).into_iter().next() else { continue };
                let conf = cx.site_conf(&site);
                let parallelism = int(r.spec_get(&["parallelism"])).unwrap_or(1);
                let at = if r.spec_get(&["parallelism"]).is_some() {
                    r.spec_field(&["parallelism"])
                } else {
                    r.spec_field(&[])
                };
                out.report(
                    r,
                    &at,
                    format!(
                        "on pool '{}': {}",
                        pool.name(),
                        estimate(&site, &conf, Some(parallelism))
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn one_estimate_per_job() {
        let f = check(
            &Estimate,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d}\nspec:\n  \
             flinkConfiguration: {taskmanager.numberOfTaskSlots: 2}\n  jobManager: {resource: {memory: 2048m, cpu: 1}}\n  \
             taskManager: {resource: {memory: 2048m, cpu: 1}}\n  job: {jarURI: 'local:///j.jar', parallelism: 3}\n---\n\
             apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: session}\nspec: {}\n",
        );
        assert_eq!(pointers(&f), [("/spec/job".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(8));
        assert_eq!(
            f[0].message,
            "≈ 2 TaskManager(s) for parallelism 3 with 2 slot(s) each; total 3 CPU and 6 GiB \
             (JobManager 1 × 1 CPU / 2 GiB, TaskManagers 2 × 1 CPU / 2 GiB)"
        );
    }

    #[test]
    fn statements_are_estimated_on_their_pool() {
        let f = check(
            &Estimate,
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: p}\nspec:\n  clusterSpec:\n    \
             flinkConfiguration: {taskmanager.numberOfTaskSlots: '4'}\n    taskManager: {resource: {memory: 1024m, cpu: 1}}\n    \
             jobManager: {resource: {memory: 1024m, cpu: 0.5}}\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\n\
             metadata: {name: s}\nspec: {computePoolName: p, parallelism: 8}\n---\nname: env\nkubernetesNamespace: n\n",
        );
        assert_eq!(pointers(&f), [("/spec/parallelism".into(), Severity::Info)]);
        assert!(
            f[0].message.starts_with("on pool 'p': ≈ 2 TaskManager(s) for parallelism 8"),
            "{}",
            f[0].message
        );
        assert!(f[0].message.contains("total 2.5 CPU and 3 GiB"), "{}", f[0].message);
    }
}
