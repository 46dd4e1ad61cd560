//! The Flink configuration a job runs with, as the review asks it: a value and who set
//! it, for the few keys that decide what an upgrade does with state.
//!
//! Job-bearing kinds read their effective configuration (`core::config`, the one the
//! configuration panel shows, with operator defaults and environment defaults); a
//! blue/green template, which has none, reads its own `flinkConfiguration`. Either view
//! accepts every spelling of a key (deprecated names are resolved by the option catalog).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::core::config::{EffectiveConfig, flatten};
use crate::core::model::ResourceRef;
use crate::core::options::{FlinkVersion, catalog};

/// A configuration value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The value.
    pub value: String,
    /// The resource that set it (`None`: built-in operator defaults).
    pub resource: Option<ResourceRef>,
    /// JSON Pointer of the value in that resource (empty for built-in values).
    pub pointer: String,
}

/// A job's configuration.
#[derive(Debug, Clone, Default)]
pub struct Conf {
    effective: Option<EffectiveConfig>,
    own: BTreeMap<String, (String, String)>,
    owner: Option<ResourceRef>,
}

/// Keys the review reads (canonical names; deprecated spellings are found too).
pub mod keys {
    /// Checkpoint directory.
    pub const CHECKPOINT_DIR: &str = "execution.checkpointing.dir";
    /// Savepoint directory.
    pub const SAVEPOINT_DIR: &str = "execution.checkpointing.savepoint-dir";
    /// Checkpoint interval.
    pub const CHECKPOINT_INTERVAL: &str = "execution.checkpointing.interval";
    /// High availability.
    pub const HA_TYPE: &str = "high-availability.type";
    /// High-availability storage.
    pub const HA_DIR: &str = "high-availability.storageDir";
    /// The scheduler (`adaptive` allows in-place rescaling).
    pub const SCHEDULER: &str = "jobmanager.scheduler";
    /// `reactive` scheduler mode (standalone in-place scaling).
    pub const SCHEDULER_MODE: &str = "scheduler-mode";
    /// In-place scaling through the resource requirements API (default true).
    pub const INPLACE_SCALING: &str = "kubernetes.operator.job.upgrade.inplace-scaling.enabled";
    /// Automatic rollback of failed upgrades (default false; needs HA).
    pub const ROLLBACK: &str = "kubernetes.operator.deployment.rollback.enabled";
    /// Savepoint upgrades fall back to last-state when the job is not running (default true).
    pub const LAST_STATE_FALLBACK: &str =
        "kubernetes.operator.job.upgrade.last-state-fallback.enabled";
}

fn canonical(key: &str) -> String {
    catalog().canonical(key, FlinkVersion::LATEST).to_string()
}

impl Conf {
    /// The effective configuration of a job-bearing resource.
    pub fn effective(config: EffectiveConfig) -> Self {
        Self { effective: Some(config), ..Self::default() }
    }

    /// A configuration map written in `owner` at `base` (a blue/green template's).
    pub fn own(map: Option<&Value>, owner: ResourceRef, base: &str) -> Self {
        let mut own = BTreeMap::new();
        for (k, v) in map.map(flatten).unwrap_or_default() {
            let at = format!("{base}/{}", crate::core::pointer::escape(&k));
            own.insert(canonical(&k), (v, at));
        }
        Self { effective: None, own, owner: Some(owner) }
    }

    /// The value of `key` and who set it.
    pub fn setting(&self, key: &str) -> Option<Setting> {
        if let Some(c) = &self.effective {
            let e = c.get(key)?;
            return Some(Setting {
                value: e.value.clone(),
                resource: e.source.resource.as_deref().cloned(),
                pointer: e.source.path.clone(),
            });
        }
        let (value, pointer) = self.own.get(&canonical(key))?;
        Some(Setting {
            value: value.clone(),
            resource: self.owner.clone(),
            pointer: pointer.clone(),
        })
    }

    /// The value of `key`, trimmed; `None` when unset or blank.
    pub fn value(&self, key: &str) -> Option<String> {
        self.setting(key).map(|s| s.value.trim().to_string()).filter(|v| !v.is_empty())
    }

    /// A boolean option with its default.
    pub fn flag(&self, key: &str, default: bool) -> bool {
        self.value(key).map_or(default, |v| v.eq_ignore_ascii_case("true"))
    }

    /// True when high availability is on (`high-availability.type` other than NONE).
    pub fn ha(&self) -> bool {
        self.value(keys::HA_TYPE).is_some_and(|v| !v.eq_ignore_ascii_case("none"))
    }

    /// True when periodic checkpoints are on (an interval other than 0).
    pub fn checkpointing(&self) -> bool {
        self.value(keys::CHECKPOINT_INTERVAL).is_some_and(|v| {
            v.trim_start_matches('0').chars().next().is_some_and(|c| c.is_ascii_digit())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn owner() -> ResourceRef {
        ResourceRef {
            api_version: String::new(),
            kind: "X".into(),
            namespace: None,
            name: "x".into(),
        }
    }

    #[test]
    fn deprecated_spellings_are_found() {
        let map = json!({"state.checkpoints.dir": "s3://b/cp", "high-availability": "kubernetes",
                         "execution.checkpointing.interval": "0"});
        let c = Conf::own(Some(&map), owner(), "/spec/flinkConfiguration");
        let s = c.setting(keys::CHECKPOINT_DIR).unwrap();
        assert_eq!(s.value, "s3://b/cp");
        assert_eq!(s.pointer, "/spec/flinkConfiguration/state.checkpoints.dir");
        assert!(c.ha());
        assert!(!c.checkpointing());
        let c = Conf::own(Some(&json!({"execution.checkpointing.interval": "10 s"})), owner(), "");
        assert!(c.checkpointing());
        assert!(c.flag(keys::INPLACE_SCALING, true));
    }
}
