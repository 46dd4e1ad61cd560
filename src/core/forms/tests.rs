//! Forms against the palette, the CRDs, the listed enums and the option catalog.

use serde_json::{Value, json};

use super::*;
use crate::core::design::Design;
use crate::core::model::ResourceId;
use crate::core::palette::{ENTRIES, Entry, entry_by_id, new_resource};
use crate::core::pointer::set as set_field;
use crate::core::schema::{IssueKind, listed_enum, spec_enum, spec_schema};
use crate::core::yaml;

fn default_of(e: &Entry) -> Resource {
    Resource::new(ResourceId(0), new_resource(&Design::new(), e, Some("flink")))
}

fn entry(id: &str) -> Resource {
    default_of(entry_by_id(id).expect("a palette entry"))
}

fn field<'f>(fields: &'f [Field], pointer: &str) -> &'f Field {
    fields.iter().find(|f| f.pointer == pointer).unwrap_or_else(|| panic!("no field {pointer}"))
}

fn choices(input: Input) -> Vec<String> {
    match input {
        Input::Choice(c) => c.values(),
        other => panic!("not a choice: {other:?}"),
    }
}

/// A value of the input's type, as the form would write it.
fn sample(input: Input) -> Value {
    match input {
        Input::Text | Input::Long => json!("x"),
        Input::Number => json!(1),
        Input::Bool => json!(true),
        Input::Choice(c) => json!(c.values()[0]),
    }
}

/// Tokens below the spec of a spec field's pointer.
fn below<'p>(pointer: &'p str, base: &str) -> Option<Vec<&'p str>> {
    pointer.strip_prefix(base)?.strip_prefix('/').map(|rest| rest.split('/').collect())
}

/// The schema of the spec that governs `pointer` and that spec's pointer: an FKO CR's own
/// CRD, or the FlinkDeployment spec of a CMF application or compute-pool cluster (CFK's
/// `flinkEnvironment` is CFK's own field and `savepointSchedule` CMF's own, neither part of
/// what CMF hands to the operator).
fn governing(r: &Resource, pointer: &str) -> Option<(&'static Value, &'static str)> {
    let fd = spec_schema(Kind::FlinkDeployment)?;
    match (r.form, r.kind) {
        (Form::FkoCr, kind) => Some((spec_schema(kind)?, "/spec")),
        (_, Kind::Application)
            if pointer != "/spec/flinkEnvironment"
                && !pointer.starts_with("/spec/savepointSchedule/") =>
        {
            Some((fd, "/spec"))
        }
        (_, Kind::ComputePool) if pointer.starts_with("/spec/clusterSpec/") => {
            Some((fd, "/spec/clusterSpec"))
        }
        _ => None,
    }
}

#[test]
fn every_palette_entry_has_a_form_whose_fields_fit_its_default() {
    for e in ENTRIES {
        let r = default_of(e);
        let fields = fields(&r);
        assert_eq!(fields[0].label, "Name", "{}", e.id);
        let mut pointers: Vec<&str> = fields.iter().map(|f| f.pointer.as_str()).collect();
        pointers.sort_unstable();
        pointers.dedup();
        assert_eq!(pointers.len(), fields.len(), "{}: a field repeats", e.id);
        for f in &fields {
            let what = format!("{} {}", e.id, f.pointer);
            if let Input::Choice(c) = f.input {
                let now = text_of(&r.doc, &f.pointer);
                assert!(now.is_empty() || c.contains(&now), "{what}: {now} is not a choice");
            }
            // The pointer exists or can be created, and reads back what was written.
            let mut doc = r.doc.clone();
            let value = sample(f.input);
            set_field(&mut doc, &f.pointer, value.clone())
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(doc.pointer(&f.pointer), Some(&value), "{what}");
            // The schema that judges the field knows it and takes the form's value type.
            let Some((schema, base)) = governing(&r, &f.pointer) else { continue };
            let issues = schema::check(schema, doc.pointer(base).expect("spec"), base);
            let bad: Vec<_> = issues
                .iter()
                .filter(|i| i.pointer == f.pointer && !matches!(i.kind, IssueKind::Required))
                .collect();
            assert!(bad.is_empty(), "{what}: {bad:?}");
        }
        for t in config_tables(&r) {
            let mut doc = r.doc.clone();
            let key = crate::core::pointer::push(&t.pointer, "pipeline.name");
            set_field(&mut doc, &key, json!("x"))
                .unwrap_or_else(|err| panic!("{} {key}: {err}", e.id));
            assert!(shows(&r, &key), "{} {key}", e.id);
        }
    }
}

