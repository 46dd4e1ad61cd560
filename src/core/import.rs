//! Import: YAML / JSON texts into a design, with diagnostics instead of failures.
//!
//! Every document that can be read becomes a [`Resource`] (unknown kinds and bare
//! fragments included, so nothing is lost); every problem becomes a [`Finding`] naming
//! the file and line. One bad document never stops the others.

use std::sync::Arc;

use serde_json::Value;

use super::design::Design;
use super::finding::{Finding, Severity};
use super::model::{Form, Kind, Origin, Resource, ResourceId};
use super::yaml::{self, Positions, ProblemKind};

/// Diagnostic ids the importer can report, with their severity and a one-line doc.
pub const IMPORT_DIAGNOSTICS: &[(&str, Severity, &str)] = &[
    (
        "IMP-SYNTAX-001",
        Severity::Error,
        "The text is not valid YAML or JSON; that document is skipped.",
    ),
    (
        "CFG-YAML-001",
        Severity::Error,
        "A mapping repeats a key; Kubernetes rejects it and other tools keep only the last value.",
    ),
    (
        "IMP-ALIAS-001",
        Severity::Error,
        "YAML aliases expand to too many values (alias bomb); the document is skipped.",
    ),
    (
        "IMP-SIZE-001",
        Severity::Error,
        "The input is larger or deeper than the studio accepts; it is skipped.",
    ),
    (
        "IMP-KIND-001",
        Severity::Info,
        "Unknown apiVersion/kind: kept verbatim and exported unchanged, but not validated.",
    ),
    (
        "IMP-FRAGMENT-001",
        Severity::Warning,
        "A document without apiVersion/kind: kept, only its Flink configuration is checked.",
    ),
    (
        "IMP-SHAPE-001",
        Severity::Error,
        "A document that is not a mapping (a list or a scalar) cannot be a resource; skipped.",
    ),
];

fn severity_of(rule: &str) -> Severity {
    IMPORT_DIAGNOSTICS.iter().find(|(id, _, _)| *id == rule).map_or(Severity::Error, |d| d.1)
}

fn file_finding(
    rule: &str,
    file: &str,
    line: Option<u32>,
    pointer: &str,
    message: String,
) -> Finding {
    let hint = IMPORT_DIAGNOSTICS.iter().find(|(id, _, _)| *id == rule).map_or("", |d| d.2);
    Finding {
        rule: rule.to_string(),
        severity: severity_of(rule),
        resource: None,
        pointer: pointer.to_string(),
        message,
        hint: hint.to_string(),
        file: Some(file.to_string()),
        line,
        resource_id: None,
    }
}

/// Imports every document of `text` (read from `file`) into `design`.
///
/// Returns the ids of the new resources and the problems met.
pub fn import_text(design: &mut Design, file: &str, text: &str) -> (Vec<ResourceId>, Vec<Finding>) {
    import_loaded(design, file, text, yaml::load(text))
}

/// [`import_text`] for a text already read by [`yaml::load`] (`loaded`), so that texts
/// can be parsed in parallel and added in order.
pub fn import_loaded(
    design: &mut Design,
    file: &str,
    text: &str,
    mut loaded: yaml::LoadResult,
) -> (Vec<ResourceId>, Vec<Finding>) {
    // JSON allows what YAML forbids in places (tabs); fall back to a JSON parser.
    if loaded.problems.iter().any(|p| p.kind == ProblemKind::Syntax)
        && let Ok(value) = serde_json::from_str::<Value>(text)
    {
        loaded = yaml::LoadResult {
            documents: vec![yaml::LoadedDocument {
                value,
                positions: Arc::new(Positions::default()),
                index: 0,
                line: 1,
            }],
            problems: Vec::new(),
        };
    }
    let mut findings = Vec::new();
    for p in &loaded.problems {
        let rule = match p.kind {
            ProblemKind::Syntax => "IMP-SYNTAX-001",
            ProblemKind::DuplicateKey => "CFG-YAML-001",
            ProblemKind::AliasBomb => "IMP-ALIAS-001",
            ProblemKind::TooLarge => "IMP-SIZE-001",
        };
        let message = match p.kind {
            ProblemKind::Syntax => {
                format!("document {} is not valid YAML: {}", p.document + 1, p.message)
            }
            _ => format!("document {}: {}", p.document + 1, p.message),
        };
        findings.push(file_finding(rule, file, p.line, &p.pointer, message));
    }
    let mut resources = Vec::new();
    let mut slots = Vec::new();
    for doc in loaded.documents.into_iter().flat_map(expand_list) {
        if !doc.value.is_object() {
            findings.push(file_finding(
                "IMP-SHAPE-001",
                file,
                Some(doc.line),
                "",
                format!(
                    "document {} is a {}, not a mapping; skipped",
                    doc.index + 1,
                    type_name(&doc.value)
                ),
            ));
            continue;
        }
        let mut resource = Resource::new(ResourceId(0), doc.value);
        resource.origin =
            Some(Origin { file: file.to_string(), document: doc.index, positions: doc.positions });
        // Its classification finding goes here, once it has its id.
        slots.push(findings.len());
        resources.push(resource);
    }
    let ids = design.extend(resources);
    let added = &design.resources[design.resources.len() - ids.len()..];
    for (at, r) in slots.into_iter().zip(added).rev() {
        if let Some(f) = classification_finding(r) {
            findings.insert(at, f);
        }
    }
    // Duplicate-key findings now have a resource to point at.
    attach_resources(design, file, &mut findings);
    (ids, findings)
}

