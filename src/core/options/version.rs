//! Flink minor versions as the catalog knows them, and sets of them.

use std::fmt;

use serde::Serialize;

use super::FLINK_VERSIONS;

/// [`FLINK_VERSIONS`] parsed (kept in step by a test); `catalog_index` runs on every
/// option lookup, so it must not parse text.
const CATALOG_VERSIONS: [FlinkVersion; FLINK_VERSIONS.len()] = [
    FlinkVersion::new(1, 18),
    FlinkVersion::new(1, 19),
    FlinkVersion::new(1, 20),
    FlinkVersion::new(2, 0),
    FlinkVersion::new(2, 1),
    FlinkVersion::new(2, 2),
];

/// A Flink `major.minor` version (`spec.flinkVersion: v1_19` or `1.19`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FlinkVersion {
    /// Major.
    pub major: u32,
    /// Minor.
    pub minor: u32,
}

impl FlinkVersion {
    /// Newest Flink version the catalog knows.
    pub const LATEST: FlinkVersion = FlinkVersion::new(2, 2);
    /// Version CMF statements run on when their pool names none (CMF < 2.5: v1_19).
    pub const CMF_SQL_DEFAULT: FlinkVersion = FlinkVersion::new(1, 19);

    /// Builds a version.
    pub const fn new(major: u32, minor: u32) -> Self {
        Self { major, minor }
    }

    /// Parses the FKO/CMF enum form `v1_19` (also `V1_19`, `v2_0`) and the dotted forms
    /// `1.19`, `1.19.3`, `1.19-cp2`. Anything after the minor version is ignored.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().trim_start_matches(['v', 'V']);
        let mut parts = t.splitn(3, ['_', '.']);
        let major = parts.next()?.parse().ok()?;
        let minor_text = parts.next()?;
        let digits: String = minor_text.chars().take_while(char::is_ascii_digit).collect();
        let minor = digits.parse().ok()?;
        Some(Self { major, minor })
    }

    /// The FKO enum spelling, `v1_19`.
    pub fn enum_name(self) -> String {
        format!("v{}_{}", self.major, self.minor)
    }

    /// Index of the catalog version used for this version: exact when the catalog has
    /// it, else the nearest (older versions use the oldest data, newer the newest).
    pub fn catalog_index(self) -> usize {
        CATALOG_VERSIONS.iter().rposition(|c| *c <= self).unwrap_or(0)
    }

    /// True when the catalog has data for exactly this minor version.
    pub fn in_catalog(self) -> bool {
        CATALOG_VERSIONS.contains(&self)
    }
}

impl fmt::Display for FlinkVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// A set of catalog Flink versions (bit i = `FLINK_VERSIONS[i]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct VersionSet(pub u8);

impl VersionSet {
    /// Every catalog version.
    pub const ALL: VersionSet = VersionSet((1 << FLINK_VERSIONS.len()) - 1);

    /// True when `v` (mapped to its catalog version) is in the set.
    pub fn contains(self, v: FlinkVersion) -> bool {
        self.0 & (1 << v.catalog_index()) != 0
    }

    /// The versions of the set, oldest first.
    pub fn versions(self) -> Vec<&'static str> {
        FLINK_VERSIONS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, v)| *v)
            .collect()
    }

    /// Parses `1.18-2.2`, `2.0` (one version) or `op` (operator option: all versions).
    pub fn parse(text: &str) -> Option<Self> {
        if text == "op" {
            return Some(Self::ALL);
        }
        let index = |v: &str| FLINK_VERSIONS.iter().position(|c| *c == v);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_enum_and_dotted_forms() {
        assert_eq!(FlinkVersion::parse("v1_19"), Some(FlinkVersion::new(1, 19)));
        assert_eq!(FlinkVersion::parse("v2_0"), Some(FlinkVersion::new(2, 0)));
        assert_eq!(FlinkVersion::parse("1.20.1"), Some(FlinkVersion::new(1, 20)));
        assert_eq!(FlinkVersion::parse("1.19-cp2"), Some(FlinkVersion::new(1, 19)));
        assert_eq!(FlinkVersion::parse("latest"), None);
        assert_eq!(FlinkVersion::new(1, 19).enum_name(), "v1_19");
    }

    #[test]
    fn versions_outside_the_catalog_use_the_nearest_data() {
        assert_eq!(FlinkVersion::new(1, 15).catalog_index(), 0);
        assert_eq!(FlinkVersion::new(2, 4).catalog_index(), FLINK_VERSIONS.len() - 1);
        assert_eq!(FlinkVersion::new(1, 20).catalog_index(), 2);
        assert!(!FlinkVersion::new(2, 4).in_catalog());
    }

    #[test]
    fn parsed_table_matches_the_version_names() {
        let parsed: Vec<_> = FLINK_VERSIONS.iter().map(|v| FlinkVersion::parse(v)).collect();
        let table: Vec<_> = CATALOG_VERSIONS.iter().copied().map(Some).collect();
        assert_eq!(parsed, table);
    }

    #[test]
    fn sets_round_trip_as_ranges() {
        let s = VersionSet::parse("1.20-2.1").unwrap();
        assert!(s.contains(FlinkVersion::new(2, 0)));
        assert!(!s.contains(FlinkVersion::new(1, 19)));
        assert_eq!(s.range_text(), "1.20-2.1");
        assert_eq!(VersionSet::parse("2.2").unwrap().range_text(), "2.2");
        assert_eq!(VersionSet::parse("op"), Some(VersionSet::ALL));
        assert_eq!(VersionSet::parse("2.2-1.18"), None);
    }
}
