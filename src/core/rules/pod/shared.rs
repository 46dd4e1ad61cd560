//! Shared by POD-005 and POD-006: the volumes that hold a cluster's local state
//! directories, per pod.

use serde_json::Value;

use crate::core::cluster::{ClusterSite, SiteConf};
use crate::core::podtemplate::{Role, inspect};
use crate::core::rules::Context;

/// A volume that holds state directories of a cluster site.
#[derive(Debug, Clone, PartialEq)]
pub struct StateVolume {
    /// Volume name.
    pub name: String,
    /// The `volumes[]` entry (merged), or `None` when the mount names no declared volume.
    pub volume: Option<Value>,
    /// Document pointer of the volume entry (or of the mount when undeclared).
    pub pointer: String,
    /// Pods that mount it for state.
    pub roles: Vec<Role>,
    /// State directories on it.
    pub dirs: Vec<String>,
}

/// The volumes that back the local state directories of `site`, one entry per volume.
pub fn state_volumes<'a>(
    cx: &Context<'a>,
    conf: &SiteConf<'_>,
    site: &ClusterSite<'a>,
) -> Vec<StateVolume> {
    let merged = cx.role_templates(site, conf.array_merge());
    let mut out: Vec<StateVolume> = Vec::new();
    for state in conf.state_dirs() {
        let Some(path) = inspect::local_path(&state.dir) else { continue };
        for (role, m) in merged.iter().filter(|(role, _)| state.kind.roles().contains(role)) {
            let Some((ci, main)) = inspect::main_container(&m.value) else { continue };
            let mounts = inspect::mounts(main);
            let Some(mount) = inspect::covering_mount(&mounts, path) else { continue };
            let declared = inspect::volume(&m.value, mount.name);
            let at = match &declared {
                Some(v) => format!("/spec/volumes/{}", v.index),
                None => format!("/spec/containers/{ci}/volumeMounts/{}", mount.index),
            };
            let pointer = m.origin_of(&at).unwrap_or(&site.pointer).to_string();
            let volume = declared
                .and_then(|v| m.value.pointer(&format!("/spec/volumes/{}", v.index)).cloned());
            let sv = match out.iter_mut().find(|s| s.name == mount.name) {
                Some(sv) => sv,
                None => {
                    out.push(StateVolume {
                        name: mount.name.to_string(),
                        volume,
                        pointer,
                        roles: Vec::new(),
                        dirs: Vec::new(),
                    });
                    out.last_mut().expect("just pushed")
                }
            };
            if !sv.roles.contains(role) {
                sv.roles.push(*role);
            }
            if !sv.dirs.contains(&state.dir) {
                sv.dirs.push(state.dir.clone());
            }
        }
    }
    out
}
