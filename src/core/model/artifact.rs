//! CMF artifacts (CMF ≥ 2.4): the `cmf://{environment}/{name}[?version=N]` URIs that
//! applications, statements and compute pools use to name one, the artifact name rules,
//! and the studio data an `Artifact` node carries.
//!
//! An artifact is an environment-scoped, versioned binary CMF keeps in blob storage
//! ("Manage Artifacts in Confluent Manager for Apache Flink", docs.confluent.io; the CMF
//! 2.4 OpenAPI `Artifact`, `ArtifactMetadata`, `ArtifactStatus`). Its REST document has
//! only `metadata` and an empty `spec`; versions are numbered by CMF (1, 2, …) on each
//! upload of new content. What the design knows about the file and the versions it
//! expects lives in studio annotations (`studio.flinkstudio.dev/…`), which every export
//! removes, so the REST document stays what CMF accepts:
//!
//! * [`FILE`]: the path of the file to upload (relative to the design file), or the name
//!   of the file the user picked in the studio;
//! * [`SHA256`]: the SHA-256 of that content, `sha256:<hex>` (what CMF reports as
//!   `status.checksum`; plan compares it to decide whether to upload);
//! * [`VERSIONS`]: how many versions the design expects CMF to hold (references with
//!   `?version=N` must not exceed it; absent: the design does not say);
//! * [`CONTENT`]: the content itself, base64, only when the user attached it to the
//!   design ("keep this file in the design file", at most [`MAX_ATTACHED`] bytes; kept
//!   out of the design file otherwise). Plan and apply upload it when no file is given;
//!   exports drop it with every studio annotation and share links leave it out
//!   ([`without_attachments`]).

use serde_json::Value;

use super::Resource;
use crate::core::units::megabytes;

/// Annotation: path or name of the file the artifact stands for.
pub const FILE: &str = "studio.flinkstudio.dev/artifact-file";
/// Annotation: `sha256:<hex>` of the file's content.
pub const SHA256: &str = "studio.flinkstudio.dev/artifact-sha256";
/// Annotation: number of versions the design expects CMF to hold.
pub const VERSIONS: &str = "studio.flinkstudio.dev/artifact-versions";
/// Annotation: the file's content, base64, when attached to the design.
pub const CONTENT: &str = "studio.flinkstudio.dev/artifact-content";

/// Largest file the studio attaches to a design file (5 MiB = 5.2 MB; base64 makes it ≈7 MB of
/// text). Bigger jars stay beside the design and are picked or read at apply time.
pub const MAX_ATTACHED: usize = 5 * 1024 * 1024;

/// URI scheme of artifact references.
pub const SCHEME: &str = "cmf://";

/// Longest artifact name CMF accepts (`ArtifactMetadata.name.maxLength`).
pub const MAX_NAME: usize = 45;

/// A parsed `cmf://{environment}/{name}[?version=N]` reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmfUri {
    /// The environment the artifact lives in.
    pub environment: String,
    /// The artifact's name.
    pub name: String,
    /// The pinned version, when the URI has `?version=N`; otherwise the latest.
    pub version: Option<u32>,
}

/// Why a `cmf://` text is not a valid artifact reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriError {
    /// No `{environment}/{name}` after the scheme.
    Shape,
    /// A query other than `version=N` with N ≥ 1.
    Version(String),
}

impl std::fmt::Display for UriError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UriError::Shape => write!(f, "expected cmf://<environment>/<artifact>[?version=N]"),
            UriError::Version(q) => {
                write!(f, "'?{q}' is not a version; use ?version=N with N ≥ 1")
            }
        }
    }
}

/// Parses one `cmf://` URI (the whole text).
pub fn parse(text: &str) -> Result<CmfUri, UriError> {
    let rest = text.strip_prefix(SCHEME).ok_or(UriError::Shape)?;
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let (environment, name) = path.split_once('/').ok_or(UriError::Shape)?;
    if environment.is_empty() || name.is_empty() || name.contains('/') {
        return Err(UriError::Shape);
    }
    let version = match query {
        None => None,
        Some(q) => {
            let n = q.strip_prefix("version=").and_then(|n| n.parse::<u32>().ok());
            match n {
                Some(n) if n >= 1 => Some(n),
                _ => return Err(UriError::Version(q.to_string())),
            }
        }
    };
    Ok(CmfUri { environment: environment.into(), name: name.into(), version })
}

/// A `cmf://` text found in a document: where, the text, and what it parses to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// JSON Pointer of the string holding it.
    pub pointer: String,
    /// The URI as written.
    pub text: String,
    /// The parsed reference, or why it is not one.
    pub uri: Result<CmfUri, UriError>,
}

fn ends_uri(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\'' | '"' | '`' | ',' | ';' | ')' | '(' | '[' | ']')
}

/// Every `cmf://` URI inside `text` (a jar URI, a SQL statement's `USING JAR '…'`, a
/// comma-separated `pipeline.jars`), in order.
pub fn uris_in_text(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(SCHEME) {
        let tail = &rest[at..];
        let end = tail.find(ends_uri).unwrap_or(tail.len());
        out.push(&tail[..end]);
        rest = &tail[end..];
    }
    out
}

