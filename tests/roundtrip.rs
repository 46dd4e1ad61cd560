//! Import → export → import loses no field of any file in `shared/corpus`.
//!
//! Each corpus file alone, and each corpus folder as one design, is imported, exported
//! with `export::kubectl` and `export::cmf`, and the output re-imported. Every imported
//! resource must come back with the same identity (apiVersion, kind, namespace, name) and
//! the same document, compared as JSON values. Precisely excluded from the comparison:
//!
//! * the server-owned fields every export strips: `status`; `metadata.uid`,
//!   `resourceVersion`, `creationTimestamp`, `generation`, `managedFields`, `selfLink`,
//!   `deletionTimestamp`, `deletionGracePeriodSeconds`, `updateTimestamp`; a CMF
//!   environment body's `created_time` and `updated_time`;
//! * `apiVersion: cmf.confluent.io/v1alpha1`, which the CMF export writes as `v1`;
//! * labels and annotations prefixed `studio.flinkstudio.dev/` (none in the corpus);
//! * secret values when secrets are not included: every place `core::credentials` names
//!   is `<redacted>`, keys and the text around a secret survive (checked by its own
//!   test; the main test includes secrets);
//! * documents no export can carry: fragments without apiVersion/kind (and studio
//!   nodes). They round-trip through the design file instead, which is checked here too,
//!   with no exclusion at all.
//!
//! The CMF ⇄ CFK conversion is checked the same way on every corpus document it applies
//! to; its documented losses are listed at that test.

use flink_studio::core::convert::{self, CfkTarget, CmfScope};
use flink_studio::core::credentials;
use flink_studio::core::design::Design;
use flink_studio::core::design_file;
use flink_studio::core::export::{self, ExportOptions, PLACEHOLDER};
use flink_studio::core::import::import_text;
use flink_studio::core::model::{Form, Kind, Resource};
use serde_json::Value;

mod support;
use support::{corpus_designs, corpus_files, design_of};

const SERVER_METADATA: &[&str] = &[
    "uid",
    "resourceVersion",
    "creationTimestamp",
    "generation",
    "managedFields",
    "selfLink",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "updateTimestamp",
];

/// The document with exactly the documented exclusions applied.
fn normalized(doc: &Value) -> Value {
    let mut d = doc.clone();
    let Some(map) = d.as_object_mut() else { return d };
    map.shift_remove("status");
    if map.contains_key("kubernetesNamespace") {
        map.shift_remove("created_time");
        map.shift_remove("updated_time");
    }
    if map.get("apiVersion").and_then(Value::as_str) == Some("cmf.confluent.io/v1alpha1") {
        map.insert("apiVersion".into(), "cmf.confluent.io/v1".into());
    }
    if let Some(meta) = map.get_mut("metadata").and_then(Value::as_object_mut) {
        for key in SERVER_METADATA {
            meta.shift_remove(*key);
        }
        for key in ["labels", "annotations"] {
            if let Some(m) = meta.get_mut(key).and_then(Value::as_object_mut) {
                m.retain(|k, _| !k.starts_with("studio.flinkstudio.dev/"));
            }
        }
    }
    d
}

fn identity(r: &Resource) -> (String, String, Option<String>, String) {
    let api = r.api_version().replace("cmf.confluent.io/v1alpha1", "cmf.confluent.io/v1");
    (api, r.kind_str().to_string(), r.namespace().map(str::to_string), r.name().to_string())
}

/// Re-imports both exports of `design`.
fn reimport(design: &Design, options: ExportOptions) -> Design {
    let mut back = Design::new();
    let (_, problems) = import_text(&mut back, "kubectl.yaml", &export::kubectl(design, options));
    assert!(problems.iter().all(|p| p.rule != "IMP-SYNTAX-001"), "{problems:?}");
    for file in export::cmf(design, options) {
        import_text(&mut back, &file.name, &file.content);
    }
    back
}

fn exportable(r: &Resource) -> bool {
    !(r.kind == Kind::Fragment
        || r.form == Form::Studio
        || r.api_version().is_empty()
        || r.kind_str().is_empty())
}

#[test]
fn import_export_import_loses_no_field() {
    let mut lost = Vec::new();
    let mut compared = 0;
    for (label, design) in corpus_designs() {
        let back = reimport(&design, ExportOptions { include_secrets: true });
        for r in design.resources.iter().filter(|r| exportable(r)) {
            let want = normalized(&r.doc);
            let found = back
                .resources
                .iter()
                .any(|b| identity(b) == identity(r) && normalized(&b.doc) == want);
            compared += 1;
            if !found {
                lost.push(format!("{label}: {} {}", r.kind_str(), r.name()));
            }
        }
    }
    assert!(compared > 150, "only {compared} documents compared");
    assert!(lost.is_empty(), "not found unchanged after the round trip:\n{}", lost.join("\n"));
}

