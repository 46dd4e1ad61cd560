//! The catalog of real Flink configuration options per Flink version (and the
//! operator's own options), for unknown-key checks, did-you-mean and completion.
//!
//! The data is `data/flink-options.json`, generated from `shared/data/flink-options`
//! (Flink 1.18–2.3, FKO 1.15.0) and `data/sources` (FKO 1.16.0); a test fails when it is
//! stale (regenerate with `UPDATE_OPTIONS=1 cargo test --lib options`). The build script
//! turns it into a compact line format without descriptions ([`compact`]), which is what
//! is embedded and read at run time: no JSON parsing, and a smaller browser bundle.
//!
//! Operator options differ per FKO release (1.16 adds the alignment-mode and plugin keys
//! and deprecates `scaling.key-group.partitions.adjust.mode`), so there is one parsed
//! catalog per release of `flink::version::OPERATOR_CATALOG`, each with every Flink
//! option and that release's operator options: the data stays one file with shared keys,
//! and a lookup keeps its signature.
//!
//! API:
//! * [`catalog()`] — the catalog for the newest operator release (parsed once, on first
//!   use); [`catalog_for`]`(fko)` — the catalog for the FKO release a design targets.
//! * [`Catalog::lookup`]`(key, version)` — the option a key names in a Flink version:
//!   exact key, deprecated alias (→ the canonical option), operator fallback key,
//!   pattern keys (`metrics.reporter.<name>.factory.class`; `<name>`-like segments stand
//!   for one segment, `<key>`/`<parameter>`/`<param>` for any suffix) and map-typed
//!   options written as `<key>.<mapKey>` (`kubernetes.jobmanager.annotations.team`).
//! * [`Catalog::canonical`] — deprecated alias → canonical key for that version.
//! * [`Catalog::suggest`] — did-you-mean for an unknown key.
//! * [`Catalog::complete`] — options starting with a prefix (hidden keys excluded).
//! * [`Catalog::is_open_namespace`] — keys the catalog does not cover on purpose
//!   (file-system plugins, connectors); they are never "unknown".
//! * Versions are [`FlinkVersion`]s (`core::flink::version`, re-exported here as the
//!   catalog's key); the catalog's own versions are `flink::version::CATALOG`.
//!
//! Data file format: `{"flinkVersions", "operatorVersions", "options": [...]}`, one option
//! per line: `k` key, `v` versions (`1.18-2.2`; for operator options `op` = every catalog
//! operator release, `op1.16`, `op1.15-1.16`), `t` type,
//! `d` default, `e` enum values, `dk` deprecated keys, `fk` fallback keys, `dep`
//! deprecated, `hid` hidden, `s` short description (not embedded), and `x`: variants for
//! older versions or operator releases whose attributes differ (each a full `v`/`t`/`d`/…
//! record).

pub mod compact;
pub mod suggest;
pub mod value;
pub mod version;

#[cfg(test)]
mod generate;

use crate::core::hash::FastMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::core::flink::version::{CATALOG, OPERATOR_CATALOG, Version, operator_catalog_index};

/// The version type the catalog is keyed by (defined in `core::flink::version`).
pub use crate::core::flink::version::FlinkVersion;
pub use version::{OperatorSet, VersionSet};

/// The embedded catalog in its compact form ([`compact`], written by `build.rs` from
/// `data/flink-options.json`).
pub const DATA: &str = include_str!(concat!(env!("OUT_DIR"), "/flink-options.txt"));

/// The value type of an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum OptionType {
    /// Free text.
    String,
    /// `true` / `false`.
    Boolean,
    /// 32-bit integer.
    Integer,
    /// 64-bit integer.
    Long,
    /// Floating point.
    Float,
    /// Floating point.
    Double,
    /// A duration (`10 s`, `5 min`; a bare number is milliseconds).
    Duration,
    /// A memory size (`128 mb`; a bare number is bytes).
    MemorySize,
    /// A map (`k1:v1,k2:v2`), also writable as `<key>.<mapKey>`.
    Map,
    /// One of `enum_values` (case-insensitive).
    Enum,
    /// A `;`-separated list (`List<String>`, `List<Map>`, `List<Enum>`).
    List,
}