/// Every `cmf://` URI in the strings of `value` (below `base`, a JSON Pointer).
pub fn uris_in(value: &Value, base: &str, out: &mut Vec<Found>) {
    match value {
        Value::String(s) if s.contains(SCHEME) => {
            for text in uris_in_text(s) {
                out.push(Found { pointer: base.to_string(), text: text.into(), uri: parse(text) });
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                uris_in(v, &format!("{base}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                uris_in(v, &crate::core::pointer::push(base, k), out);
            }
        }
        _ => {}
    }
}

/// True for the kinds whose spec may name artifacts: applications (the job jar), SQL
/// statements (UDF and connector jars) and compute pools (jars of their clusters).
pub fn may_reference(r: &Resource) -> bool {
    matches!(r.kind, super::Kind::Application | super::Kind::Statement | super::Kind::ComputePool)
}

/// The `cmf://` URIs a resource's spec holds (none for other kinds).
pub fn references_of(r: &Resource) -> Vec<Found> {
    let mut out = Vec::new();
    if may_reference(r)
        && let Some(spec) = r.spec()
    {
        uris_in(spec, r.spec_pointer(), &mut out);
    }
    out
}

/// Why an artifact name is not one CMF accepts, if it is not
/// (`^[a-z]([-a-z\d]*[a-z\d])?(\.[a-z\d]+)?$`, at most 45 characters).
pub fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("the name is empty".into());
    }
    if name.len() > MAX_NAME {
        return Some(format!("{} characters, CMF allows at most {MAX_NAME}", name.len()));
    }
    let (stem, ext) = match name.split_once('.') {
        Some((s, e)) => (s, Some(e)),
        None => (name, None),
    };
    let lower_digit = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let stem_ok = stem.starts_with(|c: char| c.is_ascii_lowercase())
        && stem.chars().all(|c| lower_digit(c) || c == '-')
        && !stem.ends_with('-');
    let ext_ok = ext.is_none_or(|e| !e.is_empty() && e.chars().all(lower_digit));
    if stem_ok && ext_ok {
        None
    } else {
        Some(
            "use lowercase letters, digits and '-', starting with a letter and ending with a \
             letter or digit, optionally one extension such as '.jar'"
                .into(),
        )
    }
}

/// `sha256:<hex>` of `content`, as CMF reports an artifact version's `status.checksum`.
pub fn checksum(content: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(content);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn annotation<'a>(r: &'a Resource, key: &str) -> Option<&'a str> {
    r.doc.get("metadata")?.get("annotations")?.get(key)?.as_str()
}

/// The file an artifact node stands for ([`FILE`]).
pub fn file(r: &Resource) -> Option<&str> {
    annotation(r, FILE).filter(|s| !s.trim().is_empty())
}

/// The content hash the design records ([`SHA256`]).
pub fn sha256(r: &Resource) -> Option<&str> {
    annotation(r, SHA256).filter(|s| !s.trim().is_empty())
}

/// The attached content, base64 ([`CONTENT`]).
pub fn content(r: &Resource) -> Option<&str> {
    annotation(r, CONTENT).filter(|s| !s.is_empty())
}

/// The attached content, decoded and checked against the recorded [`SHA256`]: `None`
/// when nothing is attached, an error (what is wrong) when it is not base64 or does not
/// match its hash.
pub fn attached(r: &Resource) -> Result<Option<Vec<u8>>, String> {
    let Some(text) = content(r) else { return Ok(None) };
    let bytes = crate::core::convert::decode_base64(text)
        .ok_or_else(|| format!("its attached content ({CONTENT}) is not base64"))?;
    let sum = checksum(&bytes);
    match sha256(r) {
        Some(recorded) if recorded != sum => Err(format!(
            "its attached content does not match its recorded {recorded} (it is {sum}): the \
             design file was changed by hand; attach the file again"
        )),
        _ => Ok(Some(bytes)),
    }
}

/// The annotations that attach `content` (named `file_name`) to an artifact, as
/// (annotation key, value) pairs: the content, its SHA-256 and, when the resource names
/// no file yet, the file name. Refused above [`MAX_ATTACHED`] bytes.
pub fn attachment(
    r: &Resource,
    file_name: &str,
    content: &[u8],
) -> Result<Vec<(&'static str, String)>, String> {
    if content.len() > MAX_ATTACHED {
        return Err(format!(
            "{file_name} is {}; the design file keeps files up to {} (keep it beside the \
             design and pick it when you apply)",
            megabytes(content.len() as f64),
            megabytes(MAX_ATTACHED as f64)
        ));
    }
    let mut out =
        vec![(CONTENT, crate::core::convert::encode_base64(content)), (SHA256, checksum(content))];
    if file(r).is_none() {
        out.push((FILE, file_name.to_string()));
    }
    Ok(out)
}

