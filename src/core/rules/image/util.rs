//! Helpers of the image rules: image references and the Flink versions in their tags.

/// An image reference split into its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// Last path segment of the repository (`cp-flink` in `confluentinc/cp-flink:1.19.1-cp1`).
    pub name: &'a str,
    /// Tag, if any.
    pub tag: Option<&'a str>,
    /// Digest (`sha256:…`), if any.
    pub digest: Option<&'a str>,
}

/// Splits `[registry/]path/name[:tag][@digest]`.
pub fn parse_image(image: &str) -> ImageRef<'_> {
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

/// Images whose tag starts with the Flink version.
pub const FLINK_IMAGES: &[&str] = &["flink", "cp-flink", "cp-flink-sql"];

/// `major.minor` at the start of `text` (`1.19.3-cp2` → (1, 19)).
pub fn leading_version(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    if !rest.starts_with('.') {
        return None;
    }
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

/// The Flink version of a Flink image (`flink:1.20.1`, `cp-flink:2.1.1-cp1-java21`,
/// `cp-flink-sql:1.19-cp8`); `None` for other images or tags.
pub fn image_flink_version(image: &str) -> Option<(u32, u32)> {
    let r = parse_image(image);
    if !FLINK_IMAGES.contains(&r.name) {
        return None;
    }
    leading_version(r.tag?)
}

/// `v1_20` → (1, 20).
pub fn spec_flink_version(v: &str) -> Option<(u32, u32)> {
    let (a, b) = v.trim().strip_prefix('v')?.split_once('_')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// The Flink version in the file name of a Flink artifact (`flink-examples-streaming_2.12-
/// 1.19.2-TopSpeedWindowing.jar` → 1.19; connector jars `…-kafka-3.2.0-1.19.jar` → 1.19).
pub fn artifact_flink_version(uri: &str) -> Option<(u32, u32)> {
    let base = uri.rsplit('/').next()?;
    if !base.starts_with("flink-") {
        return None;
    }
    let versions: Vec<(u32, u32)> =
        base.match_indices('-').filter_map(|(i, _)| leading_version(&base[i + 1..])).collect();
    let v = if versions.len() > 1 { versions[1] } else { *versions.first()? };
    (v.0 == 1 || v.0 == 2).then_some(v)
}

/// Renders (1, 19) as `1.19`.
pub fn show((a, b): (u32, u32)) -> String {
    format!("{a}.{b}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_tags() {
        assert_eq!(image_flink_version("flink:1.20.1"), Some((1, 20)));
        assert_eq!(image_flink_version("confluentinc/cp-flink:1.19.3-cp2"), Some((1, 19)));
        assert_eq!(image_flink_version("confluentinc/cp-flink:2.1.1-cp1-java21"), Some((2, 1)));
        assert_eq!(image_flink_version("confluentinc/cp-flink-sql:1.19-cp8"), Some((1, 19)));
        assert_eq!(image_flink_version("registry:5000/flink:2.2"), Some((2, 2)));
        assert_eq!(image_flink_version("flink-dedup-app:1.0.0"), None);
        assert_eq!(image_flink_version("flink:latest"), None);
        assert_eq!(spec_flink_version("v2_1"), Some((2, 1)));
        assert_eq!(parse_image("localhost:5000/app").tag, None);
    }

    #[test]
    fn versions_from_artifacts() {
        let j = "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming_2.12/1.19.2/flink-examples-streaming_2.12-1.19.2-TopSpeedWindowing.jar";
        assert_eq!(artifact_flink_version(j), Some((1, 19)));
        assert_eq!(
            artifact_flink_version("s3://b/flink-sql-connector-kafka-3.2.0-1.18.jar"),
            Some((1, 18))
        );
        assert_eq!(artifact_flink_version("local:///opt/my-job-1.0.jar"), None);
    }
}