impl OptionType {
    fn parse(text: &str) -> Self {
        match text {
            "Boolean" => Self::Boolean,
            "Integer" => Self::Integer,
            "Long" => Self::Long,
            "Float" => Self::Float,
            "Double" => Self::Double,
            "Duration" => Self::Duration,
            "MemorySize" => Self::MemorySize,
            "Map" => Self::Map,
            "Enum" => Self::Enum,
            t if t.starts_with("List") => Self::List,
            _ => Self::String,
        }
    }
}

/// One option as it exists in a set of Flink versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionInfo {
    /// The key (may be a pattern with `<…>` segments).
    pub key: String,
    /// Flink versions with these attributes (all of them for operator options).
    pub versions: VersionSet,
    /// True for Flink Kubernetes Operator options (`kubernetes.operator.*`, `job.autoscaler.*`).
    pub operator: bool,
    /// The catalog operator releases with these attributes (all of them for Flink options).
    pub operator_releases: OperatorSet,
    /// Value type.
    #[serde(rename = "type")]
    pub ty: OptionType,
    /// Type as Flink names it (`List<String>`).
    pub type_name: String,
    /// Default as written in config.yaml, if any.
    pub default: Option<String>,
    /// Accepted values of an enum (case-insensitive).
    pub enum_values: Vec<String>,
    /// Deprecated names that still work.
    pub deprecated_keys: Vec<String>,
    /// Other keys read when this one is unset.
    pub fallback_keys: Vec<String>,
    /// The option itself is deprecated.
    pub deprecated: bool,
    /// Not in Flink's reference docs (valid, but not offered for completion).
    pub hidden: bool,
}

impl OptionInfo {
    /// True for pattern keys (`metrics.reporter.<name>.…`).
    pub fn is_pattern(&self) -> bool {
        self.key.contains('<')
    }
}

/// Segment of a pattern key.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Lit(String),
    One,
    Rest,
}

/// The option catalog (see the module documentation).
#[derive(Debug)]
pub struct Catalog {
    options: Vec<OptionInfo>,
    by_key: FastMap<String, Vec<usize>>,
    aliases: FastMap<String, Vec<usize>>,
    patterns: Vec<(Vec<Seg>, usize)>,
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    /// [`Catalog::canonical`]'s answers for keys that are no option of their own, by
    /// catalog, version and key: the option they stand for (its index), if any.
    static CANONICAL: std::cell::RefCell<FastMap<(usize, FlinkVersion, String), Option<usize>>> =
        Default::default();
}

/// The catalog for the newest operator release, parsed from the embedded data on first use.
pub fn catalog() -> &'static Catalog {
    catalog_at(OPERATOR_CATALOG.len() - 1)
}

/// The catalog for the FKO release `fko` (its operator options; Flink options are the
/// same in every one), parsed on first use.
pub fn catalog_for(fko: Version) -> &'static Catalog {
    catalog_at(operator_catalog_index(fko))
}

/// The catalog operator releases whose options include `key` (as an operator option) in
/// Flink `version`, oldest first: to say which FKO release brought (or dropped) a key.
pub fn operator_releases_knowing(key: &str, version: FlinkVersion) -> Vec<Version> {
    (0..OPERATOR_CATALOG.len())
        .filter(|i| catalog_at(*i).lookup(key, version).is_some_and(|o| o.operator))
        .map(|i| OPERATOR_CATALOG[i])
        .collect()
}

fn catalog_at(index: usize) -> &'static Catalog {
    static CATALOGS: [OnceLock<Catalog>; OPERATOR_CATALOG.len()] =
        [const { OnceLock::new() }; OPERATOR_CATALOG.len()];
    CATALOGS[index].get_or_init(|| {
        Catalog::parse_for(DATA, index).expect("the embedded option catalog parses")
    })
}

/// Key prefixes the catalog leaves out on purpose (README "Not covered"): file-system
/// plugin pass-through keys and table connector/format options.
pub const OPEN_PREFIXES: &[&str] = &[
    "s3.",
    "s3a.",
    "fs.s3a.",
    "presto.s3.",
    "fs.azure.",
    "fs.oss.",
    "gs.",
    "fs.gs.",
    "connector.",
    "format.",
    "json.",
    "scan.",
    "sink.",
    "lookup.",
    "avro.",
    "csv.",
    "properties.",
];