/// The artifact's document with `content` (named `file_name`) attached ([`attachment`]),
/// for one `Edit::Replace`; refused above [`MAX_ATTACHED`] bytes.
pub fn with_attachment(r: &Resource, file_name: &str, content: &[u8]) -> Result<Value, String> {
    let mut doc = r.doc.clone();
    for (key, value) in attachment(r, file_name, content)? {
        let pointer = crate::core::pointer::push("/metadata/annotations", key);
        crate::core::pointer::set(&mut doc, &pointer, Value::from(value))
            .map_err(|e| format!("cannot attach the file: {e}"))?;
    }
    Ok(doc)
}

/// The artifact's document without its attached content (its file name and hash stay).
pub fn without_attachment(r: &Resource) -> Value {
    let mut doc = r.doc.clone();
    if let Some(a) = doc.pointer_mut("/metadata/annotations").and_then(Value::as_object_mut) {
        a.remove(CONTENT);
    }
    doc
}

/// A copy of `design` without attached artifact contents, and the artifacts that lost
/// one (`Artifact/name`): what a share link carries.
pub fn without_attachments(
    design: &crate::core::design::Design,
) -> (crate::core::design::Design, Vec<String>) {
    let mut clean = design.clone();
    let mut detached = Vec::new();
    for r in clean.resources.iter_mut().filter(|r| r.kind == super::Kind::Artifact) {
        let removed = r
            .doc
            .pointer_mut("/metadata/annotations")
            .and_then(Value::as_object_mut)
            .and_then(|a| a.remove(CONTENT));
        if removed.is_some() {
            detached.push(format!("Artifact/{}", r.name()));
        }
    }
    (clean, detached)
}

/// How many versions the design expects CMF to hold ([`VERSIONS`]); `None` when it does
/// not say or the annotation is not a positive number.
pub fn versions(r: &Resource) -> Option<u32> {
    annotation(r, VERSIONS).and_then(|v| v.trim().parse().ok()).filter(|n| *n >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_references() {
        assert_eq!(
            parse("cmf://dev/udf.jar?version=3"),
            Ok(CmfUri { environment: "dev".into(), name: "udf.jar".into(), version: Some(3) })
        );
        assert_eq!(parse("cmf://dev/job").map(|u| u.version), Ok(None));
        assert_eq!(parse("cmf://dev"), Err(UriError::Shape));
        assert_eq!(parse("cmf:///job"), Err(UriError::Shape));
        assert_eq!(parse("cmf://dev/a/b"), Err(UriError::Shape));
        assert_eq!(parse("cmf://dev/a?version=0"), Err(UriError::Version("version=0".into())));
        assert_eq!(parse("cmf://dev/a?v=2"), Err(UriError::Version("v=2".into())));
    }

    #[test]
    fn finds_uris_inside_sql_and_lists() {
        let sql = "CREATE FUNCTION f AS 'x.F' USING JAR 'cmf://dev/udf.jar?version=2';";
        assert_eq!(uris_in_text(sql), ["cmf://dev/udf.jar?version=2"]);
        assert_eq!(uris_in_text("cmf://a/x.jar,cmf://a/y.jar"), ["cmf://a/x.jar", "cmf://a/y.jar"]);
        let mut found = Vec::new();
        let doc = json!({"job": {"jarURI": "cmf://dev/job.jar"}, "flinkConfiguration": {"a/b": "cmf://e/n"}});
        uris_in(&doc, "/spec", &mut found);
        let pointers: Vec<_> = found.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(pointers, ["/spec/job/jarURI", "/spec/flinkConfiguration/a~1b"]);
    }

    #[test]
    fn attaching_records_content_hash_and_name_within_the_cap() {
        let r = Resource::new(
            crate::core::model::ResourceId(0),
            json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Artifact",
                   "metadata": {"name": "job.jar"}, "spec": {}}),
        );
        let doc = with_attachment(&r, "orders.jar", b"jar bytes").unwrap();
        let with = Resource::new(r.id, doc);
        assert_eq!(attached(&with), Ok(Some(b"jar bytes".to_vec())));
        assert_eq!(file(&with), Some("orders.jar"));
        assert_eq!(sha256(&with), Some(checksum(b"jar bytes").as_str()));
        let without = Resource::new(r.id, without_attachment(&with));
        assert_eq!(attached(&without), Ok(None));
        assert_eq!(file(&without), Some("orders.jar"), "the file name stays");
        let big = vec![0u8; MAX_ATTACHED + 1];
        let refused = with_attachment(&r, "big.jar", &big).unwrap_err();
        assert!(
            refused.contains("big.jar is 5.2 MB; the design file keeps files up to 5.2 MB"),
            "{refused}"
        );
        assert!(with_attachment(&r, "edge.jar", &big[1..]).is_ok(), "exactly the cap is kept");
    }

    #[test]
    fn checksums_are_sha256() {
        assert_eq!(
            checksum(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn names_follow_cmf_rules() {
        for ok in ["my-udf", "my-udf.jar", "a", "job2.zip"] {
            assert_eq!(name_problem(ok), None, "{ok}");
        }
        for bad in ["", "My-udf", "-a", "a-", "a.b.c", "a.", "1abc", &"a".repeat(46)] {
            assert!(name_problem(bad).is_some(), "{bad}");
        }
    }
}
