//! FKO-CONF-002 — Flink 2.x configurations where one key is a prefix of another.
//!
//! What it checks: the effective cluster configuration of every deployment the operator
//! builds on Flink 2.x (FlinkDeployments, blue/green templates, CMF applications, compute
//! pools and statements),
//! operator defaults included, with the keys as each layer writes them: two keys where one
//! is the other plus `.suffix` (`high-availability` and `high-availability.storageDir`,
//! `restart-strategy` and `restart-strategy.fixed-delay.attempts`, `state.backend` and
//! `state.backend.incremental`). Keys the operator drops before deploying
//! (`kubernetes.operator.*`, `job.autoscaler.*`, bind addresses) are left out, as it does.
//! Why: since FKO 1.12, `FlinkConfMountDecorator.validateConfigKeysForV2` refuses such a
//! configuration for Flink ≥ 2.0, whose `config.yaml` cannot hold a key and a key below
//! it ("Overlapping key prefixes detected (%s -> %s), please replace with Flink v2
//! compatible, non-deprecated keys"). `kubectl apply` succeeds; the deployment then fails.
//! Flink 1.x (`flink-conf.yaml`) is not checked.
//! How to fix: rename the shorter key to its canonical name (`high-availability.type`,
//! `restart-strategy.type`, `state.backend.type`, `env.java.opts.all`), which can also be
//! written nested; or keep one of the two.

use std::collections::{BTreeMap, BTreeSet};

use crate::core::config::{EffectiveConfig, Layer, Scope};
use crate::core::finding::Severity;
use crate::core::flink::version::{FkoFeature, FlinkVersion};
use crate::core::model::{Kind, ResourceId};
use crate::core::options::catalog;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ConfPrefixOverlap;

/// Prefixes of the keys the operator removes before it writes the cluster's configuration
/// (`AbstractFlinkService.removeOperatorConfigs`).
const OPERATOR_PREFIXES: &[&str] = &["kubernetes.operator.", "job.autoscaler."];

/// Keys `FlinkConfMountDecorator.getClusterSideConfData` removes before the check.
const REMOVED: &[&str] = &[
    "kubernetes.config.file",
    "$internal.deployment.config-dir",
    "rest.bind-address",
    "jobmanager.bind-host",
    "taskmanager.bind-host",
    "taskmanager.host",
];

/// The kinds whose cluster the operator deploys (directly or through CMF).
const DEPLOYED: &[Kind] = &[
    Kind::FlinkDeployment,
    Kind::FlinkBlueGreenDeployment,
    Kind::Application,
    Kind::ComputePool,
    Kind::Statement,
];

/// Where a key was written: the resource and the JSON Pointer of the value.
type Place = Option<(ResourceId, String)>;

/// Every key of the cluster-side configuration as written, with where it was written
/// (the first place a design resource wrote it).
fn written_keys(c: &EffectiveConfig) -> BTreeMap<String, Place> {
    let mut keys: BTreeMap<String, Place> = BTreeMap::new();
    for e in c.entries.values() {
        let sources = std::iter::once(&e.source).chain(e.overridden.iter().map(|o| &o.source));
        for s in sources.filter(|s| s.layer != Layer::FlinkDefault) {
            let key = if s.key.is_empty() { e.key.clone() } else { s.key.clone() };
            if OPERATOR_PREFIXES.iter().any(|p| key.starts_with(p))
                || REMOVED.contains(&key.as_str())
            {
                continue;
            }
            let place = s.resource_id.map(|id| (id, s.path.clone()));
            let slot = keys.entry(key).or_insert(None);
            if slot.is_none() {
                *slot = place;
            }
        }
    }
    keys
}

/// Each key that is a prefix of others, with the keys below it.
fn overlaps(keys: &BTreeMap<String, Place>) -> Vec<(&str, Vec<&str>)> {
    let mut out = Vec::new();
    for short in keys.keys() {
        let below = format!("{short}.");
        // Keys are sorted: every key below `short` follows it and shares its prefix.
        let longs: Vec<&str> = keys
            .range(below.clone()..)
            .map(|(k, _)| k.as_str())
            .take_while(|k| k.starts_with(&below))
            .collect();
        if !longs.is_empty() {
            out.push((short.as_str(), longs));
        }
    }
    out
}

fn hint(short: &str, long: &str, version: FlinkVersion) -> String {
    let canonical = catalog().canonical(short, version);
    if canonical == long {
        format!("remove '{short}': '{long}' is its canonical name and is set")
    } else if canonical != short {
        format!("rename '{short}' to '{canonical}' (or write both nested under '{short}')")
    } else {
        format!("keep one of '{short}' and '{long}'")
    }
}

