//! Enums that no embedded CRD carries, each with the source a test compares it with.
//!
//! The CMF OpenAPI is not embedded (over 300 kB for a handful of enums the studio offers as
//! choices), so its enums are listed here and `tests` checks them against every copy in
//! `shared/specs`. The studio's own nodes have no published schema: README "Studio nodes"
//! is their specification, and `tests` checks that it names every value.

use crate::core::model::Kind;

/// Where a listed enum comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListedSource {
    /// A property of this CMF OpenAPI schema (`components.schemas.<name>`), at the enum's
    /// tokens. CFK's CRs carry the same spec.
    CmfOpenApi(&'static str),
    /// The same, for a property the CMF 2.4 OpenAPI added (absent from 2.3.1).
    CmfOpenApi24(&'static str),
    /// The "Studio nodes" table of README.md.
    StudioNodes,
}

/// A spec field's allowed values, for a field no embedded schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListedEnum {
    /// The kind whose spec has the field (in every serialization of the kind).
    pub kind: Kind,
    /// Path of the field below the spec.
    pub tokens: &'static [&'static str],
    /// The allowed values, in the order their source gives them.
    pub values: &'static [&'static str],
    /// Where they are specified.
    pub source: ListedSource,
}

/// Every listed enum.
pub const LISTED_ENUMS: &[ListedEnum] = &[
    ListedEnum {
        kind: Kind::ComputePool,
        tokens: &["type"],
        values: &["DEDICATED", "SHARED"],
        source: ListedSource::CmfOpenApi("ComputePoolSpec"),
    },
    ListedEnum {
        kind: Kind::Statement,
        tokens: &["upgradeMode"],
        values: &["stateless", "savepoint", "last-state"],
        source: ListedSource::CmfOpenApi24("StatementSpec"),
    },
    ListedEnum {
        kind: Kind::CmfInstall,
        tokens: &["authentication"],
        values: &["none", "mtls", "oauth"],
        source: ListedSource::StudioNodes,
    },
    ListedEnum {
        kind: Kind::ObjectStore,
        tokens: &["type"],
        values: &["s3", "minio", "gcs", "azure"],
        source: ListedSource::StudioNodes,
    },
];

/// The allowed values of a spec field of `kind`, if a listed enum describes it.
pub fn listed_enum(kind: Kind, tokens: &[&str]) -> Option<&'static [&'static str]> {
    LISTED_ENUMS.iter().find(|e| e.kind == kind && e.tokens == tokens).map(|e| e.values)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use serde_json::Value;

    use super::*;
    use crate::core::model::{Form, kind_name};
    use crate::core::yaml;

    fn shared_specs() -> PathBuf {
        crate::core::shared_material::path("specs")
    }

    #[test]
    fn cmf_enums_equal_every_cmf_openapi() {
        let dir = shared_specs();
        let files = ["cmf-openapi.yaml", "cmf-openapi-2.4.0.yaml"];
        for file in files {
            let text = std::fs::read_to_string(dir.join(file)).expect("read the OpenAPI");
            let doc = yaml::load(&text).documents.into_iter().next().expect("a document").value;
            for e in LISTED_ENUMS {
                let schema = match e.source {
                    ListedSource::CmfOpenApi(schema) => schema,
                    ListedSource::CmfOpenApi24(schema) if file != "cmf-openapi.yaml" => schema,
                    _ => continue,
                };
                let base = format!("/components/schemas/{schema}");
                let at = e.tokens.iter().fold(base, |p, t| format!("{p}/properties/{t}"));
                let published: Vec<&str> = doc
                    .pointer(&format!("{at}/enum"))
                    .and_then(Value::as_array)
                    .unwrap_or_else(|| panic!("{file}: no enum at {at}"))
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                assert_eq!(published, e.values, "{file} {at}");
            }
        }
    }

    #[test]
    fn readme_names_every_value_of_the_studio_enums() {
        let readme =
            std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
                .expect("read README.md");
        for e in LISTED_ENUMS.iter().filter(|e| e.source == ListedSource::StudioNodes) {
            let kind = kind_name(e.kind, Form::Studio).expect("a studio kind");
            let row = readme
                .lines()
                .find(|l| l.starts_with('|') && l.contains(&format!("`{kind}`")))
                .unwrap_or_else(|| panic!("README has no Studio nodes row for {kind}"));
            let field = e.tokens.join(".");
            let listed = format!(
                "`{field}` ({})",
                e.values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
            );
            assert!(row.contains(&listed), "README row of {kind} should say {listed}: {row}");
        }
    }

    #[test]
    fn lookup_is_by_kind_and_path() {
        assert_eq!(listed_enum(Kind::ComputePool, &["type"]), Some(&["DEDICATED", "SHARED"][..]));
        assert_eq!(listed_enum(Kind::ObjectStore, &["type"]).map(<[_]>::len), Some(4));
        assert_eq!(listed_enum(Kind::ComputePool, &["state"]), None);
        assert_eq!(listed_enum(Kind::Statement, &["type"]), None);
    }
}
