//! Configuration look-ups for FKO rules: layered maps with deprecated key aliases
//! (domain.md §3.6), so rules work with the placeholder configuration and the real merge.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::core::cluster::{ClusterSite, SiteKind};
use crate::core::config::{self, EffectiveConfig, Scope, flatten};
use crate::core::graph::EdgeKind;
use crate::core::model::{Form, Kind, Resource};
use crate::core::pointer;
use crate::core::rules::Context;

/// Canonical keys and their deprecated aliases (canonical first).
const ALIASES: &[&[&str]] = &[
    &["state.backend.type", "state.backend"],
    &["execution.checkpointing.dir", "state.checkpoints.dir", "state.backend.fs.checkpointdir"],
    &[
        "execution.checkpointing.savepoint-dir",
        "state.savepoints.dir",
        "savepoints.state.backend.fs.dir",
    ],
    &["execution.checkpointing.storage", "state.checkpoint-storage"],
    &["execution.checkpointing.num-retained", "state.checkpoints.num-retained"],
    &["execution.checkpointing.incremental", "state.backend.incremental"],
    &["high-availability.type", "high-availability"],
];

/// Keys of the checkpoint directory (canonical first).
pub const CHECKPOINT_DIR: &str = "execution.checkpointing.dir";
/// Keys of the savepoint directory (canonical first).
pub const SAVEPOINT_DIR: &str = "execution.checkpointing.savepoint-dir";

/// Every spelling of `key`: itself plus its aliases; autoscaler keys also accept the legacy
/// `kubernetes.operator.job.autoscaler.` prefix.
pub fn spellings(key: &str) -> Vec<String> {
    let mut out: Vec<String> = match ALIASES.iter().find(|g| g.contains(&key)) {
        Some(g) => g.iter().map(|s| s.to_string()).collect(),
        None => vec![key.to_string()],
    };
    if let Some(rest) = key.strip_prefix("job.autoscaler.") {
        out.push(format!("kubernetes.operator.job.autoscaler.{rest}"));
    }
    out
}

/// True for layers a user wrote (as opposed to values the operator derives, fills in or
/// forces after validation).
fn user_written(layer: config::Layer) -> bool {
    !matches!(
        layer,
        config::Layer::SpecField
            | config::Layer::OperatorForced
            | config::Layer::OperatorFillIn
            | config::Layer::FlinkDefault
    )
}

/// A value found in a configuration, with where it was written.
#[derive(Debug, Clone)]
pub struct Hit<'c> {
    /// The key as written.
    pub key: String,
    /// The value.
    pub value: String,
    /// The resource that wrote it, if it is in the design.
    pub resource: Option<&'c Resource>,
    /// Pointer of the value in that resource.
    pub pointer: String,
}

/// One layer: a flattened map written at `base` of `resource`.
struct Layer<'c> {
    resource: Option<&'c Resource>,
    base: String,
    map: BTreeMap<String, String>,
}

/// The layered configuration of one deployment-like spec, highest precedence first:
/// explicitly added layers (environment defaults win over the application), then the
/// effective configuration computed by the config module, then fall-back layers
/// (session cluster, operator defaults).
#[derive(Default)]
pub struct Conf<'c> {
    before: Vec<Layer<'c>>,
    effective: Option<&'c EffectiveConfig>,
    after: Vec<Layer<'c>>,
    cx: Option<&'c Context<'c>>,
}

impl<'c> Conf<'c> {
    /// The effective (cluster) configuration of `r`.
    pub fn of(cx: &'c Context<'c>, r: &Resource) -> Self {
        Self { effective: cx.config(r.id, Scope::Cluster), cx: Some(cx), ..Default::default() }
    }

    /// Adds a layer that wins over the effective configuration.
    pub fn with_first(mut self, r: Option<&'c Resource>, base: String, v: Option<&Value>) -> Self {
        let map = v.map(flatten).unwrap_or_default();
        self.before.push(Layer { resource: r, base, map });
        self
    }

