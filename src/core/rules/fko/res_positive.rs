//! FKO-RES-006 — `resource.cpu` and `resource.memory` must be positive.
//!
//! What it checks: `jobManager/taskManager.resource.memory` of zero or less, and
//! `resource.cpu` below zero (or zero, which is accepted but very likely a slip).
//! Why: a negative memory does not parse as a Flink `MemorySize` (the operator's
//! validator rejects it) and a zero-byte process cannot be sized (Flink refuses to start
//! the JobManager or TaskManager). A negative CPU becomes a negative pod request, which
//! the API server refuses, except for native-mode TaskManagers, where Flink falls back
//! to one core per slot and silently ignores the value. A CPU of 0 gives the pod no
//! CPU request at all (the JobManager) or is replaced by the slot count (TaskManagers).
//! How to fix: give each component a positive size (`2048m`, `1`).

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::flink::quantity;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ResPositive;

impl Rule for ResPositive {
    fn id(&self) -> &'static str {
        "FKO-RES-006"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "resource.cpu and resource.memory must be positive"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for s in cx.sites() {
            let standalone = s.merged_str(&["mode"]).is_some_and(|m| m == "standalone");
            for (c, label) in [("jobManager", "JobManager"), ("taskManager", "TaskManager")] {
                let mem = [c, "resource", "memory"];
                if let Some(m) = s.str(&mem).and_then(quantity::memory).filter(|m| m.bytes <= 0.0) {
                    let why = if m.bytes < 0.0 {
                        "the operator cannot parse a negative size"
                    } else {
                        "Flink cannot size a process of 0 bytes and refuses to start it"
                    };
                    out.report(
                        s.owner,
                        &s.field(&mem),
                        format!("{label} memory must be positive: {why}"),
                    )
                    .hint("write a positive size such as 2048m or 2Gi");
                }
                let cpu = [c, "resource", "cpu"];
                let Some(n) = s.get(&cpu).and_then(Value::as_f64).filter(|n| *n <= 0.0) else {
                    continue;
                };
                let falls_back = c == "taskManager" && !standalone;
                let (severity, why) = match (n < 0.0, falls_back) {
                    (true, false) => (
                        Severity::Error,
                        "the API server refuses a negative CPU request for its pods",
                    ),
                    (true, true) => (
                        Severity::Warning,
                        "Flink ignores it and gives each TaskManager one core per slot",
                    ),
                    (false, false) => {
                        (Severity::Warning, "its pods get no CPU request and may be starved")
                    }
                    (false, true) => (
                        Severity::Warning,
                        "Flink ignores it and gives each TaskManager one core per slot",
                    ),
                };
                out.report(
                    s.owner,
                    &s.field(&cpu),
                    format!("{label} cpu {n} is not positive: {why}"),
                )
                .severity(severity)
                .hint("set a positive number of cores, e.g. 1 or 0.5");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(extra: &str, jm: &str, tm: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\nspec: {{{extra}jobManager: {{resource: {{{jm}}}}}, taskManager: {{resource: {{{tm}}}}}}}\n"
        )
    }

    #[test]
    fn non_positive_memory_is_an_error() {
        let f = check(&ResPositive, &fd("", "memory: '-1Gi', cpu: 1", "memory: '0', cpu: 1"));
        assert_eq!(
            pointers(&f),
            [
                ("/spec/jobManager/resource/memory".into(), Severity::Error),
                ("/spec/taskManager/resource/memory".into(), Severity::Error)
            ]
        );
        assert!(f[0].message.contains("negative"));
        assert!(
            check(&ResPositive, &fd("", "memory: 2048m, cpu: 0.5", "memory: 2Gi, cpu: 2"))
                .is_empty()
        );
    }

    #[test]
    fn cpu_severity_follows_what_happens_to_the_pods() {
        let f = check(&ResPositive, &fd("", "memory: 1g, cpu: -1", "memory: 1g, cpu: -1"));
        assert_eq!(
            pointers(&f),
            [
                ("/spec/jobManager/resource/cpu".into(), Severity::Error),
                ("/spec/taskManager/resource/cpu".into(), Severity::Warning)
            ]
        );
        let standalone =
            check(&ResPositive, &fd("mode: standalone, ", "memory: 1g", "memory: 1g, cpu: -2"));
        assert_eq!(
            pointers(&standalone),
            [("/spec/taskManager/resource/cpu".into(), Severity::Error)]
        );
        let zero = check(&ResPositive, &fd("", "memory: 1g, cpu: 0", "memory: 1g"));
        assert_eq!(pointers(&zero), [("/spec/jobManager/resource/cpu".into(), Severity::Warning)]);
    }
}
