//! The Flink configuration a cluster site runs with, and where each kind keeps its
//! configuration maps.
//!
//! [`SiteConf`] answers "what is key K for this cluster, and who set it" in two views:
//! * [`SiteConf::setting`] — the effective configuration of
//!   [`config`](crate::core::config) (what the configuration panel shows: operator
//!   defaults for the governing operator, namespace and version, environment defaults,
//!   the resource's own map, values the operator derives and forces);
//! * [`SiteConf::written`] — the same configuration as users wrote it: a value the
//!   operator derives from a spec field, fills in or forces falls back to the
//!   user-written value it overrode (what FKO's validator sees, domain.md §4).
//!
//! Sites without a configuration of their own (environment defaults, fragments) read
//! their own `flinkConfiguration`. Either view accepts every spelling of a key: the
//! canonical name, its deprecated names and legacy fallback names of the option catalog
//! ([`spellings`]).
//!
//! [`conf_maps`] lists every Flink configuration map a resource holds, with the Flink
//! version its keys are read for.

use serde_json::Value;

mod places;

pub use places::{ConfigMapPlace, MapRole, flink_configuration_maps, place_version};

use super::site::{ClusterSite, SiteKind, sites_of};
use crate::core::config::{DefaultsSection, EffectiveConfig, Layer, flatten_with_pointers};
use crate::core::model::{Form, Kind, Resource, ResourceId};
use crate::core::options::{FlinkVersion, OptionInfo, catalog};
use crate::core::podtemplate::{ArrayMerge, MERGE_BY_NAME_KEY, Role};

/// Every spelling of `key` Flink or the operator accepts, preferred first: the
/// canonical name, then its deprecated names, then fallback names that are no option of
/// their own (the autoscaler's legacy `kubernetes.operator.job.autoscaler.` prefix).
pub fn spellings(key: &str) -> Vec<String> {
    let cat = catalog();
    let Some(o) = cat.lookup_any(key) else { return vec![key.to_string()] };
    let mut out = vec![o.key.clone()];
    out.extend(o.deprecated_keys.iter().cloned());
    out.extend(
        o.fallback_keys.iter().filter(|k| cat.canonical(k, FlinkVersion::LATEST) == o.key).cloned(),
    );
    if o.is_pattern() || !out.iter().any(|k| k == key) {
        return vec![key.to_string()];
    }
    out
}

/// True for layers a user wrote (as opposed to values the operator derives, fills in or
/// forces after validation).
fn user_written(layer: Layer) -> bool {
    !matches!(
        layer,
        Layer::SpecField | Layer::OperatorForced | Layer::OperatorFillIn | Layer::FlinkDefault
    )
}

/// A configuration value and who set it.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting<'c> {
    /// The key asked for (a value of the effective configuration) or the spelling
    /// written in the site's own map.
    pub key: String,
    /// The value as Flink reads it.
    pub value: String,
    /// The resource that set it (`None`: a built-in default such as the operator
    /// chart's).
    pub resource: Option<&'c Resource>,
    /// JSON Pointer of the value in `resource` (empty for built-in defaults).
    pub pointer: String,
    /// The layer that set it (`None`: the site's own map).
    pub layer: Option<Layer>,
}

impl Setting<'_> {
    /// Where the value is written when `r` wrote it.
    pub fn pointer_in(&self, r: &Resource) -> Option<&str> {
        (self.resource.map(|s| s.id) == Some(r.id)).then_some(self.pointer.as_str())
    }

    /// `" (set by Environment prod)"` for a value `r` did not write (`" (set by operator
    /// defaults)"` for built-in ones), else empty: a suffix for messages about `r`.
    pub fn provenance(&self, r: &Resource) -> String {
        if self.pointer_in(r).is_some() {
            return String::new();
        }
        match self.resource {
            Some(by) => {
                let by = by.reference();
                format!(" (set by {} {})", by.kind, by.name)
            }
            None => " (set by operator defaults)".to_string(),
        }
    }
}

/// Looks a resource of the design up by id (a tracked read when rules ask).
pub type Resolve<'c> = Box<dyn Fn(ResourceId) -> Option<&'c Resource> + 'c>;

/// The configuration one cluster (or session job) runs with; see the module
/// documentation.
pub struct SiteConf<'c> {
    owner: &'c Resource,
    effective: Option<&'c EffectiveConfig>,
    /// The site's own map, read only without an effective configuration.
    map: Option<&'c Value>,
    /// `map` flattened (key, value, pointer), on first use.
    own: std::cell::OnceCell<Vec<(String, String, String)>>,
    home: String,
    resolve: Resolve<'c>,
}

