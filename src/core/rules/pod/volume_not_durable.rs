//! POD-005 — state directories on `emptyDir` or `hostPath` volumes.
//!
//! What it checks: the volume that a local checkpoint, savepoint, HA or local-backup
//! directory (see POD-004) is mounted from, in the merged JobManager/TaskManager templates.
//! Why: an `emptyDir` is deleted with its pod, so a restarted JobManager finds no
//! checkpoints or HA data; a `hostPath` is a directory of one node, so pods scheduled on
//! other nodes (or a JobManager after failover) see different data. Both only suit a
//! single-node test cluster.
//! How to fix: back the directory with a ReadWriteMany PersistentVolumeClaim, or use object
//! storage (`s3://…`) for checkpoints, savepoints and HA.

use super::shared::state_volumes;
use crate::core::finding::Severity;
use crate::core::podtemplate::{VolumeSource, inspect};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct VolumeNotDurable;

impl Rule for VolumeNotDurable {
    fn id(&self) -> &'static str {
        "POD-005"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Checkpoint/savepoint/HA data on emptyDir or hostPath volumes is not durable or not shared"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                let conf = cx.site_conf(&site);
                for sv in state_volumes(cx, &conf, &site) {
                    let why = match sv.volume.as_ref().map(inspect::volume_source) {
                        Some(VolumeSource::EmptyDir) => "an emptyDir, deleted with its pod",
                        Some(VolumeSource::HostPath { .. }) => {
                            "a hostPath, local to one node (other pods and failovers see other data)"
                        }
                        _ => continue,
                    };
                    out.report(
                        r,
                        &sv.pointer,
                        format!("volume '{}' holding {} is {why}", sv.name, sv.dirs.join(", ")),
                    )
                    .hint("use a ReadWriteMany PersistentVolumeClaim or object storage (s3://…) for state");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn fd(volume: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: d}}\nspec:\n  \
             flinkConfiguration:\n    state.checkpoints.dir: file:///flink-data/cp\n    \
             state.savepoints.dir: file:///flink-data/sp\n  podTemplate:\n    spec:\n      containers:\n      \
             - name: flink-main-container\n        volumeMounts: [{{name: v, mountPath: /flink-data}}]\n      \
             volumes:\n      - name: v\n        {volume}\n"
        )
    }

    #[test]
    fn fires_on_host_path_once_per_volume() {
        let f = check(&VolumeNotDurable, &fd("hostPath: {path: /tmp/flink}"));
        assert_eq!(pointers(&f), [("/spec/podTemplate/spec/volumes/0".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(14));
        assert!(f[0].message.contains("file:///flink-data/cp, file:///flink-data/sp"));
        let f = check(&VolumeNotDurable, &fd("emptyDir: {}"));
        assert!(f[0].message.contains("emptyDir"));
    }

    #[test]
    fn silent_on_claims() {
        assert!(check(&VolumeNotDurable, &fd("persistentVolumeClaim: {claimName: c}")).is_empty());
    }
}
