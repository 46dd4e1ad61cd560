//! The studio's own file: a whole design (manifests plus studio data) in one YAML document.
//!
//! ## Format (version `studio.flinkstudio.dev/v1`)
//!
//! ```yaml
//! apiVersion: studio.flinkstudio.dev/v1
//! kind: Design
//! metadata:
//!   name: payments              # the design's name
//! spec:
//!   targets:                    # versions chosen by the user; each key optional
//!     fko: "1.16.0"             # Flink Kubernetes Operator
//!     cmf: "2.5.0"              # Confluent Manager for Apache Flink
//!     cfk: "3.4.0"              # Confluent for Kubernetes
//!   complete: true              # optional (default false): the design is the whole
//!                               # deployment, so a reference to something not in it is
//!                               # an error rather than a warning
//!   resources:                  # every node of the canvas, in order
//!   - id: 0                     # stable node id (unique non-negative integer)
//!     environment: dev          # optional: CMF environment of a CMF REST payload
//!     catalog: kafka-cat        # optional: Kafka catalog of a CMF REST KafkaDatabase
//!     position: {x: 120.0, y: 80.0}   # optional: canvas position
//!     note: "why this exists"   # optional: free note
//!     manifest:                 # the document exactly as imported or edited
//!       apiVersion: flink.apache.org/v1beta1
//!       kind: FlinkDeployment
//!       metadata: {name: basic}
//!       spec: {}
//! ```
//!
//! Studio-only nodes (`studio.flinkstudio.dev/v1` `FlinkKubernetesOperator`,
//! `ConfluentForKubernetes`, `CmfService`, `KafkaCluster`, `SchemaRegistry`,
//! `ObjectStore`) are entries of `resources` like any manifest.
//!
//! Guarantees: [`save`] is deterministic and save → [`load`] → save gives the same text.
//! Loading never fails: problems become findings (ids in [`DIAGNOSTICS`]) and every
//! readable entry is kept. A file of a newer version (`…/v2`) is reported and read as
//! `v1` as far as possible.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::design::{Design, Point};
use super::finding::{Finding, Severity};
use super::import;
use super::model::{Origin, Resource, ResourceId, STUDIO_API};
use super::pointer;
use super::targets::{TargetOverrides, Version};
use super::yaml::{self, Positions, ProblemKind};

/// `kind` of a design file.
pub const KIND: &str = "Design";

/// Diagnostic ids of design-file loading, with severity and a one-line doc.
pub const DIAGNOSTICS: &[(&str, Severity, &str)] = &[
    (
        "DESIGN-VERSION-001",
        Severity::Error,
        "The design file's apiVersion is not one this studio reads; it was read as v1 as far as possible.",
    ),
    (
        "DESIGN-ENTRY-001",
        Severity::Error,
        "A resources entry is not a mapping with a `manifest` mapping; that entry is skipped.",
    ),
    (
        "DESIGN-ENTRY-002",
        Severity::Warning,
        "An optional field of a resources entry (id, environment, catalog, position, note), a \
         target version or `spec.complete` is malformed; it is ignored and the entry kept.",
    ),
];

/// True when `doc` is a design file document (`studio.flinkstudio.dev/*`, `kind: Design`).
pub fn is_design(doc: &Value) -> bool {
    let api = doc.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    api.starts_with("studio.flinkstudio.dev/")
        && doc.get("kind").and_then(Value::as_str) == Some(KIND)
}

/// True when the first document of `text` is a design file.
pub fn is_design_file(text: &str) -> bool {
    yaml::load(text).documents.first().is_some_and(|d| is_design(&d.value))
}

/// Writes a design as a design file.
pub fn save(design: &Design, name: &str) -> String {
    super::export::emit::to_yaml(&document(design, name))
}