impl<'c> SiteConf<'c> {
    /// The configuration of `owner` given its effective configuration (if it has one)
    /// and its own map (`map`, read when there is no effective configuration) at `home`,
    /// the pointer where `owner` keeps it.
    pub fn new(
        owner: &'c Resource,
        effective: Option<&'c EffectiveConfig>,
        map: Option<&'c Value>,
        home: String,
        resolve: Resolve<'c>,
    ) -> Self {
        Self { owner, effective, map, own: std::cell::OnceCell::new(), home, resolve }
    }

    /// The configuration of a site: its owner's effective configuration when it
    /// describes the site ([`ClusterSite::has_effective_config`]), else the site's own
    /// `flinkConfiguration`.
    pub fn of_site(
        site: &ClusterSite<'c>,
        effective: Option<&'c EffectiveConfig>,
        resolve: Resolve<'c>,
    ) -> Self {
        let effective = effective.filter(|_| site.has_effective_config());
        let map = site.get(&["flinkConfiguration"]);
        Self::new(site.owner, effective, map, site.field(&["flinkConfiguration"]), resolve)
    }

    /// The effective configuration, when the site has one.
    pub fn effective(&self) -> Option<&'c EffectiveConfig> {
        self.effective
    }

    fn in_own_map(&self, key: &str) -> Option<Setting<'c>> {
        let own = self.own.get_or_init(|| {
            self.map.map(|v| flatten_with_pointers(v, &self.home)).unwrap_or_default()
        });
        spellings(key).into_iter().find_map(|k| {
            let (written, value, pointer) = own.iter().find(|(w, ..)| *w == k)?;
            Some(Setting {
                key: written.clone(),
                value: value.clone(),
                resource: Some(self.owner),
                pointer: pointer.clone(),
                layer: None,
            })
        })
    }

    fn placed(&self, key: &str, value: &str, source: &crate::core::config::Source) -> Setting<'c> {
        let resource = source.resource_id.and_then(|id| (self.resolve)(id));
        Setting {
            key: key.to_string(),
            value: value.to_string(),
            resource,
            pointer: source.path.clone(),
            layer: Some(source.layer),
        }
    }

    /// The value `key` (any spelling) has in the running cluster, and who set it.
    pub fn setting(&self, key: &str) -> Option<Setting<'c>> {
        let Some(e) = self.effective else { return self.in_own_map(key) };
        let entry = e.get(key)?;
        Some(self.placed(key, &entry.value, &entry.source))
    }

    /// The value of `key` as users wrote it (see the module documentation), and who
    /// wrote it.
    pub fn written(&self, key: &str) -> Option<Setting<'c>> {
        let Some(e) = self.effective else { return self.in_own_map(key) };
        spellings(key).iter().find_map(|k| {
            let entry = e.get(k)?;
            if user_written(entry.source.layer) {
                return Some(self.placed(k, &entry.value, &entry.source));
            }
            let o = entry.overridden.iter().find(|o| user_written(o.source.layer))?;
            Some(self.placed(k, &o.value, &o.source))
        })
    }

    /// The value of `key` in the running cluster.
    pub fn value(&self, key: &str) -> Option<String> {
        self.setting(key).map(|s| s.value)
    }

    /// The user-written value of `key`.
    pub fn written_value(&self, key: &str) -> Option<String> {
        self.written(key).map(|s| s.value)
    }

    /// True when users set `key` to a non-blank value.
    pub fn has(&self, key: &str) -> bool {
        self.written_value(key).is_some_and(|v| !v.trim().is_empty())
    }

    /// True when users set `key` to `false` (case-insensitive).
    pub fn is_false(&self, key: &str) -> bool {
        self.written_value(key).is_some_and(|v| v.trim().eq_ignore_ascii_case("false"))
    }

    /// True when users set `key` to `true` (case-insensitive).
    pub fn is_true(&self, key: &str) -> bool {
        self.written_value(key).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    }

    /// True when high availability is on (`high-availability.type` set, not `NONE`).
    /// Amazon EMR's operator turns it on itself for `jobManager.highAvailabilityEnabled`.
    pub fn ha_active(&self) -> bool {
        self.value("high-availability.type")
            .is_some_and(|v| !v.trim().is_empty() && !v.trim().eq_ignore_ascii_case("none"))
            || super::emr::supplies_ha(self.owner)
    }

    /// Task slots per TaskManager (default 1).
    pub fn slots(&self) -> u64 {
        self.value("taskmanager.numberOfTaskSlots")
            .and_then(|s| s.trim().parse().ok())
            .filter(|n| *n > 0)
            .unwrap_or(1)
    }

    /// How the operator merges this cluster's pod-template arrays.
    pub fn array_merge(&self) -> ArrayMerge {
        ArrayMerge::from_config(self.value(MERGE_BY_NAME_KEY).as_deref())
    }

    /// The state directories the configuration names, one entry per directory (the
    /// local-backup setting may list several, separated by `,` or `;`); HA storage only
    /// when HA is on.
    pub fn state_dirs(&self) -> Vec<StateDir<'c>> {
        let mut out = Vec::new();
        for kind in DirKind::ALL {
            if kind == DirKind::HaStorage && !self.ha_active() {
                continue;
            }
            let Some(s) = self.setting(kind.key()) else { continue };
            for dir in s.value.split([',', ';']).map(str::trim).filter(|d| !d.is_empty()) {
                out.push(StateDir { kind, setting: s.clone(), dir: dir.to_string() });
            }
        }
        out
    }

    /// Where a setting is written, to report on it: the resource and pointer that set
    /// it, or the owner's own map for built-in defaults.
    pub fn place(&self, s: &Setting<'c>) -> (&'c Resource, String) {
        match s.resource {
            Some(r) if !s.pointer.is_empty() => (r, s.pointer.clone()),
            _ => (self.owner, self.home.clone()),
        }
    }

    /// The resource this configuration is about.
    pub fn owner(&self) -> &'c Resource {
        self.owner
    }
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
    /// Every kind, in report order.
    pub const ALL: [DirKind; 4] =
        [DirKind::Checkpoints, DirKind::Savepoints, DirKind::HaStorage, DirKind::LocalBackup];

    /// The canonical key naming the directory.
    pub fn key(self) -> &'static str {
        match self {
            DirKind::Checkpoints => "execution.checkpointing.dir",
            DirKind::Savepoints => "execution.checkpointing.savepoint-dir",
            DirKind::HaStorage => "high-availability.storageDir",
            DirKind::LocalBackup => "execution.checkpointing.local-backup.dirs",
        }
    }

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

