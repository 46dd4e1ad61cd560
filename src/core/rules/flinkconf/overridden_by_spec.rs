//! CFG-OVR-001 — `flinkConfiguration` keys the operator overwrites from spec fields.
//!
//! What it checks: in FlinkDeployments, blue/green templates, CMF applications and pool
//! `clusterSpec`s, keys such as `jobmanager.memory.process.size`,
//! `kubernetes.taskmanager.cpu.amount`,
//! `kubernetes.container.image.ref`, `kubernetes.service-account`,
//! `kubernetes.jobmanager.replicas` or `pipeline.jars` set while the corresponding spec
//! field is set too; and `execution.target`, which the operator always sets.
//! Why: FKO derives these keys from the spec and overwrites the configured value
//! (domain.md §3.4), so the value in flinkConfiguration is dead.
//! How to fix: remove the key and keep the spec field.

use super::shared::maps;
use crate::core::finding::Severity;
use crate::core::options::catalog;
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
            // The map of a cluster the operator builds from its own spec fields.
            if !m.is_main_site() {
                continue;
            }
            for i in m.items() {
                let canonical = catalog().canonical(&i.key, m.version);
                if canonical == "execution.target" {
                    out.report(
                        m.owner,
                        &i.pointer,
                        format!("execution.target='{}' is set by the operator", i.value),
                    )
                    .hint("remove it: the operator chooses kubernetes-application/-session itself");
                    continue;
                }
                let Some((_, field)) = DERIVED.iter().find(|(k, _)| *k == canonical) else {
                    continue;
                };
                if let Some((v, at)) = m.site_field(field) {
                    let shown = crate::core::config::scalar_text(v);
                    let dotted = at.trim_start_matches('/').replace('/', ".");
                    let msg = format!("{} is overridden by {dotted} ('{shown}')", i.key);
                    out.report(m.owner, &i.pointer, msg)
                        .hint(format!("remove {} and keep {dotted}", i.key));
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

    #[test]
    fn fires_in_a_blue_green_template() {
        let f = check(
            &OverriddenBySpec,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkBlueGreenDeployment\nmetadata: {name: bg}\n\
             spec:\n  template:\n    spec:\n      image: flink:1.20\n      \
             flinkConfiguration: {kubernetes.container.image.ref: other:1}\n",
        );
        assert_eq!(
            pointers(&f),
            [(
                "/spec/template/spec/flinkConfiguration/kubernetes.container.image.ref".into(),
                Severity::Warning
            )]
        );
        assert!(
            f[0].message.contains("spec.template.spec.image ('flink:1.20')"),
            "{}",
            f[0].message
        );
    }
}
