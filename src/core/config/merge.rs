//! The layer stack: contributions are applied lowest precedence first, keyed by the
//! canonical key of the resource's Flink version (domain.md §3.6).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;

use super::{Entries, Entry, Layer, Overridden, Source, flatten_with_pointers};
use crate::core::flink::version::FlinkVersion;
use crate::core::model::{Resource, ResourceRef};
use crate::core::options::catalog;

/// One value set by one layer.
#[derive(Debug, Clone)]
struct Contribution {
    value: String,
    source: Source,
    unverified: bool,
}

/// Collects contributions per canonical key and resolves them into entries.
#[derive(Debug)]
pub(super) struct Stack {
    version: FlinkVersion,
    keys: BTreeMap<String, Vec<Contribution>>,
    /// The identities of the resources that set values so far, each held once and
    /// shared by all of its sources.
    resources: Vec<Arc<ResourceRef>>,
}

impl Stack {
    pub(super) fn new(version: FlinkVersion) -> Self {
        Self { version, keys: BTreeMap::new(), resources: Vec::new() }
    }

    /// Applies a value on top of everything set so far. `written` is the key as written.
    pub(super) fn set(&mut self, written: &str, value: String, source: Source, unverified: bool) {
        let canonical = catalog().canonical(written, self.version).to_string();
        let resource = source.resource.map(|r| self.shared(r));
        let source = Source { key: written.to_string(), resource, ..source };
        self.keys.entry(canonical).or_default().push(Contribution { value, source, unverified });
    }

    /// The one shared copy of a resource's identity in this configuration.
    fn shared(&mut self, r: Arc<ResourceRef>) -> Arc<ResourceRef> {
        if let Some(known) = self.resources.iter().find(|k| Arc::ptr_eq(k, &r) || *k == &r) {
            return Arc::clone(known);
        }
        self.resources.push(Arc::clone(&r));
        r
    }

    /// Applies a value only when no layer set the key (FKO fill-in defaults).
    pub(super) fn fill(&mut self, key: &str, value: String, source: Source) {
        if self.current(key).is_none() {
            self.set(key, value, source, false);
        }
    }

    /// Applies every key of a `flinkConfiguration`-like map found at `tokens` of the
    /// resource's spec (nested maps are flattened).
    pub(super) fn set_map(
        &mut self,
        r: &Resource,
        tokens: &[&str],
        layer: Layer,
        unverified: bool,
    ) {
        let Some(map) = r.spec_get(tokens) else { return };
        self.set_value_map(r, map, &r.spec_field(tokens), layer, unverified);
    }

    /// Like [`Stack::set_map`] for a map at an explicit pointer.
    pub(super) fn set_value_map(
        &mut self,
        r: &Resource,
        map: &Value,
        base: &str,
        layer: Layer,
        unverified: bool,
    ) {
        for (key, value, path) in flatten_with_pointers(map, base) {
            self.set(&key, value, Source::at(layer, r, path), unverified);
        }
    }

    /// The value that currently wins for `key` (either name of an aliased key).
    pub(super) fn current(&self, key: &str) -> Option<&str> {
        let canonical = catalog().canonical(key, self.version);
        let list = self.keys.get(canonical)?;
        Some(&list[winner(canonical, list)].value)
    }

    /// Resolves into entries.
    pub(super) fn finish(self) -> Entries {
        let entries = self
            .keys
            .into_iter()
            .map(|(key, mut list)| {
                let w = winner(&key, &list);
                let c = list.remove(w);
                // Highest precedence first (application order, reversed).
                let overridden: Vec<Overridden> = list
                    .into_iter()
                    .rev()
                    .map(|c| Overridden { value: c.value, source: c.source })
                    .collect();
                Entry {
                    key,
                    value: c.value,
                    source: c.source,
                    overridden,
                    unverified: c.unverified,
                }
            })
            .collect();
        Entries::from_sorted(entries)
    }
}

/// Flink reads the canonical key before its deprecated aliases, whatever layer set them:
/// the highest contribution written with the canonical name wins, else the highest one.
fn winner(canonical: &str, list: &[Contribution]) -> usize {
    list.iter().rposition(|c| c.source.key == canonical).unwrap_or(list.len() - 1)
}
