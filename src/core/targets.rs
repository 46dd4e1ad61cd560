//! What a design is checked against: the versions it targets (operator, CMF, CFK), which
//! gate version-dependent rules, and whether it declares itself complete.
//!
//! Versions come from the studio's installation nodes (`spec.version` of a
//! `FlinkKubernetesOperator`, `CmfService` or `ConfluentForKubernetes` node), can be
//! overridden by the user (CLI flags, studio settings), and default to the newest releases
//! the studio knows. What each release accepts and supports is the version table of
//! `core::flink::version`.

use serde::{Deserialize, Serialize};

use super::model::Kind;
use super::{design::Design, pointer};

/// A release number (`1.15.0`); defined with the version table in `core::flink::version`.
pub use super::flink::version::Version;

/// Newest Flink Kubernetes Operator release the studio knows (1.16.0, 2026-08-06).
pub const DEFAULT_FKO: Version = Version::new(1, 16, 0);
/// Newest CMF release the studio knows (2.5.0: SQL on Flink 1.19 or 2.3). The rules judge
/// against it; `core::cmf` (plan, apply) sends what the 2.3.1 OpenAPI describes.
pub const DEFAULT_CMF: Version = Version::new(2, 5, 0);
/// Newest CFK release the studio knows (3.4.0, 2026-10-28; no Flink CR changes since 3.3).
pub const DEFAULT_CFK: Version = Version::new(3, 4, 0);

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