impl Rule for ConfPrefixOverlap {
    fn id(&self) -> &'static str {
        "FKO-CONF-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Flink 2.x configuration with overlapping key prefixes (FKO refuses to deploy it)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if !FkoFeature::Flink2KeyPrefixCheck.in_release(cx.targets.fko) {
            return;
        }
        let mut seen: BTreeSet<(ResourceId, String)> = BTreeSet::new();
        for c in cx.configs().iter().filter(|c| c.scope == Scope::Cluster) {
            // An undeclared version is another rule's finding; the check needs Flink ≥ 2.0.
            let Some(version) = c.flink_version.filter(|v| v.major >= 2) else { continue };
            if !cx.get(c.resource).is_some_and(|r| DEPLOYED.contains(&r.kind)) {
                continue;
            }
            let keys = written_keys(c);
            for (short, longs) in overlaps(&keys) {
                let placed = std::iter::once(short).chain(longs.iter().copied());
                let Some((id, at)) = placed.filter_map(|k| keys[k].clone()).next() else {
                    continue;
                };
                let Some(r) = cx.get(id) else { continue };
                if !seen.insert((id, at.clone())) {
                    continue;
                }
                let below = longs.iter().map(|l| format!("'{l}'")).collect::<Vec<_>>().join(", ");
                let msg = format!(
                    "Overlapping key prefixes '{short}' -> {below}: FKO refuses to deploy \
                     Flink {version} with a key below another key"
                );
                out.report(r, &at, msg).hint(hint(short, longs[0], version));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    fn fd(version: FlinkVersion, conf: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
             spec:\n  flinkVersion: {}\n  flinkConfiguration:\n{conf}",
            version.enum_name()
        )
    }

    const V2_0: FlinkVersion = FlinkVersion::new(2, 0);

    #[test]
    fn fires_on_an_alias_with_a_key_below_it() {
        let conf = "    high-availability: kubernetes\n    high-availability.storageDir: s3://ha\n";
        let f = check(&ConfPrefixOverlap, &fd(V2_0, conf));
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/high-availability".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(7));
        // The operator forces high-availability.cluster-id: it overlaps too.
        assert!(f[0].message.starts_with(
            "Overlapping key prefixes 'high-availability' -> 'high-availability.cluster-id', \
             'high-availability.storageDir': FKO refuses to deploy Flink 2.0"
        ));
        assert_eq!(
            f[0].hint,
            "rename 'high-availability' to 'high-availability.type' (or write both nested under 'high-availability')"
        );
        let restart =
            "    restart-strategy: fixed-delay\n    restart-strategy.fixed-delay.attempts: '3'\n";
        let f = check(&ConfPrefixOverlap, &fd(FlinkVersion::new(2, 3), restart));
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/restart-strategy".into(), Severity::Error)]
        );
        assert!(f[0].hint.starts_with("rename 'restart-strategy' to 'restart-strategy.type'"));
        let both = "    state.backend: rocksdb\n    state.backend.type: rocksdb\n";
        let f = check(&ConfPrefixOverlap, &fd(V2_0, both));
        assert_eq!(
            f[0].hint,
            "remove 'state.backend': 'state.backend.type' is its canonical name and is set"
        );
    }

    #[test]
    fn layers_count_as_the_operator_merges_them() {
        // The alias in the operator's defaults, the key below it in the deployment.
        let fko = "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\n\
                   metadata: {name: fko}\nspec:\n  defaultConfiguration:\n    state.backend: rocksdb\n---\n";
        let f = check(
            &ConfPrefixOverlap,
            &format!("{fko}{}", fd(V2_0, "    state.backend.incremental: 'true'\n")),
        );
        assert_eq!(
            pointers(&f),
            [("/spec/defaultConfiguration/state.backend".into(), Severity::Error)]
        );
    }

    #[test]
    fn silent_on_flink_1_canonical_nested_and_operator_keys() {
        let conf = "    high-availability: kubernetes\n    high-availability.storageDir: s3://ha\n";
        assert!(check(&ConfPrefixOverlap, &fd(FlinkVersion::new(1, 20), conf)).is_empty());
        let nested = "    high-availability:\n      type: kubernetes\n      storageDir: s3://ha\n";
        assert!(check(&ConfPrefixOverlap, &fd(V2_0, nested)).is_empty());
        // Operator keys never reach the cluster (the alignment mode and its plugin keys).
        let op = "    job.autoscaler.scaling.parallelism-alignment.mode: custom\n    \
                  job.autoscaler.scaling.parallelism-alignment.mode.custom.class: a.B\n";
        assert!(check(&ConfPrefixOverlap, &fd(V2_0, op)).is_empty());
        let old = Targets { fko: Version::new(1, 11, 0), ..Targets::default() };
        assert!(check_with(&ConfPrefixOverlap, &fd(V2_0, conf), old).is_empty());
    }

    #[test]
    fn checks_blue_green_templates() {
        let bg = format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkBlueGreenDeployment\nmetadata: {{name: bg}}\n\
             spec:\n  template:\n    spec:\n      flinkVersion: {}\n      flinkConfiguration:\n        \
             restart-strategy: fixed-delay\n        restart-strategy.fixed-delay.delay: 10 s\n",
            V2_0.enum_name()
        );
        let f = check(&ConfPrefixOverlap, &bg);
        assert_eq!(
            pointers(&f),
            [("/spec/template/spec/flinkConfiguration/restart-strategy".into(), Severity::Error)]
        );
    }

    #[test]
    fn checks_cmf_applications_too() {
        let app = format!(
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {{name: app}}\n\
             spec:\n  flinkVersion: {}\n  flinkConfiguration:\n    env.java.opts: -Xss2m\n    \
             env.java.opts.taskmanager: -Xss4m\n",
            V2_0.enum_name()
        );
        let f = check(&ConfPrefixOverlap, &app);
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/env.java.opts".into(), Severity::Error)]
        );
        assert!(
            f[0].hint.starts_with("rename 'env.java.opts' to 'env.java.opts.all'"),
            "{}",
            f[0].hint
        );
    }
}
