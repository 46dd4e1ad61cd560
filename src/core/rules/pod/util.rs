//! Helpers shared by the pod-template, capacity and security rules: the configuration a
//! deployment-like spec runs with, the state directories it names, and its merged templates.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::core::cluster::ClusterSite;
use crate::core::config::{self, EffectiveConfig, Scope};
use crate::core::graph::EdgeKind;
use crate::core::model::{Kind, Resource};
use crate::core::podtemplate::{ArrayMerge, MERGE_BY_NAME_KEY, Merged, Role};
use crate::core::pointer;
use crate::core::rules::Context;

/// A configuration value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The key as found (one of the aliases asked for).
    pub key: String,
    /// The value.
    pub value: String,
    /// Pointer of the field in the resource being checked, when that resource wrote it.
    pub pointer: Option<String>,
    /// Name of the other resource that set it (environment defaults, operator defaults…).
    pub from: Option<String>,
}

/// The Flink configuration of one spec site: the resource's effective configuration for its
/// main spec, else the site's own `flinkConfiguration`.
pub struct SiteConfig<'a> {
    effective: Option<&'a EffectiveConfig>,
    own: BTreeMap<String, String>,
    own_value: Option<&'a Value>,
    own_pointer: String,
    resource: &'a Resource,
}

impl<'a> SiteConfig<'a> {
    /// The configuration `site` of `r` runs with.
    pub fn of(cx: &'a Context<'_>, r: &'a Resource, site: &ClusterSite<'a>) -> Self {
        let effective =
            if site.has_effective_config() { cx.config(r.id, Scope::Cluster) } else { None };
        let own_value = site.get(&["flinkConfiguration"]);
        Self {
            effective,
            own: own_value.map(config::flatten).unwrap_or_default(),
            own_value,
            own_pointer: site.field(&["flinkConfiguration"]),
            resource: r,
        }
    }

    /// The value of `key`.
    pub fn value(&self, key: &str) -> Option<String> {
        self.get(key).map(|s| s.value)
    }

    /// The setting of `key`.
    pub fn get(&self, key: &str) -> Option<Setting> {
        if let Some(e) = self.effective {
            let entry = e.get(key)?;
            let mine = entry.source.resource_id == Some(self.resource.id);
            // A flattened key's path may not name the nested field it was written as.
            let path = if self.resource.doc.pointer(&entry.source.path).is_some() {
                entry.source.path.clone()
            } else {
                self.own_pointer(key).unwrap_or_else(|| entry.source.path.clone())
            };
            return Some(Setting {
                key: key.to_string(),
                value: entry.value.clone(),
                pointer: mine.then_some(path),
                from: (!mine).then(|| match &entry.source.resource {
                    Some(r) => format!("{} {}", r.kind, r.name),
                    None => "operator defaults".to_string(),
                }),
            });
        }
        let value = self.own.get(key)?;
        Some(Setting {
            key: key.to_string(),
            value: value.clone(),
            pointer: self.own_pointer(key),
            from: None,
        })
    }

    fn own_pointer(&self, key: &str) -> Option<String> {
        let v = self.own_value?;
        self.own.contains_key(key).then(|| nested_pointer(v, &self.own_pointer, key))
    }

    /// The first of `aliases` that is set (try the canonical key first).
    pub fn first(&self, aliases: &[&str]) -> Option<Setting> {
        aliases.iter().find_map(|k| self.get(k))
    }

    /// How the operator merges this spec's pod-template arrays.
    pub fn array_merge(&self) -> ArrayMerge {
        ArrayMerge::from_config(self.value(MERGE_BY_NAME_KEY).as_deref())
    }
}

/// Pointer of dotted `key` inside a (possibly nested) `flinkConfiguration` at `base`:
/// `state: {checkpoints.dir: x}` gives `/…/state/checkpoints.dir`.
pub fn nested_pointer(conf: &Value, base: &str, key: &str) -> String {
    if let Value::Object(m) = conf {
        if m.contains_key(key) {
            return pointer::push(base, key);
        }
        for (k, v) in m {
            if let Some(rest) = key.strip_prefix(k.as_str()).and_then(|r| r.strip_prefix('.')) {
                return nested_pointer(v, &pointer::push(base, k), rest);
            }
        }
    }
    pointer::push(base, key)
}

