//! A FlinkDeployment-like spec assembled from several objects (a CMF application and its
//! environment's `flinkApplicationDefaults`, a pool `clusterSpec` and the environment's
//! `computePoolDefaults`), with the provenance of every field.

use serde_json::Value;

use super::{Layer, Source};
use crate::core::model::Resource;

/// One object contributing spec fields.
pub(super) struct SpecLayer<'a> {
    /// The resource holding it.
    pub r: &'a Resource,
    /// Tokens from the resource's spec to the FlinkDeployment-like object.
    pub tokens: &'static [&'static str],
}

/// A field found in a [`SpecView`].
pub(super) struct Found<'a> {
    /// The value.
    pub value: &'a Value,
    /// Where it was set.
    pub r: &'a Resource,
    /// JSON Pointer of the field.
    pub pointer: String,
    /// True when several layers set the field (CMF merge semantics undocumented).
    pub unverified: bool,
}

impl Found<'_> {
    /// The source of a value derived from this field.
    pub fn source(&self, layer: Layer) -> Source {
        Source::at(layer, self.r, self.pointer.clone())
    }
}

/// Spec layers, highest precedence first (scalars: the first layer that sets a field wins).
pub(super) struct SpecView<'a> {
    pub layers: Vec<SpecLayer<'a>>,
}

impl<'a> SpecView<'a> {
    /// A view of one resource's own spec.
    pub fn single(r: &'a Resource) -> Self {
        Self { layers: vec![SpecLayer { r, tokens: &[] }] }
    }

    /// The winning value of a field (null values count as unset).
    pub fn get(&self, tokens: &[&str]) -> Option<Found<'a>> {
        let mut hits = self.layers.iter().filter_map(|l| {
            let full: Vec<&str> = l.tokens.iter().copied().chain(tokens.iter().copied()).collect();
            let v = l.r.spec_get(&full).filter(|v| !v.is_null())?;
            Some((l, v, l.r.spec_field(&full)))
        });
        let (l, value, pointer) = hits.next()?;
        let unverified = hits.next().is_some();
        Some(Found { value, r: l.r, pointer, unverified })
    }

    /// A string field.
    pub fn str(&self, tokens: &[&str]) -> Option<&'a str> {
        self.get(tokens).and_then(|f| f.value.as_str())
    }

    /// True when any layer sets the field.
    pub fn has(&self, tokens: &[&str]) -> bool {
        self.get(tokens).is_some()
    }
}