/// The design file as a JSON value (what [`save`] writes as YAML). Serialized as JSON it
/// is a valid design file too, and much faster to write: the studio autosaves it so.
pub fn document(design: &Design, name: &str) -> Value {
    let targets = targets_map(&design.targets);
    let resources: Vec<Value> = design
        .resources
        .iter()
        .map(|r| {
            let mut e = Map::new();
            e.insert("id".into(), json!(r.id.0));
            if let Some(env) = &r.assigned_environment {
                e.insert("environment".into(), json!(env));
            }
            if let Some(cat) = &r.assigned_catalog {
                e.insert("catalog".into(), json!(cat));
            }
            let point = design.layout.get(&r.id).and_then(|p| {
                serde_json::Number::from_f64(p.x).zip(serde_json::Number::from_f64(p.y))
            });
            if let Some((x, y)) = point {
                e.insert("position".into(), json!({"x": x, "y": y}));
            }
            if let Some(note) = design.notes.get(&r.id) {
                e.insert("note".into(), json!(note));
            }
            e.insert("manifest".into(), r.doc.clone());
            Value::Object(e)
        })
        .collect();
    let mut spec = Map::new();
    spec.insert("targets".into(), Value::Object(targets));
    if design.targets.complete {
        spec.insert("complete".into(), json!(true));
    }
    spec.insert("resources".into(), Value::Array(resources));
    json!({
        "apiVersion": STUDIO_API,
        "kind": KIND,
        "metadata": {"name": name},
        "spec": spec,
    })
}

/// The `spec.targets` map of a design file: the versions chosen, each optional.
pub(crate) fn targets_map(targets: &TargetOverrides) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, v) in [("fko", targets.fko), ("cmf", targets.cmf), ("cfk", targets.cfk)] {
        if let Some(v) = v {
            out.insert(key.into(), json!(v.to_string()));
        }
    }
    out
}

/// A loaded design file.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The design, ids as in the file.
    pub design: Design,
    /// `metadata.name`.
    pub name: String,
    /// Problems met; the design holds every entry that could be read.
    pub findings: Vec<Finding>,
}

fn finding(rule: &str, file: &str, line: Option<u32>, pointer: &str, message: String) -> Finding {
    let (severity, hint) = DIAGNOSTICS
        .iter()
        .chain(import::IMPORT_DIAGNOSTICS)
        .find(|(id, _, _)| *id == rule)
        .map_or((Severity::Error, ""), |d| (d.1, d.2));
    Finding {
        rule: rule.to_string(),
        severity,
        resource: None,
        pointer: pointer.to_string(),
        message,
        hint: hint.to_string(),
        file: Some(file.to_string()),
        line,
        resource_id: None,
    }
}

/// Reads a design file (read from `file`, for findings).
pub fn load(file: &str, text: &str) -> Loaded {
    load_from(file, yaml::load(text))
}

