//! What a design is checked against: the versions it targets (operator, CMF, CFK), which
//! gate version-dependent rules, and whether it declares itself complete.
//!
//! Versions come from the studio's installation nodes (`spec.version` of a
//! `FlinkKubernetesOperator`, `CmfService` or `ConfluentForKubernetes` node), can be
//! overridden by the user (CLI flags, studio settings), and default to the newest releases
//! the studio knows.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::Kind;
use super::{design::Design, pointer};

/// A `major.minor.patch` version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Version {
    /// Major.
    pub major: u32,
    /// Minor.
    pub minor: u32,
    /// Patch.
    pub patch: u32,
}

impl Version {
    /// Builds a version.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Self { major, minor, patch }
    }

    /// Parses `1.15`, `1.15.0`, `v2.3.1` (a leading `v` and trailing text are ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().trim_start_matches('v');
        let mut parts = t.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next().map_or(Some(0), |p| p.parse().ok())?;
        let patch = parts.next().map_or(Some(0), |p| p.parse().ok())?;
        Some(Self { major, minor, patch })
    }

    /// True when this version is at least `major.minor`.
    pub fn at_least(self, major: u32, minor: u32) -> bool {
        (self.major, self.minor) >= (major, minor)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Newest Flink Kubernetes Operator release the studio knows.
pub const DEFAULT_FKO: Version = Version::new(1, 15, 0);
/// Newest CMF release the studio knows (the shared OpenAPI).
pub const DEFAULT_CMF: Version = Version::new(2, 3, 1);
/// Newest CFK release the studio knows.
pub const DEFAULT_CFK: Version = Version::new(3, 3, 0);

/// What a design is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    /// Flink Kubernetes Operator.
    pub fko: Version,
    /// Confluent Manager for Apache Flink.
    pub cmf: Version,
    /// Confluent for Kubernetes.
    pub cfk: Version,
    /// The reference policy. `false` (the default): the input is *open* — a folder of
    /// manifests is usually part of a bigger repository or cluster, so a reference to
    /// something not in the input is a warning naming what must exist. `true`: the design
    /// declares itself complete, and such a reference is an error.
    #[serde(default)]
    pub complete: bool,
}

impl Default for Targets {
    fn default() -> Self {
        Self { fko: DEFAULT_FKO, cmf: DEFAULT_CMF, cfk: DEFAULT_CFK, complete: false }
    }
}

/// User overrides of the targets (CLI flags, studio settings).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetOverrides {
    /// Operator version to assume.
    pub fko: Option<Version>,
    /// CMF version to assume.
    pub cmf: Option<Version>,
    /// CFK version to assume.
    pub cfk: Option<Version>,
    /// The design declares itself complete (see [`Targets::complete`]).
    #[serde(default)]
    pub complete: bool,
}

impl Targets {
    /// Targets of a design: overrides, else installation nodes, else defaults.
    pub fn of(design: &Design, overrides: TargetOverrides) -> Self {
        let from_node = |kind: Kind| {
            design.resources.iter().filter(|r| r.kind == kind).find_map(|r| {
                pointer::get_str(&r.doc, &["spec", "version"]).and_then(Version::parse)
            })
        };
        Self {
            fko: overrides.fko.or_else(|| from_node(Kind::FkoInstall)).unwrap_or(DEFAULT_FKO),
            cmf: overrides.cmf.or_else(|| from_node(Kind::CmfInstall)).unwrap_or(DEFAULT_CMF),
            cfk: overrides.cfk.or_else(|| from_node(Kind::CfkInstall)).unwrap_or(DEFAULT_CFK),
            complete: overrides.complete,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        assert_eq!(Version::parse("1.15"), Some(Version::new(1, 15, 0)));
        assert_eq!(Version::parse("v2.3.1"), Some(Version::new(2, 3, 1)));
        assert_eq!(Version::parse("1.130.0-cp1"), Some(Version::new(1, 130, 0)));
        assert_eq!(Version::parse("x"), None);
        assert!(Version::new(1, 10, 0).at_least(1, 10));
        assert!(!Version::new(1, 9, 9).at_least(1, 10));
    }
}