/// A Kubernetes list (`kind: List`, or `<Kind>List`, with `items`) as `kubectl get … -o
/// yaml` prints it becomes one document per item, each with its own line positions (the
/// item's pointers without the `/items/N` prefix); any other document is kept as is.
fn expand_list(doc: yaml::LoadedDocument) -> Vec<yaml::LoadedDocument> {
    let is_list =
        doc.value.get("kind").and_then(Value::as_str).is_some_and(|k| k.ends_with("List"))
            && doc.value.get("items").is_some_and(Value::is_array);
    if !is_list {
        return vec![doc];
    }
    let Some(Value::Array(items)) = doc.value.get("items") else { return vec![doc] };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let prefix = format!("/items/{i}");
            let mut positions = Positions::default();
            for (p, line) in doc.positions.iter() {
                if let Some(rest) = p.strip_prefix(&prefix)
                    && (rest.is_empty() || rest.starts_with('/'))
                {
                    positions.insert(rest.to_string(), line);
                }
            }
            let line = positions.line_of("").unwrap_or(doc.line);
            yaml::LoadedDocument {
                value: item.clone(),
                positions: Arc::new(positions),
                index: doc.index,
                line,
            }
        })
        .collect()
}

fn classification_finding(r: &Resource) -> Option<Finding> {
    let (rule, message) = match (r.kind, r.form) {
        (Kind::Unknown, Form::Opaque) if r.api_version().is_empty() || r.kind_str().is_empty() => (
            "IMP-FRAGMENT-001",
            "document has apiVersion or kind but not both; kept, not validated".to_string(),
        ),
        (Kind::Unknown, _) => (
            "IMP-KIND-001",
            format!(
                "unknown kind '{}' in apiVersion '{}'; kept and exported unchanged, not validated",
                r.kind_str(),
                r.api_version()
            ),
        ),
        (Kind::Fragment, _) => (
            "IMP-FRAGMENT-001",
            "document has no apiVersion/kind (a bare fragment); kept, only its Flink \
             configuration is checked"
                .to_string(),
        ),
        _ => return None,
    };
    let mut f = Finding::about(rule, severity_of(rule), r, "", message);
    f.hint(IMPORT_DIAGNOSTICS.iter().find(|(id, _, _)| *id == rule).map_or("", |d| d.2));
    Some(f)
}

fn attach_resources(design: &Design, file: &str, findings: &mut [Finding]) {
    for f in findings.iter_mut().filter(|f| f.rule == "CFG-YAML-001") {
        let owner = design.resources.iter().rfind(|r| {
            let start = r.origin.as_ref().filter(|o| o.file == file).and_then(|o| o.line_of(""));
            start.is_some_and(|s| f.line.is_some_and(|l| l >= s))
        });
        if let Some(r) = owner {
            f.resource = Some(r.reference());
            f.resource_id = Some(r.id);
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "list",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Null => "null",
        Value::Object(_) => "mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_document_does_not_stop_the_others() {
        let mut d = Design::new();
        let text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n: : :\n  - [\n---\n\
                    apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n";
        let (ids, findings) = import_text(&mut d, "ns.yaml", text);
        assert_eq!(ids.len(), 2);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].rule, "IMP-SYNTAX-001");
        assert_eq!(findings[0].file.as_deref(), Some("ns.yaml"));
        assert!(findings[0].line.is_some());
    }

    #[test]
    fn unknown_kinds_and_fragments_are_kept_and_reported() {
        let mut d = Design::new();
        let (ids, findings) = import_text(
            &mut d,
            "x.yaml",
            "apiVersion: foo/v1\nkind: Bar\n---\nspec: {}\n---\n- 1\n",
        );
        assert_eq!(ids.len(), 2);
        let rules: Vec<_> = findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["IMP-KIND-001", "IMP-FRAGMENT-001", "IMP-SHAPE-001"]);
    }

    #[test]
    fn duplicate_key_points_at_its_resource() {
        let mut d = Design::new();
        let text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\n\
                    kind: ConfigMap\nmetadata:\n  name: c\n  name: d\n";
        let (_, findings) = import_text(&mut d, "x.yaml", text);
        assert_eq!(findings[0].rule, "CFG-YAML-001");
        assert_eq!(findings[0].line, Some(9));
        assert_eq!(findings[0].resource.as_ref().map(|r| r.name.as_str()), Some("d"));
    }

    #[test]
    fn kubectl_lists_become_one_resource_per_item() {
        let mut d = Design::new();
        let text = "apiVersion: v1\nkind: List\nmetadata: {resourceVersion: \"\"}\nitems:\n\
                    - apiVersion: flink.apache.org/v1beta1\n  kind: FlinkDeployment\n  \
                    metadata: {name: a, namespace: flink}\n  spec:\n    image: flink:1.20\n\
                    - apiVersion: v1\n  kind: Namespace\n  metadata: {name: flink}\n";
        let (ids, findings) = import_text(&mut d, "get.yaml", text);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(ids.len(), 2);
        let fd = d.get(ids[0]).unwrap();
        assert_eq!(fd.kind, Kind::FlinkDeployment);
        let origin = fd.origin.as_ref().unwrap();
        assert_eq!(origin.line_of("/spec/image"), Some(9));
        assert_eq!(d.get(ids[1]).unwrap().kind, Kind::Namespace);
    }

    #[test]
    fn json_with_tabs_still_imports() {
        let mut d = Design::new();
        let (ids, findings) = import_text(
            &mut d,
            "a.json",
            "{\n\t\"name\": \"dev\",\t\"kubernetesNamespace\": \"n\"}",
        );
        assert_eq!(ids.len(), 1, "{findings:?}");
        assert_eq!(d.resources[0].kind, Kind::Environment);
    }
}