/// [`load`] for a text already read by [`yaml::load`].
fn load_from(file: &str, loaded: yaml::LoadResult) -> Loaded {
    let mut findings: Vec<Finding> = loaded
        .problems
        .iter()
        .map(|p| {
            let rule = match p.kind {
                ProblemKind::Syntax => "IMP-SYNTAX-001",
                ProblemKind::DuplicateKey => "CFG-YAML-001",
                ProblemKind::AliasBomb => "IMP-ALIAS-001",
                ProblemKind::TooLarge => "IMP-SIZE-001",
            };
            finding(rule, file, p.line, &p.pointer, p.message.clone())
        })
        .collect();
    let mut out = Loaded { design: Design::new(), name: String::new(), findings: Vec::new() };
    let Some(doc) = loaded.documents.into_iter().next() else {
        out.findings = findings;
        return out;
    };
    let pos = &doc.positions;
    let line = |p: &str| pos.line_of(p);
    let mut warn =
        |rule: &str, p: &str, m: String| findings.push(finding(rule, file, line(p), p, m));
    let api = pointer::get_str(&doc.value, &["apiVersion"]).unwrap_or("");
    if api != STUDIO_API || !is_design(&doc.value) {
        warn(
            "DESIGN-VERSION-001",
            "/apiVersion",
            format!(
                "design file apiVersion '{api}' (kind '{}') is not {STUDIO_API} {KIND}",
                pointer::get_str(&doc.value, &["kind"]).unwrap_or("")
            ),
        );
    }
    out.name = pointer::get_str(&doc.value, &["metadata", "name"]).unwrap_or("").to_string();
    let mut targets = TargetOverrides::default();
    for key in ["fko", "cmf", "cfk"] {
        let Some(v) = pointer::get(&doc.value, &["spec", "targets", key]) else { continue };
        let parsed = v.as_str().and_then(Version::parse);
        match (key, parsed) {
            ("fko", Some(p)) => targets.fko = Some(p),
            ("cmf", Some(p)) => targets.cmf = Some(p),
            ("cfk", Some(p)) => targets.cfk = Some(p),
            _ => warn(
                "DESIGN-ENTRY-002",
                &format!("/spec/targets/{key}"),
                format!("target version {v} is not a version string like \"1.15.0\"; ignored"),
            ),
        }
    }
    match pointer::get(&doc.value, &["spec", "complete"]) {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => targets.complete = *b,
        Some(other) => warn(
            "DESIGN-ENTRY-002",
            "/spec/complete",
            format!("spec.complete is {other}, not true or false; the design is read as open"),
        ),
    }
    out.design.targets = targets;
    let entries = pointer::get(&doc.value, &["spec", "resources"]).and_then(Value::as_array);
    let mut used: Vec<u32> = Vec::new();
    let mut pending: Vec<(usize, Resource, Option<Point>, Option<String>)> = Vec::new();
    for (i, entry) in entries.into_iter().flatten().enumerate() {
        let base = format!("/spec/resources/{i}");
        let Some(manifest) = entry.get("manifest").filter(|m| m.is_object()) else {
            warn(
                "DESIGN-ENTRY-001",
                &base,
                format!("resources[{i}] has no `manifest` mapping; skipped"),
            );
            continue;
        };
        let mut r = Resource::new(ResourceId(u32::MAX), manifest.clone());
        r.origin = Some(Origin {
            file: file.to_string(),
            document: 0,
            positions: Arc::new(rebase(pos, &format!("{base}/manifest"), manifest)),
        });
        match entry.get("id").map(|v| v.as_u64().and_then(|n| u32::try_from(n).ok())) {
            Some(Some(id)) if !used.contains(&id) => {
                used.push(id);
                r.id = ResourceId(id);
            }
            Some(_) => warn(
                "DESIGN-ENTRY-002",
                &format!("{base}/id"),
                format!(
                    "resources[{i}].id is not a unique non-negative integer; a new id is given"
                ),
            ),
            None => {}
        }
        for (key, slot) in
            [("environment", &mut r.assigned_environment), ("catalog", &mut r.assigned_catalog)]
        {
            match entry.get(key) {
                Some(Value::String(s)) => *slot = Some(s.clone()),
                Some(other) => warn(
                    "DESIGN-ENTRY-002",
                    &format!("{base}/{key}"),
                    format!("resources[{i}].{key} is {other}, not a string; ignored"),
                ),
                None => {}
            }
        }
        let position = entry.get("position").and_then(|p| {
            let point = p.get("x").and_then(Value::as_f64).zip(p.get("y").and_then(Value::as_f64));
            if point.is_none() {
                warn(
                    "DESIGN-ENTRY-002",
                    &format!("{base}/position"),
                    format!("resources[{i}].position is not {{x: number, y: number}}; ignored"),
                );
            }
            point.map(|(x, y)| Point { x, y })
        });
        let note = entry.get("note").and_then(|n| {
            if n.as_str().is_none() {
                warn(
                    "DESIGN-ENTRY-002",
                    &format!("{base}/note"),
                    format!("resources[{i}].note is not a string; ignored"),
                );
            }
            n.as_str().map(str::to_string)
        });
        pending.push((i, r, position, note));
    }
    let mut next = used.iter().max().map_or(0, |m| m + 1);
    for (_, mut r, position, note) in pending {
        if r.id.0 == u32::MAX {
            r.id = ResourceId(next);
            next += 1;
        }
        let id = r.id;
        out.design.resources.push(r);
        if let Some(p) = position {
            out.design.layout.insert(id, p);
        }
        if let Some(n) = note {
            out.design.notes.insert(id, n);
        }
    }
    out.findings = findings;
    out
}

