//! What an image reference or an artifact name says: the parts of
//! `[registry/]path/name[:tag][@digest]`, which images are Flink images (Apache `flink`,
//! Confluent `cp-flink` and the SQL runtime `cp-flink-sql`), and the Flink version a
//! Flink image's tag or a Flink artifact's file name starts with.

use super::version::FlinkVersion;

/// The Apache Flink image (`flink:1.20.1`).
pub const APACHE_FLINK: &str = "flink";
/// Confluent Platform's Flink image (`confluentinc/cp-flink:1.19.3-cp2`), for applications.
pub const CP_FLINK: &str = "cp-flink";
/// Confluent Platform's Flink SQL runtime (`confluentinc/cp-flink-sql:1.19-cp8`), for
/// compute pools.
pub const CP_FLINK_SQL: &str = "cp-flink-sql";
/// Images whose tag starts with the Flink version they contain.
pub const FLINK_IMAGES: &[&str] = &[APACHE_FLINK, CP_FLINK, CP_FLINK_SQL];

/// An image reference split into its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// Last path segment of the repository, without registry, tag or digest (`cp-flink`
    /// in `docker.io/confluentinc/cp-flink:1.19.1-cp1`).
    pub name: &'a str,
    /// The tag, if any.
    pub tag: Option<&'a str>,
    /// The digest (`sha256:…`), if any.
    pub digest: Option<&'a str>,
}

/// Splits `[registry[:port]/]path/name[:tag][@digest]` (blanks around it ignored).
pub fn parse(image: &str) -> ImageRef<'_> {
    let image = image.trim();
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    let last = rest.rsplit('/').next().unwrap_or(rest);
    let (name, tag) = match last.split_once(':') {
        Some((n, t)) => (n, Some(t)),
        None => (last, None),
    };
    ImageRef { name, tag, digest }
}

/// `major.minor` at the start of `text` (`1.19.3-cp2` → 1.19, `2.3-cmf2.5-cp1` → 2.3);
/// `None` unless a dot follows the major version.
pub fn leading_version(text: &str) -> Option<FlinkVersion> {
    let mut parts = text.split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    if !rest.starts_with('.') {
        return None;
    }
    let minor = parts.next()?.parse().ok()?;
    Some(FlinkVersion::new(major, minor))
}

/// The Flink version of a Flink image (`flink:1.20.1`, `cp-flink:2.1.1-cp1-java21`,
/// `cp-flink-sql:1.19-cp8`); `None` for other images and for tags without a version.
pub fn flink_version(image: &str) -> Option<FlinkVersion> {
    let r = parse(image);
    if !FLINK_IMAGES.contains(&r.name) {
        return None;
    }
    leading_version(r.tag?)
}

/// The Flink version in the file name of a Flink artifact
/// (`flink-examples-streaming_2.12-1.19.2-TopSpeedWindowing.jar` → 1.19; connector jars
/// `flink-sql-connector-kafka-3.2.0-1.19.jar` → 1.19, the second version); `None` for
/// other files.
pub fn artifact_flink_version(uri: &str) -> Option<FlinkVersion> {
    let base = uri.rsplit('/').next()?;
    if !base.starts_with("flink-") {
        return None;
    }
    let versions: Vec<FlinkVersion> =
        base.match_indices('-').filter_map(|(i, _)| leading_version(&base[i + 1..])).collect();
    let v = if versions.len() > 1 { versions[1] } else { *versions.first()? };
    (v.major == 1 || v.major == 2).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(major: u32, minor: u32) -> Option<FlinkVersion> {
        Some(FlinkVersion::new(major, minor))
    }

    #[test]
    fn splits_references() {
        let r = parse(" reg:5000/confluentinc/cp-flink-sql:1.19-cp8@sha256:abc ");
        assert_eq!(
            (r.name, r.tag, r.digest),
            ("cp-flink-sql", Some("1.19-cp8"), Some("sha256:abc"))
        );
        assert_eq!(parse("localhost:5000/app").tag, None);
        assert_eq!(parse("localhost:5000/app").name, "app");
        assert_eq!(parse("flink").name, "flink");
    }

    #[test]
    fn versions_from_tags() {
        assert_eq!(flink_version("flink:1.20.1"), v(1, 20));
        assert_eq!(flink_version("confluentinc/cp-flink:1.19.3-cp2"), v(1, 19));
        assert_eq!(flink_version("confluentinc/cp-flink:2.1.1-cp1-java21"), v(2, 1));
        assert_eq!(flink_version("confluentinc/cp-flink-sql:1.19-cp8"), v(1, 19));
        assert_eq!(flink_version("confluentinc/cp-flink-sql:2.3-cmf2.5-cp1"), v(2, 3));
        assert_eq!(flink_version("registry:5000/flink:2.2"), v(2, 2));
        assert_eq!(flink_version("flink-dedup-app:1.0.0"), None);
        assert_eq!(flink_version("flink:latest"), None);
        assert_eq!(flink_version("cp-flink-sql:19-cp8"), None);
        assert_eq!(flink_version("cp-flink-sql"), None);
    }

    #[test]
    fn versions_from_artifacts() {
        let j = "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming_2.12/1.19.2/flink-examples-streaming_2.12-1.19.2-TopSpeedWindowing.jar";
        assert_eq!(artifact_flink_version(j), v(1, 19));
        assert_eq!(
            artifact_flink_version("s3://b/flink-sql-connector-kafka-3.2.0-1.18.jar"),
            v(1, 18)
        );
        assert_eq!(artifact_flink_version("local:///opt/my-job-1.0.jar"), None);
    }
}
