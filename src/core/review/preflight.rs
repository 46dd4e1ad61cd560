//! Version pre-flight: what breaks when the operator, CMF or a job's Flink version moves.
//!
//! * [`operator_move`]: the design validated under the current and the new targets
//!   (operator, CMF, CFK): the findings that appear and disappear, and — first — the jobs
//!   whose Flink version the new operator no longer supports (the operator ignores such
//!   resources; they cannot even be deleted cleanly, its finalizer never runs).
//! * [`flink_move`]: the jobs moved to another Flink version (`flinkVersion` of every
//!   deployment-like spec): appearing and disappearing findings, and every configuration
//!   key that the new version removed or renamed, with its replacement from the option
//!   catalog. [`rewrite`] turns those into one edit ([`Edit::ReplaceMany`]).
//!
//! [`Edit::ReplaceMany`]: crate::core::edit::Edit::ReplaceMany

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::core::cluster::flink_configuration_maps;
use crate::core::config::flatten_with_pointers;
use crate::core::design::Design;
use crate::core::finding::Finding;
use crate::core::flink::version::{self, FlinkVersion};
use crate::core::model::{Kind, Resource, ResourceId, ResourceRef};
use crate::core::options::{FlinkVersion as CatalogVersion, catalog};
use crate::core::pointer;
use crate::core::rules;
use crate::core::targets::Targets;

/// A job the new operator does not run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stranded {
    /// The resource.
    pub resource: ResourceRef,
    /// Its id.
    #[serde(skip)]
    pub id: ResourceId,
    /// Pointer of its `flinkVersion`.
    pub pointer: String,
    /// Its Flink version.
    pub flink: String,
    /// Why (the operator's support range).
    pub why: String,
}

/// What happens to one configuration key at a Flink version move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyFate {
    /// Still read, but under another name now (a deprecated name of the replacement).
    Renamed,
    /// No longer read; the replacement is its successor.
    Removed,
    /// No longer read, and nothing replaces it.
    RemovedWithoutReplacement,
}

/// A configuration key the move affects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyMove {
    /// The resource holding it.
    pub resource: ResourceRef,
    /// Its id.
    #[serde(skip)]
    pub id: ResourceId,
    /// Pointer of the value in the resource's document.
    pub pointer: String,
    /// Pointer of the configuration map holding it.
    #[serde(skip)]
    pub map: String,
    /// The key as written.
    pub key: String,
    /// Its replacement in the new version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    /// What happens to it.
    pub fate: KeyFate,
}

/// The result of a pre-flight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preflight {
    /// Jobs the new operator does not run: first things first.
    pub stranded: Vec<Stranded>,
    /// Findings that the move adds.
    pub appeared: Vec<Finding>,
    /// Findings that the move removes.
    pub disappeared: Vec<Finding>,
    /// Configuration keys a Flink move renames or removes.
    pub keys: Vec<KeyMove>,
}

/// Where deployment-like specs keep `flinkVersion` (below `spec`).
fn version_site(kind: Kind) -> Option<&'static [&'static str]> {
    match kind {
        Kind::FlinkDeployment | Kind::Application => Some(&["flinkVersion"]),
        Kind::FlinkBlueGreenDeployment => Some(&["template", "spec", "flinkVersion"]),
        Kind::ComputePool => Some(&["clusterSpec", "flinkVersion"]),
        _ => None,
    }
}

/// What makes two findings the same across versions: rule, severity, resource and field
/// (messages name the version, so they differ; a new severity is a new finding).
fn identity(f: &Finding) -> (String, crate::core::finding::Severity, Option<ResourceRef>, String) {
    (f.rule.clone(), f.severity, f.resource.clone(), f.pointer.clone())
}

fn delta(before: &[Finding], after: &[Finding]) -> (Vec<Finding>, Vec<Finding>) {
    let b: BTreeSet<_> = before.iter().map(identity).collect();
    let a: BTreeSet<_> = after.iter().map(identity).collect();
    let appeared = after.iter().filter(|f| !b.contains(&identity(f))).cloned().collect();
    let disappeared = before.iter().filter(|f| !a.contains(&identity(f))).cloned().collect();
    (appeared, disappeared)
}

