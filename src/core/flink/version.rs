//! Flink versions, release numbers, and **the one version table**: which Flink versions
//! each Flink Kubernetes Operator (FKO) release accepts in its CRD, runs and deprecates
//! ([`FKO_RELEASES`]), which Flink versions (and SQL images) each CMF release runs
//! statements on ([`CMF_RELEASES`]), and which Flink minors the option catalog has data
//! for ([`CATALOG`]).
//!
//! The table is data: one row per release. Adding a release is one row (plus a test
//! naming what changed); a lookup for a target between or after rows uses the newest
//! row not newer than the target ([`fko`], [`cmf`]). Rules, the configuration engines and
//! the UI read versions only from here.
//!
//! Sources: the FKO CRD `spec.flinkVersion` enums as each release's Helm chart ships them
//! (`helm/flink-kubernetes-operator/crds` at the `release-1.x.0` tags; 1.16 from main
//! @6e9caeb4, which the 1.16.0 release post matches) and the `FlinkVersion` enum's
//! deprecations (domain.md rules 11–13); each FKO release post's supported matrix; what
//! each FKO release introduced that the rules gate on ([`FKO_FEATURES`]); CMF's "Flink
//! versions for statements" page (domain.md §2.4, rule 102); `data/flink-options.json`
//! (catalog).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A Flink `major.minor` version (`spec.flinkVersion: v1_19`, an image tag `1.19.3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FlinkVersion {
    /// The major version (`1` in 1.19).
    pub major: u32,
    /// The minor version (`19` in 1.19).
    pub minor: u32,
}

const fn v(major: u32, minor: u32) -> FlinkVersion {
    FlinkVersion::new(major, minor)
}

impl FlinkVersion {
    /// Newest Flink version the option catalog knows (the last of [`CATALOG`]).
    pub const LATEST: FlinkVersion = CATALOG[CATALOG.len() - 1];
    /// Version CMF statements run on when their pool names none: the first SQL version
    /// of every CMF release (checked by a test against [`CMF_RELEASES`]).
    pub const CMF_SQL_DEFAULT: FlinkVersion = v(1, 19);

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

    /// Parses exactly the CRD enum spelling `v1_19` (no blanks, no other form): what the
    /// API server compares `spec.flinkVersion` against.
    pub fn parse_enum(text: &str) -> Option<Self> {
        let (major, minor) = text.strip_prefix('v')?.split_once('_')?;
        let version = Self::new(major.parse().ok()?, minor.parse().ok()?);
        (version.enum_name() == text).then_some(version)
    }

    /// The FKO / CMF enum spelling, `v1_19`.
    pub fn enum_name(self) -> String {
        format!("v{}_{}", self.major, self.minor)
    }
}

impl fmt::Display for FlinkVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// The enum spellings of `versions`, joined by `sep` (`v1_19 or v2_3`).
pub fn enum_names(versions: &[FlinkVersion], sep: &str) -> String {
    versions.iter().map(|v| v.enum_name()).collect::<Vec<_>>().join(sep)
}