    /// Adds a layer that loses to everything added before.
    pub fn with_last(mut self, r: Option<&'c Resource>, base: String, v: Option<&Value>) -> Self {
        let map = v.map(flatten).unwrap_or_default();
        self.after.push(Layer { resource: r, base, map });
        self
    }

    /// Adds the operator's default configuration for a deployment in `ns` running Flink
    /// `version` (domain.md §3.4 layers 1–3), from the first FKO installation node.
    pub fn with_operator_defaults(self, ns: Option<&str>, version: Option<&str>) -> Self {
        let Some(cx) = self.cx else { return self };
        let Some(op) = cx.of_kind(Kind::FkoInstall).next() else { return self };
        let base = op.spec_field(&["defaultConfiguration"]);
        let all = cx.memo("operator-default-configuration", op, || {
            op.spec_get(&["defaultConfiguration"]).map(flatten).unwrap_or_default()
        });
        let mut map = BTreeMap::new();
        let prefix = "kubernetes.operator.default-configuration.";
        for (k, v) in all.iter() {
            if !k.starts_with(prefix) {
                map.insert(k.clone(), (k.clone(), v.clone()));
            }
        }
        for scoped in
            [ns.map(|n| format!("namespace.{n}.")), version.map(|v| format!("flink-version.{v}."))]
                .into_iter()
                .flatten()
        {
            let p = format!("{prefix}{scoped}");
            for (k, v) in all.iter() {
                if let Some(key) = k.strip_prefix(&p) {
                    map.insert(key.to_string(), (k.clone(), v.clone()));
                }
            }
        }
        let mut s = self;
        s.after.push(Layer { resource: Some(op), base, map: map.into_values().collect() });
        s
    }

    /// The first value of `key` (or an alias of it), highest precedence first.
    pub fn get(&self, key: &str) -> Option<Hit<'c>> {
        let keys = spellings(key);
        let from_layer = |l: &Layer<'c>| {
            keys.iter().find_map(|k| {
                l.map.get(k).map(|v| Hit {
                    key: k.clone(),
                    value: v.clone(),
                    resource: l.resource,
                    pointer: pointer::push(&l.base, k),
                })
            })
        };
        self.before.iter().find_map(from_layer).or_else(|| {
            self.effective
                .and_then(|e| {
                    keys.iter().find_map(|k| {
                        let entry = e.get(k)?;
                        // The validator sees what users wrote, not what the operator
                        // derives or forces afterwards: fall back to the value it overrode.
                        let (value, source) = if user_written(entry.source.layer) {
                            (&entry.value, &entry.source)
                        } else {
                            let o =
                                entry.overridden.iter().find(|o| user_written(o.source.layer))?;
                            (&o.value, &o.source)
                        };
                        Some(Hit {
                            key: k.clone(),
                            value: value.clone(),
                            resource: source
                                .resource_id
                                .and_then(|id| self.cx.and_then(|cx| cx.get(id))),
                            pointer: source.path.clone(),
                        })
                    })
                })
                .or_else(|| self.after.iter().find_map(from_layer))
        })
    }

    /// The value of `key` (or an alias), if set.
    pub fn value(&self, key: &str) -> Option<String> {
        self.get(key).map(|h| h.value)
    }

    /// True when `key` is set to `false` (case-insensitive).
    pub fn is_false(&self, key: &str) -> bool {
        self.value(key).is_some_and(|v| v.trim().eq_ignore_ascii_case("false"))
    }

    /// True when a non-blank value is set for `key`.
    pub fn has(&self, key: &str) -> bool {
        self.value(key).is_some_and(|v| !v.trim().is_empty())
    }

    /// True when high availability is active (`high-availability.type` set, not NONE).
    pub fn ha_active(&self) -> bool {
        self.value("high-availability.type")
            .is_some_and(|v| !v.trim().is_empty() && !v.trim().eq_ignore_ascii_case("none"))
    }
}

