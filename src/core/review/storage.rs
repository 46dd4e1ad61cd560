//! Whether a state directory survives what a change does to the pods: object storage and
//! distributed file systems do; a local path does only when a PersistentVolumeClaim backs
//! it in the JobManager's pod (the pod that is deleted and recreated by a redeploy).

use serde::Serialize;
use serde_json::Value;

use crate::core::podtemplate::{ArrayMerge, Role, Templates, VolumeSource, inspect};

/// Schemes of storage that outlives every pod.
const DURABLE_SCHEMES: &[&str] = &[
    "s3", "s3a", "s3p", "gs", "abfs", "abfss", "wasb", "wasbs", "hdfs", "oss", "viewfs", "obs",
    "cosn", "blob",
];

/// What holds a state directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "holder", rename_all = "kebab-case")]
pub enum Durability {
    /// Object storage or a distributed file system (`s3://…`).
    Remote {
        /// The URI scheme.
        scheme: String,
    },
    /// A local path on a PersistentVolumeClaim mounted into the JobManager.
    Claim {
        /// The claim's name.
        claim: String,
    },
    /// A local path on a volume that does not outlive its pod or node.
    Ephemeral {
        /// Why (`an emptyDir volume 'data'`, `the container's own filesystem`).
        why: String,
    },
    /// A local path on a volume of another kind (NFS, CSI …): assumed durable.
    OtherVolume {
        /// The volume type.
        kind: String,
    },
}

impl Durability {
    /// True when the directory survives a redeploy of the cluster.
    pub fn survives(&self) -> bool {
        !matches!(self, Durability::Ephemeral { .. })
    }

    /// Short description for messages.
    pub fn describe(&self) -> String {
        match self {
            Durability::Remote { scheme } => format!("{scheme}:// storage"),
            Durability::Claim { claim } => format!("PersistentVolumeClaim '{claim}'"),
            Durability::Ephemeral { why } => why.clone(),
            Durability::OtherVolume { kind } => format!("a {kind} volume"),
        }
    }
}

fn scheme(uri: &str) -> Option<&str> {
    let (scheme, _) = uri.trim().split_once("://")?;
    (!scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || c == '+'))
        .then_some(scheme)
}

/// Where the directory `uri` lives, given the deployment spec whose pods write it
/// (`spec` is the FlinkDeployment-like spec: its pod templates are read).
pub fn durability(uri: &str, spec: &Value) -> Durability {
    if let Some(s) = scheme(uri).filter(|s| *s != "file") {
        let s = s.to_ascii_lowercase();
        if DURABLE_SCHEMES.contains(&s.as_str()) {
            return Durability::Remote { scheme: s };
        }
        return Durability::OtherVolume { kind: format!("{s}://") };
    }
    let Some(path) = inspect::local_path(uri) else {
        return Durability::Ephemeral { why: format!("a relative path '{uri}'") };
    };
    let templates = Templates::of(spec, "");
    let Some(merged) = templates.merged(Role::JobManager, ArrayMerge::default()) else {
        return Durability::Ephemeral { why: "the container's own filesystem".into() };
    };
    let Some((_, main)) = inspect::main_container(&merged.value) else {
        return Durability::Ephemeral { why: "the container's own filesystem".into() };
    };
    let mounts = inspect::mounts(main);
    let Some(mount) = inspect::covering_mount(&mounts, path) else {
        return Durability::Ephemeral { why: "the container's own filesystem".into() };
    };
    match inspect::volume(&merged.value, mount.name).map(|v| v.source) {
        Some(VolumeSource::PersistentVolumeClaim { claim }) => {
            Durability::Claim { claim: claim.to_string() }
        }
        Some(VolumeSource::EmptyDir) => {
            Durability::Ephemeral { why: format!("an emptyDir volume '{}'", mount.name) }
        }
        Some(VolumeSource::HostPath { .. }) => Durability::Ephemeral {
            why: format!("a hostPath volume '{}' (one node's disk)", mount.name),
        },
        Some(VolumeSource::Other(kind)) if !kind.is_empty() => {
            Durability::OtherVolume { kind: kind.to_string() }
        }
        _ => Durability::Ephemeral {
            why: format!("volume '{}', which the pod template does not declare", mount.name),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn with_volume(volume: Value) -> Value {
        json!({"podTemplate": {"spec": {
            "containers": [{"name": "flink-main-container",
                            "volumeMounts": [{"name": "data", "mountPath": "/flink-data"}]}],
            "volumes": [volume]}}})
    }

    #[test]
    fn remote_schemes_survive() {
        assert_eq!(durability("s3://b/cp", &json!({})), Durability::Remote { scheme: "s3".into() });
        assert!(durability("hdfs:///cp", &json!({})).survives());
    }

    #[test]
    fn local_paths_survive_only_on_claims() {
        let pvc = with_volume(json!({"name": "data", "persistentVolumeClaim": {"claimName": "c"}}));
        assert_eq!(
            durability("file:///flink-data/cp", &pvc),
            Durability::Claim { claim: "c".into() }
        );
        let empty = with_volume(json!({"name": "data", "emptyDir": {}}));
        let d = durability("file:///flink-data/cp", &empty);
        assert!(!d.survives());
        assert!(d.describe().contains("emptyDir"));
        assert!(!durability("file:///elsewhere/cp", &pvc).survives(), "not under the mount");
        assert!(!durability("file:///flink-data/cp", &json!({})).survives(), "no template");
        let host = with_volume(json!({"name": "data", "hostPath": {"path": "/tmp"}}));
        assert!(!durability("/flink-data/cp", &host).survives());
    }
}