#[test]
fn every_choice_list_is_the_enum_its_schema_declares_for_that_field() {
    let mut seen = 0;
    for e in ENTRIES {
        let r = default_of(e);
        for f in fields(&r) {
            let Input::Choice(c) = f.input else { continue };
            seen += 1;
            let tokens = below(&f.pointer, "/spec").expect("a spec field");
            if tokens.last() == Some(&"flinkVersion") {
                // Versions come from the version table (see the next tests).
                assert!(matches!(c, Choices::FkoFlinkVersions(_) | Choices::CmfSqlVersions(_)));
                continue;
            }
            let declared: Vec<&str> = match governing(&r, &f.pointer) {
                // Looked up at the field's full path in the resource's own CRD (blue/green
                // templates included), or below the FlinkDeployment spec a CMF object becomes.
                Some(_) if r.form == Form::FkoCr => spec_enum(r.kind, &tokens),
                Some((_, base)) => {
                    spec_enum(Kind::FlinkDeployment, &below(&f.pointer, base).expect("below"))
                }
                None => None,
            }
            .map(|values| values.iter().filter_map(Value::as_str).collect())
            .or_else(|| listed_enum(r.kind, &tokens).map(<[_]>::to_vec))
            .unwrap_or_else(|| panic!("{} {}: no enum declared", e.id, f.pointer));
            assert_eq!(
                c.values(),
                declared.iter().map(|v| v.to_string()).collect::<Vec<_>>(),
                "{} {}",
                e.id,
                f.pointer
            );
        }
    }
    assert!(seen >= 20, "{seen} choice fields");
}

fn published_flink_versions() -> Vec<String> {
    let path =
        crate::core::shared_material::path("specs/crds/flinkdeployments.flink.apache.org-v1.yml");
    let text = std::fs::read_to_string(path).expect("read the CRD");
    let doc = yaml::load(&text).documents.into_iter().next().expect("a document").value;
    let at = "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/flinkVersion/enum";
    let values = doc.pointer(at).and_then(Value::as_array).expect("the flinkVersion enum");
    values.iter().filter_map(Value::as_str).map(str::to_string).collect()
}

#[test]
fn flink_version_choices_are_what_the_targeted_operator_accepts() {
    // At the default target (the newest FKO) the choices are the published CRD's enum;
    // FKO 1.15's chart stops at v2_2.
    let published = published_flink_versions();
    assert!(published.iter().any(|v| v == "v2_4") && published.iter().any(|v| v == "v1_13"));
    let cases = [
        ("fko-application", "/spec/flinkVersion"),
        ("fko-session-cluster", "/spec/flinkVersion"),
        ("fko-blue-green", "/spec/template/spec/flinkVersion"),
        ("cmf-application", "/spec/flinkVersion"),
        ("cfk-application", "/spec/flinkVersion"),
    ];
    let older = Targets { fko: version::Version::new(1, 15, 0), ..Targets::default() };
    for (id, pointer) in cases {
        let fields = fields(&entry(id));
        assert_eq!(choices(field(&fields, pointer).input), published, "{id}");
        let fields = fields_for(&entry(id), &older);
        let offered = choices(field(&fields, pointer).input);
        assert_eq!(offered.last().map(String::as_str), Some("v2_2"), "{id}");
        assert!(!offered.iter().any(|v| v == "v2_3"), "{id}");
    }
}

#[test]
fn pool_flink_version_choices_are_what_the_targeted_cmf_runs_sql_on() {
    let older = Targets { cmf: version::Version::new(2, 3, 1), ..Targets::default() };
    for id in ["cmf-compute-pool", "cfk-compute-pool"] {
        let pointer = "/spec/clusterSpec/flinkVersion";
        let newest = choices(field(&fields(&entry(id)), pointer).input);
        assert_eq!(newest, ["v1_19", "v2_3"], "{id}");
        assert_eq!(choices(field(&fields_for(&entry(id), &older), pointer).input), ["v1_19"]);
    }
}

#[test]
fn listed_choices_come_from_the_listed_enums() {
    let pool = fields(&entry("cfk-compute-pool"));
    assert_eq!(choices(field(&pool, "/spec/type").input), ["DEDICATED", "SHARED"]);
    let cmf = fields(&entry("cmf-install"));
    assert_eq!(choices(field(&cmf, "/spec/authentication").input), ["none", "mtls", "oauth"]);
    let store = fields(&entry("object-store"));
    assert_eq!(choices(field(&store, "/spec/type").input), ["s3", "minio", "gcs", "azure"]);
}

#[test]
fn name_namespace_and_environment_fields_follow_the_serialization() {
    let pointers = |id| fields(&entry(id)).into_iter().map(|f| f.pointer).collect::<Vec<_>>();
    assert_eq!(pointers("cmf-environment"), ["/name", "/kubernetesNamespace"]);
    assert_eq!(
        pointers("cfk-environment"),
        ["/metadata/name", "/metadata/namespace", "/spec/kubernetesNamespace"]
    );
    assert_eq!(pointers("namespace"), ["/metadata/name"]);
    let cfk = pointers("cfk-statement");
    assert_eq!(cfk[..3], ["/metadata/name", "/metadata/namespace", "/spec/flinkEnvironment"]);
    assert_eq!(pointers("cmf-statement")[..2], ["/metadata/name", "/spec/statement"]);
}