/// A release number of the Flink Kubernetes Operator, CMF or CFK (`1.15.0`, `2.3.1`):
/// the targets a design is checked against and the keys of the version table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Version {
    /// The major number.
    pub major: u32,
    /// The minor number.
    pub minor: u32,
    /// The patch number.
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

    /// `major.minor` only (`1.13`), as release rows are named.
    pub fn minor_text(self) -> String {
        format!("{}.{}", self.major, self.minor)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Every Flink minor version a row of the table names, oldest first: the order in which
/// a row's CRD range is read.
pub const FLINK_MINORS: &[FlinkVersion] = &[
    v(1, 13),
    v(1, 14),
    v(1, 15),
    v(1, 16),
    v(1, 17),
    v(1, 18),
    v(1, 19),
    v(1, 20),
    v(2, 0),
    v(2, 1),
    v(2, 2),
    v(2, 3),
    v(2, 4),
];

/// The Flink minor versions the option catalog (`data/flink-options.json`) has data for,
/// oldest first. Other versions use the nearest catalog data.
pub const CATALOG: &[FlinkVersion] =
    &[v(1, 18), v(1, 19), v(1, 20), v(2, 0), v(2, 1), v(2, 2), v(2, 3)];

/// The FKO releases the option catalog has operator options for (`data/flink-options.json`,
/// `v: "op…"`), oldest first. A target between or after them reads the newest one not
/// newer; an older target reads the first.
pub const OPERATOR_CATALOG: &[Version] = &[Version::new(1, 15, 0), Version::new(1, 16, 0)];

/// Index in [`OPERATOR_CATALOG`] of the operator options the FKO release `target` has.
pub fn operator_catalog_index(target: Version) -> usize {
    OPERATOR_CATALOG.iter().rposition(|r| target.at_least(r.major, r.minor)).unwrap_or(0)
}

/// The version hints show as an example of a `flinkVersion` value.
pub const EXAMPLE: FlinkVersion = v(1, 20);

/// What one Flink Kubernetes Operator release says about Flink versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FkoRelease {
    /// The release (every patch release of a minor behaves alike).
    pub release: Version,
    /// Newest value of the CRD's `spec.flinkVersion` enum; the enum runs from the oldest
    /// of [`FLINK_MINORS`] up to it. The API server rejects anything else.
    pub crd_newest: FlinkVersion,
    /// Newest Flink version of the release's supported matrix (its release notes); newer
    /// enum values are accepted ahead of a Flink release but not offered.
    pub matrix_newest: FlinkVersion,
    /// Oldest Flink version the operator runs; older values the CRD still accepts are
    /// rejected by its validator ("not supported", `FlinkVersion.isSupported`).
    pub oldest_supported: FlinkVersion,
    /// Versions the release marks deprecated (supported, but removed in a later release).
    pub deprecated: &'static [FlinkVersion],
}

const fn fko_row(
    release: (u32, u32),
    (crd_newest, matrix_newest): (FlinkVersion, FlinkVersion),
    oldest_supported: FlinkVersion,
    deprecated: &'static [FlinkVersion],
) -> FkoRelease {
    let release = Version::new(release.0, release.1, 0);
    FkoRelease { release, crd_newest, matrix_newest, oldest_supported, deprecated }
}

const DEPRECATED_1_10: &[FlinkVersion] = &[v(1, 15)];
const DEPRECATED_1_11: &[FlinkVersion] = &[v(1, 15), v(1, 16)];
const DEPRECATED_1_13: &[FlinkVersion] = &[v(1, 15), v(1, 16), v(1, 17), v(1, 18)];

/// The FKO releases the studio knows, oldest first. A target older than the first row
/// reads the first row.
pub const FKO_RELEASES: &[FkoRelease] = &[
    // release, (CRD enum up to, supported matrix up to), runs from, deprecates
    fko_row((1, 9), (v(2, 0), v(2, 0)), v(1, 15), &[]),
    fko_row((1, 10), (v(2, 0), v(2, 0)), v(1, 15), DEPRECATED_1_10),
    fko_row((1, 11), (v(2, 0), v(2, 0)), v(1, 15), DEPRECATED_1_11),
    fko_row((1, 12), (v(2, 0), v(2, 0)), v(1, 15), DEPRECATED_1_11),
    fko_row((1, 13), (v(2, 2), v(2, 2)), v(1, 15), DEPRECATED_1_13),
    fko_row((1, 14), (v(2, 2), v(2, 2)), v(1, 15), DEPRECATED_1_13),
    // The 1.15.0 Helm chart's CRD ends at v2_2 although FlinkVersion.java has v2_3/v2_4.
    fko_row((1, 15), (v(2, 2), v(2, 2)), v(1, 15), DEPRECATED_1_13),
    // Release post: "2.3.x, 2.2.x, 2.1.x, 2.0.x, 1.20.x, 1.19.x"; the CRD already has v2_4.
    fko_row((1, 16), (v(2, 4), v(2, 3)), v(1, 15), DEPRECATED_1_13),
];

/// The row of the newest release not newer than `target` (the first row for older ones).
fn row_for<T: Copy>(rows: &[T], release: impl Fn(&T) -> Version, target: Version) -> T {
    let newest = rows.iter().rev().find(|r| {
        let r = release(r);
        target.at_least(r.major, r.minor)
    });
    *newest.unwrap_or(&rows[0])
}