/// One state directory of a configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct StateDir<'c> {
    /// What it holds.
    pub kind: DirKind,
    /// The setting naming it.
    pub setting: Setting<'c>,
    /// The directory.
    pub dir: String,
}

/// Which configuration map of a resource a [`ConfMap`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapKind {
    /// A cluster site's `flinkConfiguration`.
    Site(SiteKind),
    /// A FlinkSessionJob's `flinkConfiguration` (job-level keys on a session cluster).
    SessionJob,
    /// A statement's `flinkConfiguration`.
    Statement,
    /// An environment's `statementDefaults.<branch>.flinkConfiguration` (the detached or
    /// interactive section).
    StatementDefaults(DefaultsSection),
    /// The operator installation's `defaultConfiguration` (its own options and the
    /// defaults it hands every deployment).
    OperatorDefaults,
}

/// One Flink configuration map of a resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfMap<'a> {
    /// The resource holding it.
    pub owner: &'a Resource,
    /// Which map.
    pub kind: MapKind,
    /// JSON Pointer of the map.
    pub pointer: String,
    /// The map (possibly nested: FKO ≥ 1.13 flattens it).
    pub map: &'a Value,
    /// The Flink version its keys are read for.
    pub version: FlinkVersion,
    /// The cluster site holding the map, with its pointer (site maps only).
    site: Option<(&'a Value, String)>,
}

/// One key of a map, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Key as written (nested maps flattened to dotted keys).
    pub key: String,
    /// Value as Flink reads it.
    pub value: String,
    /// JSON Pointer of the value.
    pub pointer: String,
}

impl<'a> ConfMap<'a> {
    /// The keys of the map, in document order.
    pub fn items(&self) -> Vec<Item> {
        flatten_with_pointers(self.map, &self.pointer)
            .into_iter()
            .map(|(key, value, pointer)| Item { key, value, pointer })
            .collect()
    }

    /// Items whose canonical key (for this map's version) is `canonical`.
    pub fn items_for(&self, canonical: &str) -> Vec<Item> {
        let cat = catalog();
        self.items()
            .into_iter()
            .filter(|i| cat.canonical(&i.key, self.version) == canonical)
            .collect()
    }