/// The jobs of `design` that the operator of `to` does not support.
fn stranded(design: &Design, from: Targets, to: Targets) -> Vec<Stranded> {
    let (old, new) = (version::fko(from.fko), version::fko(to.fko));
    design
        .resources
        .iter()
        .filter_map(|r| {
            let tokens = version_site(r.kind)?;
            let text = r.spec_str(tokens)?;
            let v = FlinkVersion::parse(text)?;
            let accepted = new.accepts(text);
            if new.supports(v) && accepted {
                return None;
            }
            let why = if !accepted {
                format!("the FKO {} CRD does not accept {text}", to.fko.minor_text())
            } else {
                format!(
                    "FKO {} supports Flink {} to {}",
                    to.fko.minor_text(),
                    new.oldest_supported,
                    new.crd_newest
                )
            };
            let was = if old.supports(v) { " (supported today)" } else { "" };
            Some(Stranded {
                resource: r.reference(),
                id: r.id,
                pointer: r.spec_field(tokens),
                flink: text.to_string(),
                why: format!("{why}{was}: the operator ignores the resource and its finalizer never runs, so it cannot be deleted cleanly"),
            })
        })
        .collect()
}

/// Moving the operator, CMF or CFK from `from` to `to` (the design unchanged).
pub fn operator_move(design: &Design, from: Targets, to: Targets) -> Preflight {
    check(design, from, to, None, &[])
}

/// Moving the targets from `from` to `to` and, when `flink` is given, the jobs of `only`
/// (all when empty) to that Flink version: the design under `from` against the moved
/// design under `to`.
pub fn check(
    design: &Design,
    from: Targets,
    to: Targets,
    flink: Option<FlinkVersion>,
    only: &[ResourceId],
) -> Preflight {
    let after = flink.map(|v| moved(design, v, only));
    let after_design = after.as_ref().unwrap_or(design);
    let (appeared, disappeared) =
        delta(&rules::validate(design, from), &rules::validate(after_design, to));
    let keys = flink.map(|v| flink_keys(design, v, only)).unwrap_or_default();
    Preflight { stranded: stranded(after_design, from, to), appeared, disappeared, keys }
}

/// The catalog version closest to `v` (the catalog covers fewer versions than the table).
fn catalog_version(v: FlinkVersion) -> CatalogVersion {
    let within = version::CATALOG.iter().rev().find(|c| **c <= v);
    within.copied().unwrap_or(version::CATALOG[0])
}

/// What becomes of `key` (read by Flink `from`) under Flink `to`.
fn key_fate(key: &str, from: FlinkVersion, to: FlinkVersion) -> Option<(KeyFate, Option<String>)> {
    let cat = catalog();
    let (from, to) = (catalog_version(from), catalog_version(to));
    if let Some(o) = cat.lookup(key, to) {
        let renamed = !o.is_pattern()
            && o.key != key
            && o.deprecated_keys.iter().chain(&o.fallback_keys).any(|k| k == key);
        return renamed.then(|| (KeyFate::Renamed, Some(o.key.clone())));
    }
    let old = cat.lookup(key, from)?;
    if old.is_pattern() {
        return None;
    }
    let successor = |name: &str| {
        cat.options()
            .iter()
            .find(|o| {
                o.versions.contains(to)
                    && (o.key == name || o.deprecated_keys.iter().any(|k| k == name))
            })
            .map(|o| o.key.clone())
    };
    let replacement = successor(&old.key).or_else(|| successor(key)).filter(|r| r != key);
    Some(match replacement {
        Some(r) => (KeyFate::Removed, Some(r)),
        None => (KeyFate::RemovedWithoutReplacement, None),
    })
}

/// The configuration keys of `r` that moving its jobs to `to` renames or removes.
fn keys_of(r: &Resource, from: FlinkVersion, to: FlinkVersion) -> Vec<KeyMove> {
    let mut out = Vec::new();
    for place in flink_configuration_maps(r.kind) {
        let Some(map) = r.spec_get(place.tokens).filter(|v| v.is_object()) else { continue };
        let base = r.spec_field(place.tokens);
        for (key, _, at) in flatten_with_pointers(map, &base) {
            if let Some((fate, replacement)) = key_fate(&key, from, to) {
                out.push(KeyMove {
                    resource: r.reference(),
                    id: r.id,
                    pointer: at,
                    map: base.clone(),
                    key,
                    replacement,
                    fate,
                });
            }
        }
    }
    out
}

/// `design` with the Flink version of every deployment-like spec (those of `only`, or all
/// when empty) set to `to`.
pub fn moved(design: &Design, to: FlinkVersion, only: &[ResourceId]) -> Design {
    let mut out = design.clone();
    for r in &mut out.resources {
        let Some(tokens) = version_site(r.kind) else { continue };
        if (!only.is_empty() && !only.contains(&r.id)) || r.spec_str(tokens).is_none() {
            continue;
        }
        let at = r.spec_field(tokens);
        let _ = pointer::set(&mut r.doc, &at, Value::String(to.enum_name()));
    }
    out
}