/// What the FKO release `target` says about Flink versions.
pub fn fko(target: Version) -> FkoRelease {
    row_for(FKO_RELEASES, |r| r.release, target)
}

/// The FKO release that first deprecated `v`, if any release of the table does.
pub fn fko_deprecated_since(v: FlinkVersion) -> Option<Version> {
    FKO_RELEASES.iter().find(|r| r.deprecated.contains(&v)).map(|r| r.release)
}

impl FkoRelease {
    /// The values of the CRD's `spec.flinkVersion` enum, oldest first.
    pub fn crd_enum(&self) -> Vec<FlinkVersion> {
        FLINK_MINORS.iter().copied().filter(|v| *v <= self.crd_newest).collect()
    }

    /// True when the CRD enum has exactly this `spec.flinkVersion` text.
    pub fn accepts(&self, text: &str) -> bool {
        FlinkVersion::parse_enum(text).is_some_and(|v| self.crd_enum().contains(&v))
    }

    /// True when the operator runs `v` (deprecated versions included).
    pub fn supports(&self, v: FlinkVersion) -> bool {
        v >= self.oldest_supported && v <= self.crd_newest
    }

    /// True when the release marks `v` deprecated.
    pub fn is_deprecated(&self, v: FlinkVersion) -> bool {
        self.deprecated.contains(&v)
    }

    /// The versions to offer for a new or upgraded cluster: accepted, supported, in the
    /// release's supported matrix and not deprecated, oldest first (what a form's version
    /// choice should list).
    pub fn offered(&self) -> Vec<FlinkVersion> {
        let current = |v: &FlinkVersion| {
            self.supports(*v) && !self.is_deprecated(*v) && *v <= self.matrix_newest
        };
        self.crd_enum().into_iter().filter(current).collect()
    }
}

/// A field or behaviour that arrived in an FKO release, which rules gate on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FkoFeature {
    /// `jobManager/taskManager.resources` (Kubernetes `ResourceRequirements`, FLINK-33548);
    /// older CRDs do not have the field.
    ResourceRequirements,
    /// FlinkStateSnapshot `backoffLimit: -1` retries without limit (FLINK-39967); before,
    /// the snapshot failed on its first error.
    UnlimitedSnapshotBackoff,
    /// The Helm chart renders the operator configuration as one `config.yaml` key and
    /// mounts it under that name (FLINK-39791), read by Flink's strict YAML parser.
    OperatorConfigYaml,
    /// `job.autoscaler.scaling.parallelism-alignment.mode` (default `BALANCED`, FLIP-586);
    /// before, `scaling.key-group.partitions.adjust.mode` (default `EVENLY_SPREAD`) decided.
    ParallelismAlignmentMode,
    /// The operator refuses a Flink 2.x configuration in which one key is a prefix of
    /// another (`FlinkConfMountDecorator.validateConfigKeysForV2`, FLINK-37405).
    Flink2KeyPrefixCheck,
}

/// The FKO release (major, minor) that introduced each [`FkoFeature`].
pub const FKO_FEATURES: &[(FkoFeature, (u32, u32))] = &[
    (FkoFeature::Flink2KeyPrefixCheck, (1, 12)),
    (FkoFeature::ResourceRequirements, (1, 16)),
    (FkoFeature::UnlimitedSnapshotBackoff, (1, 16)),
    (FkoFeature::OperatorConfigYaml, (1, 16)),
    (FkoFeature::ParallelismAlignmentMode, (1, 16)),
];

impl FkoFeature {
    /// The release that introduced the feature.
    pub fn since(self) -> Version {
        let (major, minor) = FKO_FEATURES
            .iter()
            .find(|(f, _)| *f == self)
            .map(|(_, r)| *r)
            .expect("every feature has a row in FKO_FEATURES");
        Version::new(major, minor, 0)
    }

    /// True when the FKO release `target` has the feature.
    pub fn in_release(self, target: Version) -> bool {
        let since = self.since();
        target.at_least(since.major, since.minor)
    }
}

