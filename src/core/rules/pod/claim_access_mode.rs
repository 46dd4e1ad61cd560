//! POD-006 — a ReadWriteOnce claim shared by several Flink pods.
//!
//! What it checks: the PersistentVolumeClaim backing a local state directory (see POD-004),
//! found through the graph: its `accessModes` are only `ReadWriteOnce`/`ReadWriteOncePod`
//! while the JobManager and TaskManagers mount it, or more than one replica of a role does.
//! Why: a ReadWriteOnce volume attaches to one node; pods scheduled elsewhere stay Pending
//! (or, on one node, silently share a volume that breaks at the first reschedule).
//! How to fix: use a ReadWriteMany claim (NFS, CephFS, EFS, Azure Files…) or object storage.

use super::shared::state_volumes;
use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::{Kind, Resource};
use crate::core::podtemplate::{Role, VolumeSource, inspect};
use crate::core::rules::{Context, Rule, Sink};
use serde_json::Value;

/// The PersistentVolumeClaim named `claim` that `r` uses: through the graph's volume
/// edges, else by name in `r`'s namespace (specs the graph does not follow).
fn claim<'a>(cx: &Context<'a>, r: &Resource, claim: &str) -> Option<&'a Resource> {
    cx.targets_of(r, EdgeKind::Volume).into_iter().find(|p| p.name() == claim).or_else(|| {
        cx.named(Kind::PersistentVolumeClaim, claim)
            .find(|p| r.namespace().is_none() || p.namespace() == r.namespace())
    })
}

/// See the module documentation.
pub struct ClaimAccessMode;

impl Rule for ClaimAccessMode {
    fn id(&self) -> &'static str {
        "POD-006"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A ReadWriteOnce PVC holding state is mounted by several Flink pods"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                let conf = cx.site_conf(&site);
                let replicas = |role: Role| {
                    site.get(&[role.spec_key(), "replicas"]).and_then(Value::as_u64).unwrap_or(1)
                };
                for sv in state_volumes(cx, &conf, &site) {
                    let Some(VolumeSource::PersistentVolumeClaim { claim: name }) =
                        sv.volume.as_ref().map(inspect::volume_source)
                    else {
                        continue;
                    };
                    let Some(pvc) = claim(cx, r, name) else { continue };
                    let modes: Vec<&str> = pvc
                        .spec_get(&["accessModes"])
                        .and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    let single = !modes.is_empty()
                        && modes.iter().all(|m| *m == "ReadWriteOnce" || *m == "ReadWriteOncePod");
                    let pods = if sv.roles.len() > 1 {
                        "the JobManager and TaskManager pods".to_string()
                    } else if let Some(role) = sv.roles.iter().find(|r| replicas(**r) > 1) {
                        format!("{} {} replicas", replicas(*role), role.label())
                    } else {
                        continue;
                    };
                    if !single {
                        continue;
                    }
                    out.report(
                        r,
                        &format!("{}/persistentVolumeClaim/claimName", sv.pointer),
                        format!(
                            "PVC '{name}' ({}) holds {} but is mounted by {pods}",
                            modes.join(", "),
                            sv.dirs.join(", ")
                        ),
                    )
                    .hint("use a ReadWriteMany claim or object storage (s3://…) for shared state");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn design(modes: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: d, namespace: f}}\nspec:\n  \
             flinkConfiguration: {{state.checkpoints.dir: 'file:///data/cp'}}\n  podTemplate:\n    spec:\n      \
             containers:\n      - name: flink-main-container\n        volumeMounts: [{{name: v, mountPath: /data}}]\n      \
             volumes:\n      - name: v\n        persistentVolumeClaim: {{claimName: pvc}}\n---\n\
             apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {{name: pvc, namespace: f}}\nspec:\n  accessModes: [{modes}]\n"
        )
    }

    #[test]
    fn fires_on_read_write_once_shared_by_job_and_task_managers() {
        let f = check(&ClaimAccessMode, &design("ReadWriteOnce"));
        assert_eq!(
            pointers(&f),
            [(
                "/spec/podTemplate/spec/volumes/0/persistentVolumeClaim/claimName".into(),
                Severity::Warning
            )]
        );
        assert_eq!(f[0].line, Some(13));
        assert!(f[0].message.contains("PVC 'pvc' (ReadWriteOnce)"), "{}", f[0].message);
    }

    #[test]
    fn silent_on_read_write_many() {
        assert!(check(&ClaimAccessMode, &design("ReadWriteMany")).is_empty());
    }
}