impl Catalog {
    /// Parses a catalog in the compact format ([`compact`]), with the operator options of
    /// the newest operator release.
    pub fn parse(text: &str) -> Result<Self, String> {
        Self::parse_for(text, OPERATOR_CATALOG.len() - 1)
    }

    /// Parses a catalog in the compact format with the operator options of
    /// `OPERATOR_CATALOG[operator]`.
    pub fn parse_for(text: &str, operator: usize) -> Result<Self, String> {
        let mut lines = text.lines();
        check_header(lines.next().unwrap_or(""))?;
        let mut cat = Catalog {
            options: Vec::new(),
            by_key: FastMap::default(),
            aliases: FastMap::default(),
            patterns: Vec::new(),
        };
        let mut key = "";
        for line in lines {
            let f: Vec<&str> = line.split('\t').collect();
            let [k, v, t, d, e, dk, fk, flags] = f[..] else {
                return Err(format!("option line '{line}': not 8 fields"));
            };
            if !k.is_empty() {
                key = k;
            }
            let bad = || format!("{key}: bad versions");
            let (versions, operator_releases) = match v.strip_prefix("op") {
                Some(releases) => (VersionSet::ALL, OperatorSet::parse(releases).ok_or_else(bad)?),
                None => (VersionSet::parse(v).ok_or_else(bad)?, OperatorSet::ALL),
            };
            let is_operator = v.starts_with("op");
            if is_operator && !operator_releases.contains_index(operator) {
                continue;
            }
            let list = |items: &str| -> Vec<String> {
                items.split(compact::ITEM).filter(|i| !i.is_empty()).map(String::from).collect()
            };
            cat.add(OptionInfo {
                key: key.to_string(),
                versions,
                operator: is_operator,
                operator_releases,
                ty: OptionType::parse(t),
                type_name: t.to_string(),
                default: d.strip_prefix('=').map(String::from),
                enum_values: list(e),
                deprecated_keys: list(dk),
                fallback_keys: list(fk),
                deprecated: flags.contains('d'),
                hidden: flags.contains('h'),
            });
        }
        // Specific patterns before ones ending in an open suffix.
        crate::core::sort::sort_by_key(&mut cat.patterns, |(segs, _)| {
            segs.last() == Some(&Seg::Rest)
        });
        Ok(cat)
    }

    fn add(&mut self, info: OptionInfo) {
        let i = self.options.len();
        self.by_key.entry(info.key.clone()).or_default().push(i);
        for alias in info.deprecated_keys.iter().chain(&info.fallback_keys) {
            self.aliases.entry(alias.clone()).or_default().push(i);
        }
        if info.is_pattern() {
            let segs = info
                .key
                .split('.')
                .map(|s| match s {
                    "<key>" | "<parameter>" | "<param>" => Seg::Rest,
                    s if s.starts_with('<') && s.ends_with('>') => Seg::One,
                    s => Seg::Lit(s.to_string()),
                })
                .collect();
            self.patterns.push((segs, i));
        }
        self.options.push(info);
    }

    /// Every option variant (all versions).
    pub fn options(&self) -> &[OptionInfo] {
        &self.options
    }

    fn exact(&self, key: &str, v: FlinkVersion) -> Option<&OptionInfo> {
        self.by_key.get(key)?.iter().map(|&i| &self.options[i]).find(|o| o.versions.contains(v))
    }