/// A directory Flink writes state to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirKind {
    /// Checkpoint storage.
    Checkpoints,
    /// Default savepoint target.
    Savepoints,
    /// High-availability storage (only when HA is active).
    HaStorage,
    /// TaskManager local-recovery copies.
    LocalBackup,
}

impl DirKind {
    /// Label for messages.
    pub fn label(self) -> &'static str {
        match self {
            DirKind::Checkpoints => "checkpoint directory",
            DirKind::Savepoints => "savepoint directory",
            DirKind::HaStorage => "HA storage directory",
            DirKind::LocalBackup => "local-backup directory",
        }
    }

    /// The pods that must reach the directory.
    pub fn roles(self) -> &'static [Role] {
        match self {
            DirKind::Checkpoints | DirKind::Savepoints => &Role::BOTH,
            DirKind::HaStorage => &[Role::JobManager],
            DirKind::LocalBackup => &[Role::TaskManager],
        }
    }
}

/// Canonical key first, then deprecated aliases (domain.md §3.6).
const DIR_KEYS: &[(DirKind, &[&str])] = &[
    (
        DirKind::Checkpoints,
        &["execution.checkpointing.dir", "state.checkpoints.dir", "state.backend.fs.checkpointdir"],
    ),
    (
        DirKind::Savepoints,
        &[
            "execution.checkpointing.savepoint-dir",
            "state.savepoints.dir",
            "savepoints.state.backend.fs.dir",
        ],
    ),
    (DirKind::HaStorage, &["high-availability.storageDir"]),
    (
        DirKind::LocalBackup,
        &["execution.checkpointing.local-backup.dirs", "taskmanager.state.local.root-dirs"],
    ),
];

/// True when high availability is switched on.
pub fn ha_active(conf: &SiteConfig<'_>) -> bool {
    conf.first(&["high-availability.type", "high-availability"])
        .is_some_and(|s| !s.value.trim().is_empty() && !s.value.eq_ignore_ascii_case("none"))
}

/// The state directories a configuration names: `(kind, setting, one directory)`; the
/// local-backup setting may list several, separated by `,` or `;`.
pub fn state_dirs(conf: &SiteConfig<'_>) -> Vec<(DirKind, Setting, String)> {
    let mut out = Vec::new();
    for (kind, keys) in DIR_KEYS {
        if *kind == DirKind::HaStorage && !ha_active(conf) {
            continue;
        }
        let Some(s) = conf.first(keys) else { continue };
        for dir in s.value.split([',', ';']).map(str::trim).filter(|d| !d.is_empty()) {
            out.push((*kind, s.clone(), dir.to_string()));
        }
    }
    out
}

/// The merged templates of a site, for both roles.
pub fn merged_templates(site: &ClusterSite<'_>, mode: ArrayMerge) -> Vec<(Role, Merged)> {
    let t = site.templates();
    Role::BOTH.iter().filter_map(|&role| t.merged(role, mode).map(|m| (role, m))).collect()
}

/// The PersistentVolumeClaim named `claim` that `r` uses: through the graph's volume
/// edges, else by name in `r`'s namespace (specs the graph does not follow).
pub fn claim<'a>(cx: &Context<'a>, r: &Resource, claim: &str) -> Option<&'a Resource> {
    cx.targets_of(r, EdgeKind::Volume).into_iter().find(|p| p.name() == claim).or_else(|| {
        cx.named(Kind::PersistentVolumeClaim, claim)
            .find(|p| r.namespace().is_none() || p.namespace() == r.namespace())
    })
}

/// `name` as a location suffix for messages: `" (set by …)"` for inherited values.
pub fn provenance(s: &Setting) -> String {
    s.from.as_ref().map(|f| format!(" (set by {f})")).unwrap_or_default()
}

/// A volume that holds state directories of a spec.
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
pub fn state_volumes(conf: &SiteConfig<'_>, site: &ClusterSite<'_>) -> Vec<StateVolume> {
    use crate::core::podtemplate::inspect;
    let merged = merged_templates(site, conf.array_merge());
    let mut out: Vec<StateVolume> = Vec::new();
    for (kind, _, dir) in state_dirs(conf) {
        let Some(path) = inspect::local_path(&dir) else { continue };
        for (role, m) in merged.iter().filter(|(role, _)| kind.roles().contains(role)) {
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
            if !sv.dirs.contains(&dir) {
                sv.dirs.push(dir.clone());
            }
        }
    }
    out
}