/// Moving the jobs of `design` (those of `only`, or all when empty) to Flink `to`.
pub fn flink_move(
    design: &Design,
    targets: Targets,
    to: FlinkVersion,
    only: &[ResourceId],
) -> Preflight {
    check(design, targets, targets, Some(to), only)
}

/// The configuration keys moving the jobs to `to` renames or removes.
fn flink_keys(design: &Design, to: FlinkVersion, only: &[ResourceId]) -> Vec<KeyMove> {
    let mut keys = Vec::new();
    for r in &design.resources {
        if !only.is_empty() && !only.contains(&r.id) {
            continue;
        }
        let from = version_site(r.kind).and_then(|t| r.spec_str(t)).and_then(FlinkVersion::parse);
        let Some(from) = from.or_else(|| moves_with(design, r)) else { continue };
        if from != to {
            keys.extend(keys_of(r, from, to));
        }
    }
    keys
}

/// The Flink version a resource without one of its own runs on (a session job's cluster,
/// an environment's applications): the design's only deployment version, if there is one.
fn moves_with(design: &Design, r: &Resource) -> Option<FlinkVersion> {
    if !matches!(
        r.kind,
        Kind::FlinkSessionJob | Kind::Environment | Kind::Statement | Kind::FkoInstall
    ) {
        return None;
    }
    let versions: BTreeSet<FlinkVersion> = design
        .resources
        .iter()
        .filter_map(|d| {
            version_site(d.kind).and_then(|t| d.spec_str(t)).and_then(FlinkVersion::parse)
        })
        .collect();
    (versions.len() == 1).then(|| *versions.iter().next().unwrap_or(&FlinkVersion::LATEST))
}

/// The documents that rewrite every renamed or removed key with a replacement to its
/// replacement (the value kept; a key whose replacement the map already has is left for
/// the user), as one [`Edit::ReplaceMany`](crate::core::edit::Edit::ReplaceMany).
pub fn rewrite(design: &Design, keys: &[KeyMove]) -> Vec<(ResourceId, Value)> {
    let mut out: Vec<(ResourceId, Value)> = Vec::new();
    for k in keys {
        let Some(new) = &k.replacement else { continue };
        let Some(r) = design.get(k.id) else { continue };
        let i = match out.iter().position(|(id, _)| *id == k.id) {
            Some(i) => i,
            None => {
                out.push((k.id, r.doc.clone()));
                out.len() - 1
            }
        };
        let doc = &mut out[i].1;
        let Some(value) = doc.pointer(&k.pointer).cloned() else { continue };
        let taken = doc
            .pointer(&k.map)
            .map(|m| flatten_with_pointers(m, "").iter().any(|(key, _, _)| key == new));
        if taken != Some(false) {
            continue;
        }
        let _ = pointer::remove(doc, &k.pointer);
        prune_empty(doc, &k.pointer, &k.map);
        if let Some(Value::Object(m)) = doc.pointer_mut(&k.map) {
            m.insert(new.clone(), value);
        }
    }
    out.retain(|(id, doc)| design.get(*id).is_some_and(|r| r.doc != *doc));
    out
}