/// An option of the operator's own configuration (first FKO installation node's
/// `defaultConfiguration`), e.g. `kubernetes.operator.user.artifacts.allowed-schemes`.
pub fn operator_option(cx: &Context<'_>, key: &str) -> Option<String> {
    cx.of_kind(Kind::FkoInstall)
        .find_map(|o| o.spec_get(&["defaultConfiguration"]).map(flatten))
        .and_then(|m| m.get(key).cloned())
}

/// The namespace a resource's generated deployment lands in.
fn namespace_of(cx: &Context<'_>, r: &Resource) -> Option<String> {
    match r.form {
        Form::FkoCr => Some(r.namespace().unwrap_or("default").to_string()),
        _ => cx
            .environment_of(r)
            .and_then(|e| e.spec_str(&["kubernetesNamespace"]))
            .map(str::to_string),
    }
}

/// The configuration of a cluster site: environment defaults (which win), the effective
/// configuration, then operator defaults; the site's own map for environment defaults.
pub fn of_site<'c>(cx: &'c Context<'c>, s: &ClusterSite<'c>) -> Conf<'c> {
    let own = |conf: Conf<'c>| {
        conf.with_first(
            Some(s.owner),
            pointer::push(&s.pointer, "flinkConfiguration"),
            s.spec.get("flinkConfiguration"),
        )
    };
    if !s.complete() {
        return own(Conf::default());
    }
    let r = s.owner;
    let mut conf = Conf::of(cx, r);
    if let Some((e, at, d)) = s.defaults() {
        conf = conf.with_first(
            Some(e),
            pointer::push(at, "flinkConfiguration"),
            d.get("flinkConfiguration"),
        );
    }
    if s.kind == SiteKind::BlueGreenTemplate {
        conf = own(conf);
    }
    let version = s
        .str(&["flinkVersion"])
        .or_else(|| s.defaults().and_then(|(_, _, d)| pointer::get_str(d, &["flinkVersion"])));
    conf.with_operator_defaults(namespace_of(cx, r).as_deref(), version)
}

/// A FlinkSessionJob with its session cluster and the configuration the validator builds:
/// session job overrides → session cluster `flinkConfiguration` → operator defaults.
pub struct SessionJob<'c> {
    /// The session job.
    pub owner: &'c Resource,
    /// The merged configuration.
    pub conf: Conf<'c>,
}

/// Every FlinkSessionJob of the design.
pub fn session_jobs<'c>(cx: &'c Context<'c>) -> Vec<SessionJob<'c>> {
    cx.of_kind(Kind::FlinkSessionJob).map(|r| session_job(cx, r)).collect()
}

/// One FlinkSessionJob with its configuration (see [`SessionJob`]).
pub fn session_job<'c>(cx: &'c Context<'c>, r: &'c Resource) -> SessionJob<'c> {
    let cluster = cx.targets_of(r, EdgeKind::SessionCluster).into_iter().next();
    let mut conf = Conf::of(cx, r);
    if let Some(c) = cluster {
        let at = c.spec_field(&["flinkConfiguration"]);
        conf = conf.with_last(Some(c), at, c.spec_get(&["flinkConfiguration"]));
    }
    let version = cluster.and_then(|c| c.spec_str(&["flinkVersion"]));
    let ns = r.namespace().unwrap_or("default");
    let conf = conf.with_operator_defaults(Some(ns), version);
    SessionJob { owner: r, conf }
}

/// Where a configuration hit is written (the site's `flinkConfiguration` if unknown).
pub fn place<'c>(s: &ClusterSite<'c>, hit: &Hit<'c>) -> (&'c Resource, String) {
    match hit.resource {
        Some(r) if !hit.pointer.is_empty() => (r, hit.pointer.clone()),
        _ => (s.owner, s.field(&["flinkConfiguration"])),
    }
}