    /// The option `key` names in Flink `version` (see the module documentation for what
    /// matches). A deprecated or fallback key returns the option it stands for.
    pub fn lookup(&self, key: &str, version: FlinkVersion) -> Option<&OptionInfo> {
        if let Some(o) = self.exact(key, version) {
            return Some(o);
        }
        if let Some(ids) = self.aliases.get(key) {
            let live =
                ids.iter().map(|&i| &self.options[i]).filter(|o| o.versions.contains(version));
            let mut live: Vec<_> = live.collect();
            crate::core::sort::sort_by_key(&mut live, |o| {
                !o.deprecated_keys.iter().any(|k| k == key)
            });
            if let Some(o) = live.first() {
                return Some(o);
            }
        }
        let parts: Vec<&str> = key.split('.').collect();
        for (segs, i) in &self.patterns {
            let o = &self.options[*i];
            if o.versions.contains(version) && matches_pattern(segs, &parts) {
                return Some(o);
            }
        }
        // Map-typed option written as `<key>.<mapKey>`.
        let mut end = key.len();
        while let Some(dot) = key[..end].rfind('.') {
            if let Some(o) = self.exact(&key[..dot], version)
                && o.ty == OptionType::Map
            {
                return Some(o);
            }
            end = dot;
        }
        None
    }

    /// The option `key` names in any catalog version (newest first), e.g. to say that a
    /// key was removed or is not yet available.
    pub fn lookup_any(&self, key: &str) -> Option<&OptionInfo> {
        CATALOG.iter().rev().find_map(|v| self.lookup(key, *v))
    }

    /// True when `key` is known in `version` or lies in an open namespace.
    pub fn is_known(&self, key: &str, version: FlinkVersion) -> bool {
        self.lookup(key, version).is_some() || Self::is_open_namespace(key)
    }

    /// True for keys the catalog does not cover on purpose (never "unknown").
    pub fn is_open_namespace(key: &str) -> bool {
        OPEN_PREFIXES.iter().any(|p| key.starts_with(p))
    }

    /// The canonical key for `key` in `version`: a deprecated alias (or an operator
    /// fallback key that is no option of its own) maps to the option's key; any other
    /// key is returned as is.
    pub fn canonical<'a>(&'a self, key: &'a str, version: FlinkVersion) -> &'a str {
        if self.exact(key, version).is_some() {
            return key;
        }
        // Any other key takes the slow path (aliases, patterns, map keys); a design writes
        // the same few such keys thousands of times, so the command line remembers the
        // answer (the browser bundle goes without the cache's code).
        #[cfg(not(target_arch = "wasm32"))]
        {
            let cache_key = (self as *const Catalog as usize, version, key.to_string());
            let known = CANONICAL.with(|c| c.borrow().get(&cache_key).copied());
            let option = known.unwrap_or_else(|| {
                let found = self.canonical_option(key, version);
                CANONICAL.with(|c| c.borrow_mut().insert(cache_key, found));
                found
            });
            option.map_or(key, |i| &self.options[i].key)
        }
        #[cfg(target_arch = "wasm32")]
        self.canonical_option(key, version).map_or(key, |i| &self.options[i].key)
    }

    /// The option (index) a key that is no option of its own stands for in `version`: a
    /// deprecated alias or an operator fallback key.
    fn canonical_option(&self, key: &str, version: FlinkVersion) -> Option<usize> {
        match self.lookup(key, version) {
            Some(o)
                if !o.is_pattern()
                    && o.deprecated_keys.iter().chain(&o.fallback_keys).any(|k| k == key) =>
            {
                self.options.iter().position(|x| std::ptr::eq(x, o))
            }
            _ => None,
        }
    }

    /// Options starting with `prefix` that exist in `version`, for completion: hidden
    /// keys excluded, deprecated ones last, otherwise sorted by key.
    pub fn complete(&self, prefix: &str, version: FlinkVersion) -> Vec<&OptionInfo> {
        let mut out: Vec<&OptionInfo> = self
            .options
            .iter()
            .filter(|o| !o.hidden && o.versions.contains(version) && o.key.starts_with(prefix))
            .collect();
        crate::core::sort::sort_by(&mut out, |a, b| {
            (a.deprecated, &a.key).cmp(&(b.deprecated, &b.key))
        });
        out
    }

    /// Did-you-mean for a key unknown in `version` (None for known keys): the curated
    /// mistakes of CFG-KEY-002, case differences, swapped tokens, then the nearest key
    /// within edit distance 2.
    pub fn suggest(&self, key: &str, version: FlinkVersion) -> Option<&str> {
        if self.lookup(key, version).is_some() {
            return None;
        }
        suggest::suggest(self, key, version)
    }
}

