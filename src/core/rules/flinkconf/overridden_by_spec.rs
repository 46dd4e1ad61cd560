//! CFG-OVR-001 — `flinkConfiguration` keys the operator overwrites from spec fields.
//!
//! What it checks: in FlinkDeployments, CMF applications and pool `clusterSpec`s, keys
//! such as `jobmanager.memory.process.size`, `kubernetes.taskmanager.cpu.amount`,
//! `kubernetes.container.image.ref`, `kubernetes.service-account`,
//! `kubernetes.jobmanager.replicas` or `pipeline.jars` set while the corresponding spec
//! field is set too; and `execution.target`, which the operator always sets.
//! Why: FKO derives these keys from the spec and overwrites the configured value
//! (domain.md §3.4), so the value in flinkConfiguration is dead.
//! How to fix: remove the key and keep the spec field.

use super::util::maps;
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct OverriddenBySpec;

/// Canonical key → spec field (relative to the deployment-like spec) that overwrites it.
const DERIVED: &[(&str, &[&str])] = &[
    ("jobmanager.memory.process.size", &["jobManager", "resource", "memory"]),
    ("taskmanager.memory.process.size", &["taskManager", "resource", "memory"]),
    ("kubernetes.jobmanager.cpu.amount", &["jobManager", "resource", "cpu"]),
    ("kubernetes.taskmanager.cpu.amount", &["taskManager", "resource", "cpu"]),
    ("kubernetes.container.image.ref", &["image"]),
    ("kubernetes.service-account", &["serviceAccount"]),
    ("kubernetes.jobmanager.replicas", &["jobManager", "replicas"]),
    ("pipeline.jars", &["job", "jarURI"]),
];

impl Rule for OverriddenBySpec {
    fn id(&self) -> &'static str {
        "CFG-OVR-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "flinkConfiguration key overwritten by the operator from a spec field"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx) {
            let prefix: &[&str] = match m.r.kind {
                Kind::FlinkDeployment | Kind::Application => &[],
                Kind::ComputePool => &["clusterSpec"],
                _ => continue,
            };
            for i in m.items() {
                let canonical = m.catalog().canonical(&i.key, m.version);
                if canonical == "execution.target" {
                    out.report(
                        m.r,
                        &i.pointer,
                        format!("execution.target='{}' is set by the operator", i.value),
                    )
                    .hint("remove it: the operator chooses kubernetes-application/-session itself");
                    continue;
                }
                let Some((_, field)) = DERIVED.iter().find(|(k, _)| *k == canonical) else {
                    continue;
                };
                let tokens: Vec<&str> = prefix.iter().chain(field.iter()).copied().collect();
                if let Some(v) = m.r.spec_get(&tokens) {
                    let shown = crate::core::config::scalar_text(v);
                    let msg =
                        format!("{} is overridden by spec.{} ('{shown}')", i.key, tokens.join("."));
                    out.report(m.r, &i.pointer, msg).hint(format!(
                        "remove {} and keep spec.{}",
                        i.key,
                        tokens.join(".")
                    ));
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
    fn fires_when_the_spec_field_is_set() {
        let f = check(
            &OverriddenBySpec,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
             spec:\n  image: flink:1.20\n  flinkConfiguration:\n    kubernetes.container.image: other:1\n    \
             taskmanager.memory.process.size: 2g\n    execution.target: local\n",
        );
        assert_eq!(
            pointers(&f),
            [
                ("/spec/flinkConfiguration/kubernetes.container.image".into(), Severity::Warning),
                ("/spec/flinkConfiguration/execution.target".into(), Severity::Warning)
            ]
        );
        assert!(f[0].message.contains("spec.image ('flink:1.20')"));
        assert_eq!(f[0].line, Some(7));
    }

    #[test]
    fn silent_without_the_spec_field() {
        let f = check(
            &OverriddenBySpec,
            "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: p}\nspec:\n  clusterSpec:\n    \
             flinkConfiguration: {taskmanager.memory.process.size: 2g}\n",
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