/// Positions of a manifest embedded at `base` in the design file, re-rooted at the
/// manifest (so findings on the manifest point at the design file's lines).
fn rebase(positions: &Positions, base: &str, manifest: &Value) -> Positions {
    fn walk(v: &Value, p: String, base: &str, from: &Positions, to: &mut Vec<(String, u32)>) {
        if let Some(line) = from.line_of(&format!("{base}{p}")) {
            to.push((p.clone(), line));
        }
        match v {
            Value::Object(m) => {
                m.iter().for_each(|(k, v)| walk(v, pointer::push(&p, k), base, from, to))
            }
            Value::Array(a) => {
                a.iter().enumerate().for_each(|(i, v)| walk(v, format!("{p}/{i}"), base, from, to))
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(manifest, String::new(), base, positions, &mut out);
    out.into_iter().collect()
}

/// Adds the resources of a design file to `design` (fresh ids; layout, notes and
/// assignments follow; the file's targets fill overrides `design` does not set; read into
/// an empty design, its `complete` flag becomes the design's).
pub fn merge_into(design: &mut Design, file: &str, text: &str) -> (Vec<ResourceId>, Vec<Finding>) {
    merge_loaded(design, load(file, text))
}

fn merge_loaded(design: &mut Design, loaded: Loaded) -> (Vec<ResourceId>, Vec<Finding>) {
    if design.resources.is_empty() {
        // A design file read into nothing is the design: its reference policy holds.
        design.targets.complete = loaded.design.targets.complete;
    }
    let old: Vec<ResourceId> = loaded.design.resources.iter().map(|r| r.id).collect();
    let ids = design.extend(loaded.design.resources);
    for (old, id) in old.iter().zip(&ids) {
        if let Some(p) = loaded.design.layout.get(old) {
            design.layout.insert(*id, *p);
        }
        if let Some(n) = loaded.design.notes.get(old) {
            design.notes.insert(*id, n.clone());
        }
    }
    let t = &mut design.targets;
    t.fko = t.fko.or(loaded.design.targets.fko);
    t.cmf = t.cmf.or(loaded.design.targets.cmf);
    t.cfk = t.cfk.or(loaded.design.targets.cfk);
    (ids, loaded.findings)
}

/// Imports a text that is either a design file or manifests (YAML / JSON).
pub fn import_any(design: &mut Design, file: &str, text: &str) -> (Vec<ResourceId>, Vec<Finding>) {
    import_parsed(design, file, text, yaml::load(text))
}

/// [`import_any`] for a text already read by [`yaml::load`] (`parsed`): the parsing,
/// the slow part, can run in parallel for many texts, and the adding in their order.
pub fn import_parsed(
    design: &mut Design,
    file: &str,
    text: &str,
    parsed: yaml::LoadResult,
) -> (Vec<ResourceId>, Vec<Finding>) {
    if parsed.documents.first().is_some_and(|d| is_design(&d.value)) {
        merge_loaded(design, load_from(file, parsed))
    } else {
        import::import_loaded(design, file, text, parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Kind;

    #[test]
    fn the_json_document_reads_back_like_the_yaml_file() {
        let mut d = Design::new();
        let id = d.add(
            serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}),
        );
        d.layout.insert(id, crate::core::design::Point { x: 1.5, y: -2.0 });
        let json = serde_json::to_string(&document(&d, "n")).unwrap();
        let from_json = load("autosave", &json);
        let from_yaml = load("autosave", &save(&d, "n"));
        assert!(from_json.findings.is_empty(), "{:?}", from_json.findings);
        let docs =
            |d: &Design| d.resources.iter().map(|r| (r.id, r.doc.clone())).collect::<Vec<_>>();
        assert_eq!(docs(&from_json.design), docs(&from_yaml.design));
        assert_eq!(from_json.design.layout, from_yaml.design.layout);
        assert_eq!(from_json.name, "n");
    }

    const MANIFESTS: &str = "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\n\
        metadata: {name: fko}\nspec: {version: 1.14.0, watchNamespaces: []}\n---\n\
        apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: st}\n\
        spec:\n  statement: |\n    SELECT 1\n    FROM t;\n  computePoolName: pool\n---\n\
        spec: {flinkConfiguration: {a: 'yes'}}\n";

    fn sample() -> Design {
        let mut d = Design::new();
        let (ids, _) = import::import_text(&mut d, "in.yaml", MANIFESTS);
        d.get_mut(ids[1]).unwrap().assigned_environment = Some("dev".into());
        d.layout.insert(ids[0], Point { x: 10.0, y: -2.5 });
        d.notes.insert(ids[1], "line one\nline: two".into());
        d.targets.cmf = Version::parse("2.2.0");
        d.targets.complete = true;
        d
    }

    #[test]
    fn save_load_save_is_identical_and_keeps_everything() {
        let d = sample();
        let text = save(&d, "demo");
        let loaded = load("demo.fstudio.yaml", &text);
        assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
        assert_eq!(loaded.name, "demo");
        assert_eq!(save(&loaded.design, "demo"), text);
        let docs: Vec<_> = loaded.design.resources.iter().map(|r| (&r.doc, r.id)).collect();
        let orig: Vec<_> = d.resources.iter().map(|r| (&r.doc, r.id)).collect();
        assert_eq!(docs, orig);
        assert_eq!(loaded.design.layout, d.layout);
        assert_eq!(loaded.design.notes, d.notes);
        assert_eq!(loaded.design.targets, d.targets);
        assert!(text.contains("\n  complete: true\n"), "{text}");
        assert_eq!(loaded.design.resources[1].environment(), Some("dev"));
        assert_eq!(loaded.design.resources[0].kind, Kind::FkoInstall);
        assert!(is_design_file(&text));
        assert!(!is_design_file(MANIFESTS));
    }

    #[test]
    fn manifest_lines_point_into_the_design_file() {
        let text = save(&sample(), "demo");
        let loaded = load("d.yaml", &text);
        let st = &loaded.design.resources[1];
        let line = st.location("/spec/computePoolName").1.expect("a line");
        assert!(text.lines().nth(line as usize - 1).unwrap().contains("computePoolName: pool"));
    }

    #[test]
    fn bad_entries_are_reported_and_good_ones_kept() {
        let text = "apiVersion: studio.flinkstudio.dev/v2\nkind: Design\nmetadata: {name: x}\n\
            spec:\n  targets: {fko: soon}\n  resources:\n  - id: 3\n    manifest: {kind: A}\n\
            \x20 - note: orphan\n  - id: 3\n    position: {x: a}\n    manifest: {kind: B}\n\
            \x20 - manifest: {kind: C}\n";
        let loaded = load("d.yaml", text);
        let rules: Vec<_> = loaded.findings.iter().map(|f| (f.rule.as_str(), f.line)).collect();
        assert_eq!(
            rules,
            [
                ("DESIGN-VERSION-001", Some(1)),
                ("DESIGN-ENTRY-002", Some(5)),
                ("DESIGN-ENTRY-001", Some(9)),
                ("DESIGN-ENTRY-002", Some(10)),
                ("DESIGN-ENTRY-002", Some(11)),
            ]
        );
        let ids: Vec<u32> = loaded.design.resources.iter().map(|r| r.id.0).collect();
        assert_eq!(ids, [3, 4, 5]);
        assert_eq!(loaded.design.targets.fko, None);
    }

    #[test]
    fn merge_gives_fresh_ids_and_import_any_detects_the_format() {
        let text = save(&sample(), "demo");
        let mut d = Design::new();
        import::import_text(
            &mut d,
            "a.yaml",
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n",
        );
        let (ids, findings) = import_any(&mut d, "d.yaml", &text);
        assert!(findings.is_empty());
        assert_eq!(ids.len(), 3);
        assert_eq!(d.resources.len(), 4);
        assert_eq!(d.notes.get(&ids[1]).map(String::as_str), Some("line one\nline: two"));
        let (ids, _) = import_any(&mut d, "m.yaml", MANIFESTS);
        assert_eq!(ids.len(), 3);
    }
}