/// Removes objects left empty above `leaf` (nested configuration), up to `map`.
fn prune_empty(doc: &mut Value, leaf: &str, map: &str) {
    let mut at = leaf.to_string();
    while let Some(i) = at.rfind('/') {
        at.truncate(i);
        if at.len() <= map.len() {
            break;
        }
        let empty = doc.pointer(&at).and_then(Value::as_object).is_some_and(Map::is_empty);
        if !empty {
            break;
        }
        let _ = pointer::remove(doc, &at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::import_text;
    use crate::core::targets::Version;

    fn design(yaml: &str) -> Design {
        let mut d = Design::new();
        import_text(&mut d, "d.yaml", yaml);
        d
    }

    const FD: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: orders, namespace: flink}\n\
        spec:\n  image: 'flink:1.20'\n  flinkVersion: v1_20\n  serviceAccount: flink\n  flinkConfiguration:\n    \
        state.checkpoints.dir: 's3://b/cp'\n    jobmanager:\n      heap:\n        size: 1g\n    taskmanager.numberOfTaskSlots: '2'\n  \
        jobManager: {resource: {memory: 1g, cpu: 1}}\n  taskManager: {resource: {memory: 2g, cpu: 1}}\n  \
        job: {jarURI: 'local:///a.jar', parallelism: 2, upgradeMode: savepoint}\n";

    #[test]
    fn a_flink_major_move_lists_renamed_and_removed_keys_and_rewrites_them_in_one_edit() {
        let d = design(FD);
        let p = flink_move(&d, Targets::default(), FlinkVersion::new(2, 0), &[]);
        let fates: Vec<(&str, KeyFate, Option<&str>)> =
            p.keys.iter().map(|k| (k.key.as_str(), k.fate, k.replacement.as_deref())).collect();
        assert!(
            fates.contains(&(
                "state.checkpoints.dir",
                KeyFate::Renamed,
                Some("execution.checkpointing.dir")
            )),
            "{fates:?}"
        );
        let heap = fates
            .iter()
            .find(|f| f.0 == "jobmanager.heap.size")
            .expect("jobmanager.heap.size is gone in 2.0");
        assert_eq!(heap.1, KeyFate::RemovedWithoutReplacement, "{fates:?}");
        assert!(
            !fates.iter().any(|f| f.0 == "taskmanager.numberOfTaskSlots"),
            "a key that stays is not listed"
        );
        assert!(
            p.appeared.iter().any(|f| f.rule == "IMG-001"),
            "the image no longer matches: {:?}",
            p.appeared
        );
        let docs = rewrite(&d, &p.keys);
        assert_eq!(docs.len(), 1);
        let conf = &docs[0].1["spec"]["flinkConfiguration"];
        assert_eq!(conf["execution.checkpointing.dir"], "s3://b/cp");
        assert!(conf.get("state.checkpoints.dir").is_none());
        // Without a replacement the key stays for the user to decide.
        assert_eq!(conf["jobmanager"]["heap"]["size"], "1g");
        assert!(p.appeared.iter().any(|f| f.rule == "CFG-KEY-002"), "{:?}", p.appeared);
        assert!(
            !p.appeared.iter().any(|f| f.rule == "CFG-KEY-005"),
            "same finding, other version: not new"
        );
        // Moving within a major version changes no key of this design.
        assert!(
            flink_move(&d, Targets::default(), FlinkVersion::new(1, 19), &[])
                .keys
                .iter()
                .all(|k| k.fate == KeyFate::Renamed)
        );
    }

    #[test]
    fn an_operator_move_calls_out_jobs_it_no_longer_runs_first() {
        let old = design(&FD.replace("v1_20", "v1_14"));
        let from = Targets { fko: Version::new(1, 8, 0), ..Targets::default() };
        let p = operator_move(&old, from, Targets::default());
        assert_eq!(p.stranded.len(), 1, "{p:?}");
        assert_eq!(p.stranded[0].pointer, "/spec/flinkVersion");
        assert!(p.stranded[0].why.contains("cannot be deleted cleanly"));
        let p = operator_move(&design(FD), from, Targets::default());
        assert!(p.stranded.is_empty());
    }

    #[test]
    fn findings_that_depend_on_the_operator_version_appear_or_disappear() {
        let d = design(&FD.replace("upgradeMode: savepoint", "upgradeMode: last-state"));
        let old = Targets { fko: Version::new(1, 9, 0), ..Targets::default() };
        let p = operator_move(&d, old, Targets::default());
        assert!(
            p.disappeared.iter().any(|f| f.rule == "FKO-HA-003"),
            "last-state without HA is fine from 1.10: {p:?}"
        );
        let back = operator_move(&d, Targets::default(), old);
        assert!(back.appeared.iter().any(|f| f.rule == "FKO-HA-003"));
    }
}

#[cfg(test)]
mod nested {
    use super::*;
    use crate::core::import::import_text;

    #[test]
    fn nested_keys_are_rewritten_flat_and_their_empty_parents_removed() {
        let mut d = Design::new();
        import_text(
            &mut d,
            "d.yaml",
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
             spec: {flinkVersion: v1_20, flinkConfiguration: {state: {checkpoints: {dir: 's3://b/cp'}}, x.y: z}}\n",
        );
        let p = flink_move(&d, Targets::default(), FlinkVersion::new(2, 0), &[]);
        let docs = rewrite(&d, &p.keys);
        let conf = &docs[0].1["spec"]["flinkConfiguration"];
        assert_eq!(
            conf,
            &serde_json::json!({"x.y": "z", "execution.checkpointing.dir": "s3://b/cp"})
        );
        // A map that already has the replacement is left for the user.
        let mut both = Design::new();
        import_text(
            &mut both,
            "d.yaml",
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
             spec: {flinkVersion: v1_20, flinkConfiguration: {state.checkpoints.dir: a, execution.checkpointing.dir: b}}\n",
        );
        let p = flink_move(&both, Targets::default(), FlinkVersion::new(2, 0), &[]);
        assert!(rewrite(&both, &p.keys).is_empty());
    }
}