#[test]
fn without_secrets_only_secret_values_change() {
    for (label, design) in corpus_designs() {
        let back = reimport(&design, ExportOptions::default());
        for r in design.resources.iter().filter(|r| exportable(r)) {
            let mut want = normalized(&r.doc);
            credentials::redact(&mut want, PLACEHOLDER);
            let found = back
                .resources
                .iter()
                .any(|b| identity(b) == identity(r) && normalized(&b.doc) == want);
            assert!(
                found,
                "{label}: {} {} changed beyond its secret values",
                r.kind_str(),
                r.name()
            );
        }
    }
}

#[test]
fn design_file_round_trip_is_exact_for_every_corpus_document() {
    for (label, design) in corpus_designs() {
        let text = design_file::save(&design, "corpus");
        let loaded = design_file::load("corpus.yaml", &text);
        assert!(loaded.findings.is_empty(), "{label}: {:?}", loaded.findings);
        let before: Vec<&Value> = design.resources.iter().map(|r| &r.doc).collect();
        let after: Vec<&Value> = loaded.design.resources.iter().map(|r| &r.doc).collect();
        assert_eq!(before, after, "{label}");
        assert_eq!(design_file::save(&loaded.design, "corpus"), text, "{label}");
    }
}

/// CMF → CFK → CMF for every CMF REST payload, and CFK → CMF → CFK for every CFK CR of
/// a CMF concept. Documented losses, excluded here: a CMF payload's `metadata.namespace`
/// (not a CMF field; the CR's namespace is the CFK namespace); for CRs, the name of the
/// Kubernetes Secret behind a `FlinkSecret` (CMF has no place for it: the converted
/// secret is named after the `FlinkSecret`), and `metadata.namespace` / `cmfRestClassRef`
/// when the original CR had none (conversion always sets them).
#[test]
fn cmf_cfk_conversion_round_trips_on_the_corpus() {
    let mut checked = 0;
    for folder in ["cfk-examples", "community"] {
        let design = design_of(&corpus_files(folder));
        for r in &design.resources {
            let concept =
                !matches!(r.kind, Kind::CmfRestClass | Kind::Savepoint | Kind::DetachedSavepoint);
            if r.form == Form::CmfRest && concept {
                let scope = CmfScope {
                    environment: r.environment().or(Some("env1")),
                    catalog: r.catalog().or(Some("cat1")),
                };
                let target = CfkTarget { namespace: "operator", rest_class: "default" };
                let docs = convert::to_cfk(r.kind, &r.doc, scope, target).expect("converts");
                let k8s = docs.first().filter(|_| docs.len() == 2);
                let back = convert::to_cmf(r.kind, docs.last().unwrap(), k8s).expect("back");
                let mut want = normalized(&convert::normalize_cmf(r.kind, &r.doc));
                if let Some(m) = want.get_mut("metadata").and_then(Value::as_object_mut) {
                    m.shift_remove("namespace");
                }
                assert_eq!(normalized(&back.body), want, "{folder}: {} {}", r.kind_str(), r.name());
                checked += 1;
            } else if r.form == Form::CfkCr && concept {
                let secret = design
                    .of_kind(Kind::Secret)
                    .find(|s| {
                        Some(s.name()) == convert::secret_ref(&r.doc)
                            && s.namespace() == r.namespace()
                    })
                    .map(|s| &s.doc);
                let payload = convert::to_cmf(r.kind, &r.doc, secret).expect("converts");
                let scope = CmfScope {
                    environment: r.spec_str(&["flinkEnvironment"]),
                    catalog: payload.catalog.as_deref(),
                };
                let ns = r.namespace().unwrap_or("default");
                let rc = r.spec_str(&["cmfRestClassRef", "name"]).unwrap_or("default");
                let target = CfkTarget { namespace: ns, rest_class: rc };
                let docs = convert::to_cfk(r.kind, &payload.body, scope, target).expect("back");
                let mut got = normalized(docs.last().unwrap());
                let want = normalized(&r.doc);
                if r.namespace().is_none() {
                    got["metadata"].as_object_mut().unwrap().shift_remove("namespace");
                }
                if want["spec"].get("cmfRestClassRef").is_none() {
                    got["spec"].as_object_mut().unwrap().shift_remove("cmfRestClassRef");
                }
                if r.kind == Kind::CmfSecret {
                    got["spec"]["secretRef"] = want["spec"]["secretRef"].clone();
                }
                assert_eq!(got, want, "{folder}: {} {}", r.kind_str(), r.name());
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "only {checked} conversions checked");
}
