//! CAP-004 — `resource.memory` without a unit, or too small for Flink.
//!
//! What it checks: `jobManager.resource.memory` / `taskManager.resource.memory` of every
//! deployment-like spec: a bare number (read as **bytes**, e.g. `"100"`), or less than a
//! safe floor (heuristic: JobManager 768 MiB, TaskManager 1 GiB).
//! Why: the value becomes `jobmanager/taskmanager.memory.process.size`; below the floor the
//! fixed parts of Flink's memory model (metaspace, JVM overhead, network buffers, framework
//! memory) do not fit and the process refuses to start.
//! How to fix: give a unit and a realistic size, e.g. `2048m` or `2g`.

use crate::core::finding::Severity;
use crate::core::flink::quantity::{self, MemoryUnit, human};
use crate::core::podtemplate::Role;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct MemoryFloor;

impl Rule for MemoryFloor {
    fn id(&self) -> &'static str {
        "CAP-004"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "resource.memory needs a unit and enough room for Flink's memory model"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                for role in Role::BOTH {
                    let path = [role.spec_key(), "resource", "memory"];
                    let Some(text) = site.str(&path) else { continue };
                    let Some(m) = quantity::memory(text) else { continue };
                    let floor: u64 = if role == Role::JobManager { 768 } else { 1024 } << 20;
                    let message = if m.unit == MemoryUnit::Bytes {
                        format!(
                            "{} memory '{text}' has no unit and is read as {text} bytes",
                            role.label()
                        )
                    } else if m.whole_bytes() < floor {
                        format!(
                            "{} memory '{text}' ({}) is below {} — too small for Flink's memory model",
                            role.label(),
                            human(m.whole_bytes()),
                            human(floor)
                        )
                    } else {
                        continue;
                    };
                    out.report(r, &site.field(&path), message)
                        .hint(format!("use a unit and at least {}, e.g. 2048m", human(floor)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(jm: &str, tm: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: d}}\nspec:\n  \
                 jobManager:\n    resource: {{memory: '{jm}', cpu: 1}}\n  taskManager:\n    resource: {{memory: '{tm}', cpu: 1}}\n"
        )
    }

    #[test]
    fn fires_on_bare_bytes_and_tiny_task_managers() {
        let f = check(&MemoryFloor, &fd("100", "512m"));
        assert_eq!(
            pointers(&f),
            [
                ("/spec/jobManager/resource/memory".into(), Severity::Warning),
                ("/spec/taskManager/resource/memory".into(), Severity::Warning)
            ]
        );
        assert_eq!(f[0].line, Some(6));
        assert!(f[0].message.contains("read as 100 bytes"));
    }

    #[test]
    fn silent_on_realistic_sizes() {
        assert!(check(&MemoryFloor, &fd("1024m", "1Gi")).is_empty());
    }
}