#[test]
fn configuration_tables_are_every_place_the_kind_keeps_a_map() {
    let tables = |id| config_tables(&entry(id)).into_iter().map(|t| t.pointer).collect::<Vec<_>>();
    assert_eq!(tables("fko-blue-green"), ["/spec/template/spec/flinkConfiguration"]);
    assert_eq!(tables("cmf-compute-pool"), ["/spec/clusterSpec/flinkConfiguration"]);
    assert_eq!(tables("fko-install"), ["/spec/defaultConfiguration"]);
    assert_eq!(tables("cfk-secret"), Vec::<String>::new());
    assert_eq!(
        tables("cmf-environment"),
        [
            "/flinkApplicationDefaults/spec/flinkConfiguration",
            "/statementDefaults/detached/flinkConfiguration",
            "/statementDefaults/interactive/flinkConfiguration",
            "/computePoolDefaults/clusterSpec/flinkConfiguration",
        ]
    );
    let env = config_tables(&entry("cfk-environment"));
    assert_eq!(env[0].pointer, "/spec/flinkApplicationDefaults/spec/flinkConfiguration");
    assert!(env[0].title.starts_with("Application defaults"));
    assert!(env.iter().all(|t| t.note.is_some()));
}

#[test]
fn shows_fields_and_keys_of_tables_only() {
    let r = entry("fko-session-cluster");
    assert!(shows(&r, "/spec/flinkVersion"));
    assert!(shows(&r, "/spec/flinkConfiguration/taskmanager.numberOfTaskSlots"));
    assert!(!shows(&r, "/spec/flinkConfiguration"));
    assert!(!shows(&r, "/spec/flinkConfigurationX/a"));
    assert!(!shows(&r, "/spec/podTemplate/spec"));
    let env = entry("cmf-environment");
    assert!(shows(&env, "/statementDefaults/interactive/flinkConfiguration/pipeline.name"));
}

#[test]
fn a_table_reads_keys_for_the_flink_version_beside_it() {
    let fd = entry("fko-application");
    assert_eq!(config_tables(&fd)[0].version, FlinkVersion::new(1, 20));
    let pool = entry("cmf-compute-pool");
    assert_eq!(config_tables(&pool)[0].version, FlinkVersion::new(1, 19));
    // A statement runs on its pool's version: CMF's SQL version when it says none.
    let statement = entry("cmf-statement");
    assert_eq!(config_tables(&statement)[0].version, FlinkVersion::CMF_SQL_DEFAULT);
}

#[test]
fn value_choices_are_the_catalog_enum_of_the_option() {
    let v = FlinkVersion::new(1, 20);
    assert_eq!(value_choices("execution.checkpointing.mode", v), ["EXACTLY_ONCE", "AT_LEAST_ONCE"]);
    let claim = value_choices("execution.state-recovery.claim-mode", v);
    assert!(claim.contains(&"NO_CLAIM"), "{claim:?}");
    // A deprecated spelling offers the values of the option it names.
    assert_eq!(value_choices("execution.savepoint-restore-mode", v), claim);
    assert_eq!(value_choices("pipeline.object-reuse", v), ["true", "false"]);
    assert!(value_choices("pipeline.name", v).is_empty());
    assert!(value_choices("no.such.option", v).is_empty());
}

#[test]
fn inputs_read_back_what_was_typed() {
    assert_eq!(parse_input(Input::Number, " 2 "), Some(json!(2)));
    assert_eq!(parse_input(Input::Number, "0.5"), Some(json!(0.5)));
    assert_eq!(parse_input(Input::Number, "2 cores"), Some(json!("2 cores")));
    assert_eq!(parse_input(Input::Bool, "true"), Some(json!(true)));
    assert_eq!(parse_input(Input::Long, "SELECT 1;\n"), Some(json!("SELECT 1;\n")));
    assert_eq!(parse_input(Input::Text, "  "), None);
    let doc = json!({"a": 1, "b": "x", "c": null});
    assert_eq!((text_of(&doc, "/a"), text_of(&doc, "/b")), ("1".into(), "x".into()));
    assert_eq!((text_of(&doc, "/c"), text_of(&doc, "/d")), (String::new(), String::new()));
}

#[test]
fn every_row_declared_a_choice_finds_its_enum() {
    for e in ENTRIES {
        let declared = kinds::groups(e.kind)
            .iter()
            .flat_map(|g| g.rows)
            .filter(|row| {
                !matches!(
                    row.input,
                    kinds::In::Text | kinds::In::Long | kinds::In::Number | kinds::In::Bool
                )
            })
            .count();
        let found =
            fields(&default_of(e)).iter().filter(|f| matches!(f.input, Input::Choice(_))).count();
        assert_eq!(found, declared, "{}: a choice fell back to text", e.id);
    }
}