    /// The option a key names in this map's version, if the catalog knows it.
    pub fn option(&self, key: &str) -> Option<&'static OptionInfo> {
        catalog().lookup(key, self.version)
    }

    /// True for CMF objects (applications, pools, statements, environments).
    pub fn cmf(&self) -> bool {
        matches!(self.owner.form, Form::CmfRest | Form::CfkCr)
    }

    /// A field of the cluster site holding this map, with its pointer (`None` for maps
    /// outside a site, or when the field is unset).
    pub fn site_field(&self, tokens: &[&str]) -> Option<(&'a Value, String)> {
        let (spec, at) = self.site.as_ref()?;
        let v = crate::core::pointer::get(spec, tokens).filter(|v| !v.is_null())?;
        Some((v, tokens.iter().fold(at.clone(), |p, t| crate::core::pointer::push(&p, t))))
    }

    /// True when the map configures a native-Kubernetes Flink cluster (not standalone).
    pub fn native(&self) -> bool {
        let mode = match self.site {
            Some(_) => self.site_field(&["mode"]).map(|(v, _)| v),
            None => self.owner.spec_get(&["mode"]),
        };
        mode.and_then(Value::as_str) != Some("standalone")
    }

    /// True when the map is the one the owner's effective configuration is built on
    /// (the main cluster site of a FlinkDeployment, blue/green deployment, application
    /// or pool).
    pub fn is_main_site(&self) -> bool {
        matches!(self.kind, MapKind::Site(k) if SiteKind::of(self.owner.kind) == Some(k))
    }
}

/// Which map a place of a resource of `kind` is (`None`: a section without a map).
fn map_kind(kind: Kind, role: MapRole) -> Option<MapKind> {
    Some(match role {
        MapRole::OperatorDefaults => MapKind::OperatorDefaults,
        MapRole::Own => match (SiteKind::of(kind), kind) {
            (Some(site), _) => MapKind::Site(site),
            (None, Kind::FlinkSessionJob) => MapKind::SessionJob,
            (None, Kind::Statement) => MapKind::Statement,
            _ => return None,
        },
        MapRole::EnvironmentDefaults(section) => match section {
            DefaultsSection::ApplicationDefaults => MapKind::Site(SiteKind::ApplicationDefaults),
            DefaultsSection::ComputePoolDefaults => MapKind::Site(SiteKind::ComputePoolDefaults),
            DefaultsSection::DetachedStatementDefaults
            | DefaultsSection::InteractiveStatementDefaults => MapKind::StatementDefaults(section),
            DefaultsSection::Placement => return None,
        },
    })
}

/// Every Flink configuration map `r` holds, in display order: the filled-in places of
/// [`flink_configuration_maps`] (a cluster site's, a session job's or statement's own
/// map, an environment's defaults blocks, the operator's `defaultConfiguration`), then
/// the map of a fragment shaped like a deployment spec. `config_version` is the Flink
/// version of `r`'s effective configuration, when it has one ([`place_version`]).
pub fn conf_maps(r: &Resource, config_version: Option<FlinkVersion>) -> Vec<ConfMap<'_>> {
    let sites = sites_of(r, None);
    let site_of = |kind: MapKind| match kind {
        MapKind::Site(k) => sites.iter().find(|s| s.kind == k).map(|s| (s.spec, s.pointer.clone())),
        _ => None,
    };
    let mut out = Vec::new();
    for place in flink_configuration_maps(r.kind) {
        let Some(map) = r.spec_get(place.tokens).filter(|m| m.is_object()) else { continue };
        let Some(kind) = map_kind(r.kind, place.role) else { continue };
        out.push(ConfMap {
            owner: r,
            kind,
            pointer: r.spec_field(place.tokens),
            map,
            version: place_version(r, place, config_version),
            site: site_of(kind),
        });
    }
    for site in sites.iter().filter(|s| s.is_fragment()) {
        let Some(map) = site.get(&["flinkConfiguration"]).filter(|m| m.is_object()) else {
            continue;
        };
        let declared = site.str(&["flinkVersion"]).and_then(FlinkVersion::parse);
        out.push(ConfMap {
            owner: r,
            kind: MapKind::Site(SiteKind::Fragment),
            pointer: site.field(&["flinkConfiguration"]),
            map,
            version: declared.unwrap_or(FlinkVersion::LATEST),
            site: Some((site.spec, site.pointer.clone())),
        });
    }
    out
}

#[cfg(test)]
mod tests;