/// The oldest Flink whose adaptive scheduler rescales a running job in place through the
/// resource requirements API (FLIP-291), which FKO uses for an in-place rescale.
pub const ADAPTIVE_RESCALE_SINCE: FlinkVersion = v(1, 18);

/// The newest FKO and CMF releases of the tables (what a version pre-flight moves to by
/// default).
pub fn newest_releases() -> (Version, Version) {
    let last = |rows: &[Version]| rows[rows.len() - 1];
    let fko: Vec<Version> = FKO_RELEASES.iter().map(|r| r.release).collect();
    let cmf: Vec<Version> = CMF_RELEASES.iter().map(|r| r.release).collect();
    (last(&fko), last(&cmf))
}

/// What one CMF release says about the Flink versions of SQL statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CmfRelease {
    /// The release (every patch release of a minor behaves alike).
    pub release: Version,
    /// The Flink versions its compute pools run statements on (`clusterSpec.flinkVersion`),
    /// with the `confluentinc/cp-flink-sql` tag pattern of each; the default first.
    pub sql: &'static [(FlinkVersion, &'static str)],
}

const fn cmf_row(release: (u32, u32), sql: &'static [(FlinkVersion, &'static str)]) -> CmfRelease {
    CmfRelease { release: Version::new(release.0, release.1, 0), sql }
}

const SQL_1_19: &[(FlinkVersion, &str)] = &[(v(1, 19), "1.19-cpN")];
const SQL_1_19_2_3: &[(FlinkVersion, &str)] =
    &[(v(1, 19), "1.19-cpN"), (v(2, 3), "2.3-cmf2.5-cpN")];

/// The CMF releases the studio knows, oldest first. A target older than the first row
/// reads the first row.
pub const CMF_RELEASES: &[CmfRelease] = &[
    // release, SQL versions with their cp-flink-sql tags (default first)
    cmf_row((2, 0), SQL_1_19),
    cmf_row((2, 1), SQL_1_19),
    cmf_row((2, 2), SQL_1_19),
    cmf_row((2, 3), SQL_1_19),
    cmf_row((2, 4), SQL_1_19),
    cmf_row((2, 5), SQL_1_19_2_3),
];

/// What the CMF release `target` says about SQL Flink versions.
pub fn cmf(target: Version) -> CmfRelease {
    row_for(CMF_RELEASES, |r| r.release, target)
}

impl CmfRelease {
    /// The Flink versions statements run on, the default first.
    pub fn sql_versions(&self) -> Vec<FlinkVersion> {
        self.sql.iter().map(|(v, _)| *v).collect()
    }

    /// True when statements run on Flink `v`.
    pub fn runs_sql(&self, v: FlinkVersion) -> bool {
        self.sql.iter().any(|(sql, _)| *sql == v)
    }

    /// True when a pool's `clusterSpec.flinkVersion` text is exactly one of them.
    pub fn runs_sql_on(&self, text: &str) -> bool {
        FlinkVersion::parse_enum(text).is_some_and(|v| self.runs_sql(v))
    }

    /// The image a pool of the default SQL version uses (`confluentinc/cp-flink-sql:1.19-cpN`).
    pub fn default_sql_image(&self) -> String {
        format!("confluentinc/cp-flink-sql:{}", self.sql[0].1)
    }
}

/// A CMF feature that arrived in a CMF release, which rules, plan and apply gate on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmfFeature {
    /// Artifacts: environment-scoped, versioned binaries uploaded to CMF (`/artifacts`
    /// endpoints) and `cmf://` references to them (CMF 2.4.0, "Manage Artifacts").
    Artifacts,
    /// Periodic savepoints: `savepointSchedule` on statements and in the environment's
    /// statement and application defaults (CMF 2.4.0, "Schedule periodic savepoints").
    SavepointSchedules,
    /// A statement's `spec.upgradeMode` (CMF 2.4 OpenAPI, `StatementSpec.upgradeMode`).
    StatementUpgradeMode,
    /// The service-account allowlist (`/service-account-allowlist-entries`, CMF 2.4
    /// OpenAPI).
    ServiceAccountAllowlist,
    /// Pinning a savepoint (`spec.pinned` by `PUT …/savepoints/{name}`) and bulk-deleting
    /// savepoints by source and age (`DELETE …/savepoints`; CMF 2.4 OpenAPI).
    SavepointPinning,
    /// A compute pool can be updated in place (`PUT …/compute-pools/{name}`); before, it
    /// must be deleted and created again (the change review gates on it).
    ComputePoolUpdate,
    /// An environment's `kubernetesNamespace` and `kubernetesClusterName` are documented as
    /// immutable after creation (CMF answers 400 to a change; the change review gates on it).
    ImmutableEnvironmentPlacement,
}

