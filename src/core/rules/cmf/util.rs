//! Helpers shared by the CMF rules.

use serde_json::Value;

use crate::core::model::Kind;
use crate::core::pointer;

/// The CMF concepts (whatever their serialization).
pub const CMF_KINDS: &[Kind] = &[
    Kind::Environment,
    Kind::Application,
    Kind::ComputePool,
    Kind::Statement,
    Kind::KafkaCatalog,
    Kind::KafkaDatabase,
    Kind::CmfSecret,
    Kind::SecretMapping,
];

/// Keys of a map whose values are not strings, with the pointer of each value.
pub fn non_string_values(map: Option<&Value>, base: &str) -> Vec<(String, String)> {
    let Some(Value::Object(m)) = map else { return Vec::new() };
    m.iter()
        .filter(|(_, v)| !v.is_string())
        .map(|(k, _)| (k.clone(), pointer::push(base, k)))
        .collect()
}

/// `v1_19` for an image tag such as `1.19-cp8` or `2.1.1-cp1-java21`.
pub fn flink_version_of_tag(image: &str) -> Option<String> {
    let tag = image.rsplit_once(':')?.1;
    let mut parts = tag.split(|c: char| !c.is_ascii_digit());
    let major = parts.next().filter(|s| !s.is_empty())?;
    let minor = parts.next().filter(|s| !s.is_empty())?;
    Some(format!("v{major}_{minor}"))
}

/// The repository name of an image, without registry, tag or digest
/// (`docker.io/confluentinc/cp-flink-sql:1.19-cp8` → `cp-flink-sql`).
pub fn image_repository(image: &str) -> &str {
    let no_digest = image.split('@').next().unwrap_or(image);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split(':').next().unwrap_or(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_image_tags() {
        assert_eq!(
            flink_version_of_tag("confluentinc/cp-flink-sql:1.19-cp8").as_deref(),
            Some("v1_19")
        );
        assert_eq!(flink_version_of_tag("cp-flink-sql:2.1.1-cp1-java21").as_deref(), Some("v2_1"));
        assert_eq!(flink_version_of_tag("cp-flink-sql:latest"), None);
        assert_eq!(image_repository("reg:5000/confluentinc/cp-flink-sql:1.19-cp8"), "cp-flink-sql");
    }
}
