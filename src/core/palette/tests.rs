//! Palette defaults: free names, namespaces, references, and no error of their own.

use serde_json::json;

use super::*;
use crate::core::edit::{Edit, apply};
use crate::core::finding::{Finding, Severity};
use crate::core::model::ResourceId;
use crate::core::rules;
use crate::core::targets::Targets;

fn errors_of(design: &Design, id: ResourceId) -> Vec<Finding> {
    rules::validate(design, Targets::default())
        .into_iter()
        .filter(|f| f.resource_id == Some(id) && f.severity == Severity::Error)
        .collect()
}

fn add(design: &mut Design, entry: &Entry, ns: Option<&str>) -> ResourceId {
    let doc = new_resource(design, entry, ns);
    apply(design, Edit::Add { docs: vec![doc], at: None }).expect("adds").added[0]
}

#[test]
fn each_entry_alone_raises_no_error_of_its_own() {
    for ns in [Some("flink"), None] {
        for e in ENTRIES {
            let mut d = Design::new();
            let id = add(&mut d, e, ns);
            assert_eq!(d.get(id).unwrap().kind, e.kind, "{}", e.id);
            assert_eq!(d.get(id).unwrap().form, e.form, "{}", e.id);
            let errors = errors_of(&d, id);
            assert!(errors.is_empty(), "{} ({ns:?}): {errors:#?}", e.id);
        }
    }
}

#[test]
fn a_design_of_every_entry_raises_no_error() {
    let mut d = Design::new();
    let ids: Vec<(ResourceId, &str)> =
        ENTRIES.iter().map(|e| (add(&mut d, e, Some("flink")), e.id)).collect();
    let all = rules::validate(&d, Targets::default());
    let errors: Vec<_> = all.iter().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(ids.len(), ENTRIES.len());
}

#[test]
fn names_are_free_and_namespaces_applied() {
    let mut d = Design::new();
    let ns = entry_by_id("namespace").unwrap();
    let a = add(&mut d, ns, Some("ignored"));
    let b = add(&mut d, ns, None);
    assert_eq!((d.get(a).unwrap().name(), d.get(b).unwrap().name()), ("flink", "flink-2"));
    assert_eq!(d.get(a).unwrap().namespace(), None);
    let sa = add(&mut d, entry_by_id("service-account").unwrap(), Some("team-a"));
    assert_eq!(d.get(sa).unwrap().namespace(), Some("team-a"));
    let env = add(&mut d, entry_by_id("cmf-environment").unwrap(), Some("team-a"));
    assert_eq!(
        d.get(env).unwrap().doc,
        json!({"name": "development", "kubernetesNamespace": "default"})
    );
}

#[test]
fn new_resources_reference_the_only_candidate() {
    let mut d = Design::new();
    let rc = add(&mut d, entry_by_id("cfk-rest-class").unwrap(), Some("confluent"));
    apply(
        &mut d,
        Edit::SetField { id: rc, pointer: "/metadata/name".into(), value: Some(json!("cmf")) },
    )
    .unwrap();
    let env = add(&mut d, entry_by_id("cfk-environment").unwrap(), Some("confluent"));
    apply(
        &mut d,
        Edit::SetField { id: env, pointer: "/metadata/name".into(), value: Some(json!("prod")) },
    )
    .unwrap();
    let app = add(&mut d, entry_by_id("cfk-application").unwrap(), Some("apps"));
    let r = d.get(app).unwrap();
    assert_eq!(
        r.spec_get(&["cmfRestClassRef"]),
        Some(&json!({"name": "cmf", "namespace": "confluent"}))
    );
    assert_eq!(r.environment(), Some("prod"));
    let session = add(&mut d, entry_by_id("fko-session-cluster").unwrap(), Some("apps"));
    apply(
        &mut d,
        Edit::SetField {
            id: session,
            pointer: "/metadata/name".into(),
            value: Some(json!("shared")),
        },
    )
    .unwrap();
    let job = add(&mut d, entry_by_id("fko-session-job").unwrap(), Some("apps"));
    assert_eq!(d.get(job).unwrap().spec_str(&["deploymentName"]), Some("shared"));
}

#[test]
fn groups_cover_every_entry_once_in_order() {
    let groups = groups();
    let labels: Vec<&str> = groups.iter().map(|(g, _)| g.label()).collect();
    assert_eq!(
        labels,
        [
            "Kubernetes",
            "Flink Kubernetes Operator",
            "CMF",
            "CFK",
            "Installations & external systems"
        ]
    );
    assert_eq!(groups.iter().map(|(_, l)| l.len()).sum::<usize>(), ENTRIES.len());
    let mut ids: Vec<&str> = ENTRIES.iter().map(|e| e.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), ENTRIES.len());
}