/// The CMF release (major, minor) that introduced each [`CmfFeature`], with the words a
/// message uses for it. Sources: Confluent's CMF docs date artifacts and periodic
/// savepoints to 2.4.0; the CMF 2.4 OpenAPI (`shared/specs/cmf-openapi-2.4.0.yaml`) adds
/// `upgradeMode` and the allowlist, which the 2.3.1 one lacks.
pub const CMF_FEATURES: &[(CmfFeature, (u32, u32), &str)] = &[
    (CmfFeature::Artifacts, (2, 4), "artifacts (cmf:// URIs)"),
    (CmfFeature::SavepointSchedules, (2, 4), "savepoint schedules (savepointSchedule)"),
    (CmfFeature::StatementUpgradeMode, (2, 4), "statement upgradeMode"),
    (CmfFeature::ServiceAccountAllowlist, (2, 4), "the service-account allowlist"),
    (CmfFeature::SavepointPinning, (2, 4), "pinning and bulk-deleting savepoints"),
    (CmfFeature::ComputePoolUpdate, (2, 3), "in-place compute pool updates"),
    (CmfFeature::ImmutableEnvironmentPlacement, (2, 4), "immutable environment placement"),
];

impl CmfFeature {
    fn row(self) -> &'static (CmfFeature, (u32, u32), &'static str) {
        CMF_FEATURES.iter().find(|(f, _, _)| *f == self).expect("every CMF feature has a row")
    }

    /// The release that introduced the feature.
    pub fn since(self) -> Version {
        let (major, minor) = self.row().1;
        Version::new(major, minor, 0)
    }

    /// What messages call the feature.
    pub fn label(self) -> &'static str {
        self.row().2
    }

    /// True when the CMF release `target` has the feature.
    pub fn in_release(self, target: Version) -> bool {
        let since = self.since();
        target.at_least(since.major, since.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(versions: &[FlinkVersion]) -> String {
        enum_names(versions, ",")
    }

    #[test]
    fn cmf_features_arrive_in_2_4() {
        assert!(CmfFeature::ComputePoolUpdate.in_release(Version::new(2, 3, 1)));
        assert!(!CmfFeature::ComputePoolUpdate.in_release(Version::new(2, 2, 0)));
        for (f, _, _) in CMF_FEATURES.iter().filter(|(f, _, _)| *f != CmfFeature::ComputePoolUpdate)
        {
            assert!(!f.in_release(Version::new(2, 3, 1)), "{f:?}");
            assert!(f.in_release(Version::new(2, 4, 0)), "{f:?}");
            assert!(f.in_release(Version::new(2, 5, 0)), "{f:?}");
        }
        assert_eq!(CmfFeature::Artifacts.label(), "artifacts (cmf:// URIs)");
    }

    #[test]
    fn parses_enum_and_dotted_forms() {
        assert_eq!(FlinkVersion::parse("v1_19"), Some(v(1, 19)));
        assert_eq!(FlinkVersion::parse("V2_0"), Some(v(2, 0)));
        assert_eq!(FlinkVersion::parse("1.20.1"), Some(v(1, 20)));
        assert_eq!(FlinkVersion::parse("1.19-cp2"), Some(v(1, 19)));
        assert_eq!(FlinkVersion::parse("latest"), None);
        assert_eq!(v(1, 19).enum_name(), "v1_19");
        assert_eq!(v(1, 19).to_string(), "1.19");
    }

    #[test]
    fn the_enum_spelling_is_exact() {
        assert_eq!(FlinkVersion::parse_enum("v2_1"), Some(v(2, 1)));
        for text in ["V2_1", "2.1", "v2_1 ", "v02_1", "v2_1x", "v2", "v_1"] {
            assert_eq!(FlinkVersion::parse_enum(text), None, "{text}");
        }
    }

    #[test]
    fn release_numbers() {
        assert_eq!(Version::parse("1.15"), Some(Version::new(1, 15, 0)));
        assert_eq!(Version::parse("v2.3.1"), Some(Version::new(2, 3, 1)));
        assert_eq!(Version::parse("1.130.0-cp1"), Some(Version::new(1, 130, 0)));
        assert_eq!(Version::parse("x"), None);
        assert!(Version::new(1, 10, 0).at_least(1, 10));
        assert!(!Version::new(1, 9, 9).at_least(1, 10));
        assert_eq!(Version::new(1, 13, 2).minor_text(), "1.13");
    }

    #[test]
    fn cmf_features_have_their_releases() {
        assert!(!CmfFeature::ComputePoolUpdate.in_release(Version::new(2, 2, 9)));
        assert!(CmfFeature::ComputePoolUpdate.in_release(Version::new(2, 3, 0)));
        for f in [CmfFeature::StatementUpgradeMode, CmfFeature::ImmutableEnvironmentPlacement] {
            assert!(!f.in_release(Version::new(2, 3, 1)), "{f:?}");
            assert!(f.in_release(Version::new(2, 4, 0)), "{f:?}");
        }
        let (fko, cmf) = newest_releases();
        assert!(FKO_RELEASES.iter().all(|r| r.release <= fko));
        assert!(CMF_RELEASES.iter().all(|r| r.release <= cmf));
    }

    #[test]
    fn rows_are_ordered_and_name_known_minors() {
        for rows in [
            FKO_RELEASES.iter().map(|r| r.release).collect::<Vec<_>>(),
            CMF_RELEASES.iter().map(|r| r.release).collect(),
        ] {
            assert!(rows.windows(2).all(|w| w[0] < w[1]), "{rows:?}");
        }
        assert!(FLINK_MINORS.windows(2).all(|w| w[0] < w[1]));
        assert!(CATALOG.windows(2).all(|w| w[0] < w[1]));
        let named = FKO_RELEASES
            .iter()
            .flat_map(|r| {
                [r.crd_newest, r.matrix_newest, r.oldest_supported]
                    .into_iter()
                    .chain(r.deprecated.iter().copied())
            })
            .chain(CMF_RELEASES.iter().flat_map(|r| r.sql_versions()))
            .chain(CATALOG.iter().copied());
        for version in named {
            assert!(FLINK_MINORS.contains(&version), "{version} is not in FLINK_MINORS");
        }
        for r in FKO_RELEASES {
            assert!(r.matrix_newest <= r.crd_newest, "FKO {}", r.release);
        }
        for r in CMF_RELEASES {
            assert_eq!(r.sql[0].0, FlinkVersion::CMF_SQL_DEFAULT, "CMF {}", r.release);
            for (version, tag) in r.sql {
                assert_eq!(FlinkVersion::parse(tag), Some(*version), "CMF {} tag {tag}", r.release);
            }
        }
    }

    #[test]
    fn fko_crd_enum_grows_with_the_release() {
        let enum_of = |major, minor| names(&fko(Version::new(major, minor, 0)).crd_enum());
        let upto_2_0 = "v1_13,v1_14,v1_15,v1_16,v1_17,v1_18,v1_19,v1_20,v2_0";
        assert_eq!(enum_of(1, 8), upto_2_0, "older than the first row: the first row");
        assert_eq!(enum_of(1, 12), upto_2_0);
        assert_eq!(enum_of(1, 13), format!("{upto_2_0},v2_1,v2_2"));
        assert_eq!(enum_of(1, 14), enum_of(1, 13));
        // The 1.15.0 Helm chart's CRD stops at v2_2 (the Java enum's v2_3/v2_4 are not in it).
        assert_eq!(enum_of(1, 15), enum_of(1, 13));
        assert_eq!(enum_of(1, 16), format!("{upto_2_0},v2_1,v2_2,v2_3,v2_4"));
        assert_eq!(enum_of(9, 0), enum_of(1, 16), "newer than the last row: the last row");
        let fko_1_15 = fko(Version::new(1, 15, 3));
        assert!(fko_1_15.accepts("v2_2") && !fko_1_15.accepts("v2_3"));
        let fko_1_16 = fko(Version::new(1, 16, 0));
        assert!(fko_1_16.accepts("v2_4") && !fko_1_16.accepts("v2_5") && !fko_1_16.accepts("1.19"));
    }

    #[test]
    fn fko_support_and_deprecation() {
        let at = |minor| fko(Version::new(1, minor, 0));
        assert!(!at(15).supports(v(1, 14)) && at(15).supports(v(1, 15)));
        assert!(!at(9).is_deprecated(v(1, 15)));
        assert_eq!(names(at(10).deprecated), "v1_15");
        assert_eq!(names(at(12).deprecated), "v1_15,v1_16");
        assert_eq!(names(at(13).deprecated), "v1_15,v1_16,v1_17,v1_18");
        assert_eq!(fko_deprecated_since(v(1, 16)), Some(Version::new(1, 11, 0)));
        assert_eq!(fko_deprecated_since(v(1, 18)), Some(Version::new(1, 13, 0)));
        assert_eq!(fko_deprecated_since(v(1, 19)), None);
        assert_eq!(names(&at(15).offered()), "v1_19,v1_20,v2_0,v2_1,v2_2");
        // 1.16's supported matrix is 1.19–2.3; its CRD also accepts v2_4 (no Flink release).
        assert_eq!(names(&at(16).offered()), "v1_19,v1_20,v2_0,v2_1,v2_2,v2_3");
        assert!(at(16).supports(v(2, 4)) && at(16).deprecated == at(13).deprecated);
    }

    #[test]
    fn fko_features_arrive_with_their_release() {
        use FkoFeature::*;
        for f in [ResourceRequirements, UnlimitedSnapshotBackoff, OperatorConfigYaml] {
            assert!(!f.in_release(Version::new(1, 15, 0)), "{f:?}");
            assert!(f.in_release(Version::new(1, 16, 0)) && f.in_release(Version::new(2, 0, 0)));
        }
        assert_eq!(ParallelismAlignmentMode.since(), Version::new(1, 16, 0));
        for (f, (major, minor)) in FKO_FEATURES {
            let named = FKO_RELEASES.iter().any(|r| r.release == Version::new(*major, *minor, 0));
            assert!(named, "{f:?} arrived in a release the table has no row for");
        }
    }

    #[test]
    fn cmf_sql_versions() {
        let at = |minor| cmf(Version::new(2, minor, 1));
        assert_eq!(names(&at(3).sql_versions()), "v1_19");
        assert_eq!(names(&at(4).sql_versions()), "v1_19");
        assert_eq!(names(&at(5).sql_versions()), "v1_19,v2_3");
        assert_eq!(names(&cmf(Version::new(1, 0, 0)).sql_versions()), "v1_19");
        assert!(at(5).runs_sql_on("v2_3") && !at(3).runs_sql_on("v2_3"));
        assert!(!at(5).runs_sql_on("1.19"));
        assert_eq!(at(3).default_sql_image(), "confluentinc/cp-flink-sql:1.19-cpN");
    }

    #[test]
    fn operator_catalog_releases_are_fko_rows() {
        assert!(OPERATOR_CATALOG.windows(2).all(|w| w[0] < w[1]));
        for r in OPERATOR_CATALOG {
            assert!(FKO_RELEASES.iter().any(|row| row.release == *r), "{r} has no FKO row");
        }
        assert_eq!(operator_catalog_index(Version::new(1, 13, 0)), 0);
        assert_eq!(operator_catalog_index(Version::new(1, 15, 2)), 0);
        assert_eq!(operator_catalog_index(Version::new(1, 16, 0)), 1);
        assert_eq!(operator_catalog_index(Version::new(9, 0, 0)), OPERATOR_CATALOG.len() - 1);
    }

    #[test]
    fn the_catalog_ends_at_latest() {
        assert_eq!(FlinkVersion::LATEST, v(2, 3));
        assert_eq!(CATALOG[0], v(1, 18));
    }
}