/// Checks that the compact catalog's header names this build's versions, in order.
fn check_header(header: &str) -> Result<(), String> {
    let joined = |texts: Vec<String>| texts.join(",");
    let flink = joined(CATALOG.iter().map(ToString::to_string).collect());
    let operator = joined(OPERATOR_CATALOG.iter().map(ToString::to_string).collect());
    let expected = format!("{}\t{flink}\t{operator}", compact::MAGIC);
    if header == expected {
        Ok(())
    } else {
        Err(format!("option catalog header '{header}', expected '{expected}'"))
    }
}

fn matches_pattern(segs: &[Seg], parts: &[&str]) -> bool {
    match (segs.first(), parts.first()) {
        (Some(Seg::Rest), Some(_)) => true,
        (Some(Seg::One), Some(_)) => matches_pattern(&segs[1..], &parts[1..]),
        (Some(Seg::Lit(l)), Some(p)) if l == p => matches_pattern(&segs[1..], &parts[1..]),
        (None, None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V2_2: FlinkVersion = FlinkVersion::new(2, 2);
    const V1_18: FlinkVersion = FlinkVersion::new(1, 18);

    #[test]
    fn exact_keys_depend_on_the_version() {
        let c = catalog();
        assert_eq!(c.lookup("rest.profiling.enabled", V2_2).unwrap().ty, OptionType::Boolean);
        assert!(c.lookup("rest.profiling.enabled", V1_18).is_none());
        assert_eq!(c.lookup_any("rest.profiling.enabled").unwrap().key, "rest.profiling.enabled");
        let slots = c.lookup("taskmanager.numberOfTaskSlots", V2_2).unwrap();
        assert_eq!(slots.default.as_deref(), Some("1"));
    }

    #[test]
    fn deprecated_aliases_resolve_per_version() {
        let c = catalog();
        assert_eq!(c.canonical("state.checkpoints.dir", V2_2), "execution.checkpointing.dir");
        assert_eq!(c.canonical("state.checkpoints.dir", V1_18), "state.checkpoints.dir");
        assert_eq!(c.canonical("state.backend", V1_18), "state.backend.type");
        assert_eq!(c.canonical("high-availability", V2_2), "high-availability.type");
        assert_eq!(c.canonical("no.such.key", V2_2), "no.such.key");
        assert_eq!(
            c.canonical("kubernetes.operator.job.autoscaler.enabled", V2_2),
            "job.autoscaler.enabled"
        );
        assert_eq!(c.lookup("state.backend", V2_2).unwrap().key, "state.backend.type");
    }

    #[test]
    fn patterns_maps_and_open_namespaces() {
        let c = catalog();
        let f = c.lookup("metrics.reporter.prom.factory.class", V2_2).unwrap();
        assert_eq!(f.key, "metrics.reporter.<name>.factory.class");
        let p = c.lookup("metrics.reporter.prom.port", V2_2).unwrap();
        assert!(p.is_pattern());
        let nsd = "kubernetes.operator.default-configuration.namespace.ns1.parallelism.default";
        assert!(c.lookup(nsd, V2_2).is_some());
        let m = c.lookup("kubernetes.jobmanager.annotations.team", V2_2).unwrap();
        assert_eq!(m.key, "kubernetes.jobmanager.annotations");
        assert!(c.lookup("taskmanager.numberOfTaskSlots.x", V2_2).is_none());
        assert!(c.is_known("s3.access-key", V2_2));
        assert!(c.is_known("fs.s3a.endpoint", V2_2));
        assert!(!c.is_known("execution.checkpointing.intervall", V2_2));
    }

    #[test]
    fn completion_skips_hidden_keys() {
        let c = catalog();
        let keys: Vec<&str> =
            c.complete("execution.checkpointing.in", V2_2).iter().map(|o| o.key.as_str()).collect();
        assert!(keys.contains(&"execution.checkpointing.interval"), "{keys:?}");
        assert!(keys.contains(&"execution.checkpointing.incremental"));
        assert!(c.complete("$internal", V2_2).is_empty());
        assert!(!c.complete("kubernetes.operator.", V2_2).is_empty());
    }
}
