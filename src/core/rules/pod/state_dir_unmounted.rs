//! POD-004 — local state directories must be on a volume of `flink-main-container`.
//!
//! What it checks: every `file://` (or scheme-less) checkpoint, savepoint, HA-storage and
//! local-backup directory of the effective configuration (canonical keys and their aliases,
//! e.g. `state.checkpoints.dir` ≡ `execution.checkpointing.dir`) lies under a `mountPath` of
//! `flink-main-container` in the merged pod template of every pod that writes it: JobManager
//! and TaskManagers for checkpoints and savepoints, the JobManager for HA storage (only when
//! HA is on), the TaskManagers for local backups.
//! When an application's or pool's environment is not in the design, its defaults may
//! supply the value: a warning then says where it must come from.
//! Why: otherwise the directory lives in the container's own filesystem: each pod writes its
//! own copy, the JobManager never sees the TaskManagers' checkpoint files, and everything is
//! lost when the pod restarts.
//! How to fix: mount a shared volume (a ReadWriteMany PVC) at a parent directory in
//! `spec.podTemplate`, or use object storage (`s3://…`).

use crate::core::cluster::conf::{DirKind, StateDir};
use crate::core::finding::Severity;
use crate::core::podtemplate::inspect;
use crate::core::rules::{Context, Rule, Sink, supplied_outside};

/// See the module documentation.
pub struct StateDirUnmounted;

impl Rule for StateDirUnmounted {
    fn id(&self) -> &'static str {
        "POD-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "file:// checkpoint/savepoint/HA/local-backup directories must be on a volume mounted into flink-main-container"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                if !site.complete() && site.templates().is_empty() {
                    continue; // defaults and fragments: the volume may come with the job
                }
                let conf = cx.site_conf(&site);
                let merged = cx.deployed_role_templates(&site, conf.array_merge());
                for StateDir { kind, setting, dir } in conf.state_dirs() {
                    let Some(path) = inspect::local_path(&dir) else { continue };
                    let missing: Vec<&str> = kind
                        .roles()
                        .iter()
                        .filter(|role| {
                            let mounts = merged
                                .iter()
                                .find(|(r, _)| r == *role)
                                .and_then(|(_, m)| inspect::main_container(&m.value))
                                .map(|(_, c)| inspect::mounts(c))
                                .unwrap_or_default();
                            inspect::covering_mount(&mounts, path).is_none()
                        })
                        .map(|role| role.label())
                        .collect();
                    if missing.is_empty() {
                        continue;
                    }
                    let at = setting.pointer_in(r).unwrap_or(&site.pointer).to_string();
                    let f = out.report(
                        r,
                        &at,
                        format!(
                            "{dir} ({}, {}){} is not on a volume mounted into flink-main-container of the {} pod(s)",
                            kind.label(),
                            setting.key,
                            setting.provenance(r),
                            missing.join(" and ")
                        ),
                    );
                    f.hint(format!(
                        "mount a shared volume (ReadWriteMany PVC) at {path} or a parent in the flink-main-container of {}, or use object storage (s3://…)",
                        site.field(&["podTemplate"])
                    ));
                    if kind == DirKind::LocalBackup || !site.complete() {
                        f.severity(Severity::Warning);
                    }
                    supplied_outside(cx, f, site.supplied_outside());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const HEAD: &str =
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d}\nspec:\n";

    #[test]
    fn fires_when_no_pod_mounts_the_directory() {
        let f = check(
            &StateDirUnmounted,
            &format!(
                "{HEAD}  flinkConfiguration:\n    state:\n      checkpoints.dir: file:///flink-data/cp\n    \
                 high-availability.type: kubernetes\n    high-availability.storageDir: s3://b/ha\n"
            ),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/state/checkpoints.dir".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(7));
        assert!(f[0].message.contains("JobManager and TaskManager"), "{}", f[0].message);
    }

    #[test]
    fn a_mount_in_the_job_manager_template_only_leaves_task_managers_out() {
        let f = check(
            &StateDirUnmounted,
            &format!(
                "{HEAD}  flinkConfiguration:\n    execution.checkpointing.dir: file:///data/cp\n    \
                 high-availability: kubernetes\n    high-availability.storageDir: file:///data/ha\n  \
                 jobManager:\n    podTemplate:\n      spec:\n        containers:\n        \
                 - name: flink-main-container\n          volumeMounts: [{{name: v, mountPath: /data}}]\n"
            ),
        );
        // HA storage only needs the JobManager; checkpoints need both.
        assert_eq!(f.len(), 1);
        assert!(f[0].message.ends_with("of the TaskManager pod(s)"), "{}", f[0].message);
    }

    #[test]
    fn silent_when_the_common_template_mounts_a_parent() {
        let f = check(
            &StateDirUnmounted,
            &format!(
                "{HEAD}  flinkConfiguration:\n    state.savepoints.dir: file:///flink-data/sp\n    \
                 state.checkpoints.dir: s3://bucket/cp\n  podTemplate:\n    spec:\n      containers:\n      \
                 - name: flink-main-container\n        volumeMounts: [{{name: v, mountPath: /flink-data}}]\n"
            ),
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_blue_green_template_reads_the_operator_defaults_of_its_namespace() {
        // The template's configuration is the one the configuration panel shows, with the
        // operator's defaults (before: its own flinkConfiguration only).
        let y = format!(
            "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {{name: fko}}\n\
             spec: {{defaultConfiguration: {{state.checkpoints.dir: 'file:///flink-data/cp'}}}}\n---\n\
             apiVersion: flink.apache.org/v1beta1\nkind: FlinkBlueGreenDeployment\nmetadata: {{name: bg}}\n\
             spec:\n  template:\n    spec:\n      flinkVersion: {}\n      podTemplate:\n        spec:\n          \
             containers: [{{name: flink-main-container, volumeMounts: [{{name: d, mountPath: /other}}]}}]\n",
            crate::core::flink::version::FlinkVersion::new(1, 20).enum_name()
        );
        let f = check(&StateDirUnmounted, &y);
        assert_eq!(pointers(&f), [("/spec/template/spec".into(), Severity::Error)]);
        assert!(f[0].message.contains("(set by FlinkKubernetesOperator fko)"), "{}", f[0].message);
    }

    const APP: &str = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkApplication\n\
        metadata: {name: a, namespace: confluent}\nspec:\n  flinkEnvironment: prod\n  \
        flinkConfiguration: {state.checkpoints.dir: 'file:///flink-data/cp'}\n";

    #[test]
    fn the_environment_defaults_pod_template_mounts_the_directory() {
        // Before: an error, the environment's podTemplate being ignored.
        let env = "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkEnvironment\n\
            metadata: {name: prod, namespace: confluent}\nspec:\n  kubernetesNamespace: flink\n  \
            flinkApplicationDefaults:\n    spec:\n      podTemplate:\n        spec:\n          \
            containers: [{name: flink-main-container, volumeMounts: [{name: d, mountPath: /flink-data}]}]\n---\n";
        assert!(check(&StateDirUnmounted, &format!("{env}{APP}")).is_empty());
        let elsewhere = env.replace("mountPath: /flink-data", "mountPath: /other");
        assert_eq!(
            check(&StateDirUnmounted, &format!("{elsewhere}{APP}"))[0].severity,
            Severity::Error
        );
    }

    #[test]
    fn an_environment_outside_the_design_may_mount_it() {
        let f = check(&StateDirUnmounted, APP);
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/state.checkpoints.dir".into(), Severity::Warning)]
        );
        assert!(
            f[0].message.ends_with("environment 'prod', which is not in the design"),
            "{}",
            f[0].message
        );
    }
}
