//! Sets of catalog Flink versions (which versions an option exists in), and which catalog
//! data a Flink version uses; sets of catalog operator releases (which FKO releases an
//! operator option exists in). The versions themselves are `core::flink::version`'s
//! [`CATALOG`] and [`OPERATOR_CATALOG`].

use serde::Serialize;

use crate::core::flink::version::{CATALOG, FlinkVersion, OPERATOR_CATALOG};

// A set is a bit mask of `CATALOG` indexes.
const _: () = assert!(CATALOG.len() <= 8, "VersionSet holds at most 8 catalog versions");
const _: () = assert!(OPERATOR_CATALOG.len() <= 8, "OperatorSet holds at most 8 releases");

/// Index in [`CATALOG`] of the data used for `v`: exact when the catalog has it, else the
/// nearest (older versions use the oldest data, newer the newest). Runs on every option
/// lookup, so it compares numbers, never text.
pub fn catalog_index(v: FlinkVersion) -> usize {
    CATALOG.iter().rposition(|c| *c <= v).unwrap_or(0)
}

/// A set of catalog Flink versions (bit i = `CATALOG[i]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct VersionSet(pub u8);

impl VersionSet {
    /// Every catalog version.
    pub const ALL: VersionSet = VersionSet((1 << CATALOG.len()) - 1);

    /// True when `v` (mapped to its catalog version) is in the set.
    pub fn contains(self, v: FlinkVersion) -> bool {
        self.0 & (1 << catalog_index(v)) != 0
    }

    /// The versions of the set, oldest first.
    pub fn versions(self) -> Vec<FlinkVersion> {
        CATALOG
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, v)| *v)
            .collect()
    }

    /// Parses `1.18-2.2` or `2.0` (one version).
    pub fn parse(text: &str) -> Option<Self> {
        let index = |v: &str| CATALOG.iter().position(|c| c.to_string() == v);
        let (a, b) = text.split_once('-').unwrap_or((text, text));
        let (a, b) = (index(a)?, index(b)?);
        (a <= b).then(|| Self((a..=b).fold(0, |m, i| m | (1 << i))))
    }

    /// Renders as `1.18-2.2` (contiguous sets only; the generator never makes others).
    pub fn range_text(self) -> String {
        let v = self.versions();
        match (v.first(), v.last()) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}-{b}"),
            _ => String::new(),
        }
    }
}

/// A set of catalog operator releases (bit i = `OPERATOR_CATALOG[i]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct OperatorSet(pub u8);

impl OperatorSet {
    /// Every catalog operator release.
    pub const ALL: OperatorSet = OperatorSet((1 << OPERATOR_CATALOG.len()) - 1);

    /// True when the release at `index` of [`OPERATOR_CATALOG`] is in the set.
    pub fn contains_index(self, index: usize) -> bool {
        self.0 & (1 << index) != 0
    }

    /// Parses what follows `op` in a data file's `v`: empty (every release), `1.16` (one
    /// release) or `1.15-1.16` (a range).
    pub fn parse(text: &str) -> Option<Self> {
        if text.is_empty() {
            return Some(Self::ALL);
        }
        let index = |v: &str| OPERATOR_CATALOG.iter().position(|r| r.minor_text() == v);
        let (a, b) = text.split_once('-').unwrap_or((text, text));
        let (a, b) = (index(a)?, index(b)?);
        (a <= b).then(|| Self((a..=b).fold(0, |m, i| m | (1 << i))))
    }

    /// Renders as the data file's `v` (`op`, `op1.16`, `op1.15-1.16`; contiguous sets only).
    pub fn op_text(self) -> String {
        if self == Self::ALL {
            return "op".into();
        }
        let releases: Vec<String> = OPERATOR_CATALOG
            .iter()
            .enumerate()
            .filter(|(i, _)| self.contains_index(*i))
            .map(|(_, r)| r.minor_text())
            .collect();
        match (releases.first(), releases.last()) {
            (Some(a), Some(b)) if a == b => format!("op{a}"),
            (Some(a), Some(b)) => format!("op{a}-{b}"),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_outside_the_catalog_use_the_nearest_data() {
        assert_eq!(catalog_index(FlinkVersion::new(1, 15)), 0);
        assert_eq!(catalog_index(FlinkVersion::new(2, 4)), CATALOG.len() - 1);
        assert_eq!(catalog_index(FlinkVersion::new(1, 20)), 2);
    }

    #[test]
    fn sets_round_trip_as_ranges() {
        let s = VersionSet::parse("1.20-2.1").unwrap();
        assert!(s.contains(FlinkVersion::new(2, 0)));
        assert!(!s.contains(FlinkVersion::new(1, 19)));
        assert_eq!(s.range_text(), "1.20-2.1");
        assert_eq!(VersionSet::parse("2.2").unwrap().range_text(), "2.2");
        assert_eq!(VersionSet::parse("2.2-1.18"), None);
    }

    #[test]
    fn operator_sets_round_trip() {
        let newest = OPERATOR_CATALOG.len() - 1;
        let last = OPERATOR_CATALOG[newest].minor_text();
        let only_last = OperatorSet::parse(&last).unwrap();
        assert!(only_last.contains_index(newest) && !only_last.contains_index(0));
        assert_eq!(only_last.op_text(), format!("op{last}"));
        assert_eq!(OperatorSet::parse(""), Some(OperatorSet::ALL));
        assert_eq!(OperatorSet::ALL.op_text(), "op");
        assert_eq!(OperatorSet::parse("0.1"), None);
    }
}
