//! Reading a pod template: containers, the `flink-main-container`, its volume mounts and
//! the declared volumes. Every function takes a `PodTemplateSpec`-shaped value (`metadata`,
//! `spec`), merged or as written, and returns indices so callers can build pointers
//! (`/spec/containers/{i}/volumeMounts/{j}`).

use serde_json::Value;

use super::MAIN_CONTAINER;

/// The containers of a template (`spec.containers`) with their indices.
pub fn containers(template: &Value) -> impl Iterator<Item = (usize, &Value)> {
    list(template, "containers")
}

/// The init containers of a template (`spec.initContainers`) with their indices.
pub fn init_containers(template: &Value) -> impl Iterator<Item = (usize, &Value)> {
    list(template, "initContainers")
}

fn list<'a>(template: &'a Value, key: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    template
        .get("spec")
        .and_then(|s| s.get(key))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

/// The name of a container (empty when missing).
pub fn container_name(container: &Value) -> &str {
    container.get("name").and_then(Value::as_str).unwrap_or("")
}

/// The `flink-main-container` of a template, with its index in `spec.containers`.
pub fn main_container(template: &Value) -> Option<(usize, &Value)> {
    containers(template).find(|(_, c)| container_name(c) == MAIN_CONTAINER)
}

/// One `volumeMounts[]` entry of a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount<'a> {
    /// Index in the container's `volumeMounts`.
    pub index: usize,
    /// `name`: the volume mounted.
    pub name: &'a str,
    /// `mountPath`.
    pub mount_path: &'a str,
    /// `readOnly`.
    pub read_only: bool,
}

/// The volume mounts of a container (entries without `name` or `mountPath` are skipped).
pub fn mounts(container: &Value) -> Vec<Mount<'_>> {
    container
        .get("volumeMounts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(index, m)| {
            Some(Mount {
                index,
                name: m.get("name")?.as_str()?,
                mount_path: m.get("mountPath")?.as_str()?,
                read_only: m.get("readOnly").and_then(Value::as_bool).unwrap_or(false),
            })
        })
        .collect()
}

/// The mount of `mounts` whose `mountPath` contains `path` (the deepest one when several
/// do); paths compare by whole components, so `/data` covers `/data/cp` but not `/database`.
pub fn covering_mount<'m, 'a>(mounts: &'m [Mount<'a>], path: &str) -> Option<&'m Mount<'a>> {
    mounts
        .iter()
        .filter(|m| is_under(path, m.mount_path))
        .max_by_key(|m| m.mount_path.trim_end_matches('/').len())
}

/// True when `path` is `dir` or lies below it (component-wise).
pub fn is_under(path: &str, dir: &str) -> bool {
    fn comps(p: &str) -> Vec<&str> {
        p.split('/').filter(|c| !c.is_empty() && *c != ".").collect()
    }
    let (p, d) = (comps(path), comps(dir));
    dir.starts_with('/') && p.len() >= d.len() && p[..d.len()] == d[..]
}

/// What backs a volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeSource<'a> {
    /// `emptyDir`: lives and dies with the pod.
    EmptyDir,
    /// `hostPath`: a directory of the node the pod runs on.
    HostPath {
        /// `hostPath.path`.
        path: Option<&'a str>,
    },
    /// `persistentVolumeClaim`.
    PersistentVolumeClaim {
        /// `persistentVolumeClaim.claimName`.
        claim: &'a str,
    },
    /// `configMap`.
    ConfigMap,
    /// `secret`.
    Secret,
    /// Any other volume type (its key, e.g. `nfs`, `csi`), or `""` when none is given.
    Other(&'a str),
}

/// One `volumes[]` entry of a template.
#[derive(Debug, Clone, PartialEq)]
pub struct Volume<'a> {
    /// Index in `spec.volumes`.
    pub index: usize,
    /// `name`.
    pub name: &'a str,
    /// What backs it.
    pub source: VolumeSource<'a>,
}

/// The volumes declared by a template (`spec.volumes`).
pub fn volumes(template: &Value) -> Vec<Volume<'_>> {
    list(template, "volumes")
        .filter_map(|(index, v)| {
            let name = v.get("name")?.as_str()?;
            Some(Volume { index, name, source: volume_source(v) })
        })
        .collect()
}

/// The volume named `name`, if declared.
pub fn volume<'a>(template: &'a Value, name: &str) -> Option<Volume<'a>> {
    volumes(template).into_iter().find(|v| v.name == name)
}

/// What backs one `volumes[]` entry.
pub fn volume_source(v: &Value) -> VolumeSource<'_> {
    let Some(obj) = v.as_object() else { return VolumeSource::Other("") };
    if obj.contains_key("emptyDir") {
        VolumeSource::EmptyDir
    } else if let Some(h) = obj.get("hostPath") {
        VolumeSource::HostPath { path: h.get("path").and_then(Value::as_str) }
    } else if let Some(c) = obj.get("persistentVolumeClaim") {
        VolumeSource::PersistentVolumeClaim {
            claim: c.get("claimName").and_then(Value::as_str).unwrap_or(""),
        }
    } else if obj.contains_key("configMap") {
        VolumeSource::ConfigMap
    } else if obj.contains_key("secret") {
        VolumeSource::Secret
    } else {
        VolumeSource::Other(obj.keys().map(String::as_str).find(|k| *k != "name").unwrap_or(""))
    }
}

/// The local path of a Flink filesystem URI that points at the container's own filesystem:
/// `file:///x` → `/x`, `file:/x` → `/x`, a scheme-less absolute path as is (Flink's default
/// scheme is `file`). `None` for remote schemes (`s3://`, `hdfs://`, …) and relative paths.
pub fn local_path(uri: &str) -> Option<&str> {
    let uri = uri.trim();
    if let Some(rest) = uri.strip_prefix("file://") {
        // file:///x has an empty authority; file://x/y is malformed but read as /y by Java.
        return rest.find('/').map(|i| &rest[i..]);
    }
    if let Some(rest) = uri.strip_prefix("file:") {
        return rest.starts_with('/').then_some(rest);
    }
    (uri.starts_with('/')).then_some(uri)
}
