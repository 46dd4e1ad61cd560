//! Which Flink filesystem plugin serves an object-storage URI scheme, per Flink version.
//!
//! Flink loads object-storage filesystems only as plugins (`/opt/flink/plugins`, or
//! `ENABLE_BUILT_IN_PLUGINS` in the official images). Sources: Flink's "File Systems"
//! docs (S3 via `flink-s3-fs-hadoop` / `flink-s3-fs-presto`, `s3a://` Hadoop only,
//! `s3p://` Presto only; GCS, Azure, OSS plugins) and the Flink 2.3 release notes
//! (FLIP-555: the native S3 plugin `flink-s3-fs-native`, registered for `s3://`).

use super::version::FlinkVersion;

/// The first Flink version that ships the native S3 plugin (`flink-s3-fs-native`).
pub const NATIVE_S3_SINCE: FlinkVersion = FlinkVersion::new(2, 3);

/// The native S3 plugin's jar prefix.
pub const NATIVE_S3: &str = "flink-s3-fs-native";

/// Scheme → plugin jar prefixes that provide it (in every Flink version the studio knows).
const PLUGINS: &[(&str, &[&str])] = &[
    ("s3", &["flink-s3-fs-hadoop", "flink-s3-fs-presto"]),
    ("s3a", &["flink-s3-fs-hadoop"]),
    ("s3p", &["flink-s3-fs-presto"]),
    ("gs", &["flink-gs-fs-hadoop"]),
    ("abfs", &["flink-azure-fs-hadoop"]),
    ("abfss", &["flink-azure-fs-hadoop"]),
    ("wasb", &["flink-azure-fs-hadoop"]),
    ("wasbs", &["flink-azure-fs-hadoop"]),
    ("oss", &["flink-oss-fs-hadoop"]),
];

/// The scheme of an object-storage `uri` and the plugin jar prefixes that serve it in
/// Flink `version` (the first is the one to suggest); `None` for other URIs. For an
/// unknown version the native S3 plugin counts but is not suggested first.
pub fn plugins_for(
    uri: &str,
    version: Option<FlinkVersion>,
) -> Option<(&'static str, Vec<&'static str>)> {
    let scheme = uri.trim().split_once("://")?.0.to_ascii_lowercase();
    let (scheme, jars) = PLUGINS.iter().find(|(s, _)| *s == scheme).copied()?;
    let mut jars = jars.to_vec();
    match version {
        _ if scheme != "s3" => {}
        Some(v) if v >= NATIVE_S3_SINCE => jars.insert(0, NATIVE_S3),
        Some(_) => {}
        None => jars.push(NATIVE_S3),
    }
    Some((scheme, jars))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_has_the_native_plugin_from_flink_2_3() {
        let (scheme, jars) = plugins_for("s3://bucket/cp", Some(NATIVE_S3_SINCE)).unwrap();
        assert_eq!(scheme, "s3");
        assert_eq!(jars, ["flink-s3-fs-native", "flink-s3-fs-hadoop", "flink-s3-fs-presto"]);
        let older = FlinkVersion::new(2, 2);
        assert_eq!(
            plugins_for("S3://b", Some(older)).unwrap().1,
            ["flink-s3-fs-hadoop", "flink-s3-fs-presto"]
        );
        assert_eq!(plugins_for("s3a://b", None).unwrap().1, ["flink-s3-fs-hadoop"]);
        let unknown = ["flink-s3-fs-hadoop", "flink-s3-fs-presto", "flink-s3-fs-native"];
        assert_eq!(plugins_for("s3://b", None).unwrap().1, unknown);
        assert_eq!(plugins_for("gs://b", None).unwrap().1, ["flink-gs-fs-hadoop"]);
        assert!(plugins_for("file:///tmp", None).is_none());
        assert!(plugins_for("/local/path", None).is_none());
    }
}
