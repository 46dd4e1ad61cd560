//! Good templates are clean; broken ones teach their rules.

use super::*;
use crate::core::finding::Severity;
use crate::core::rules;
use crate::core::targets::Targets;

fn findings(t: &Template) -> Vec<Finding> {
    let (design, problems) = t.design();
    assert!(problems.is_empty(), "{} does not import cleanly: {problems:#?}", t.id);
    assert!(design.resources.len() >= 7, "{} is too small", t.id);
    assert!(design.targets.complete, "{} is not a complete design", t.id);
    rules::validate(&design, Targets::of(&design, design.targets))
}

#[test]
fn good_templates_raise_no_error_and_no_warning() {
    for t in TEMPLATES.iter().filter(|t| !t.is_broken()) {
        let bad: Vec<_> =
            findings(t).into_iter().filter(|f| f.severity >= Severity::Warning).collect();
        assert!(bad.is_empty(), "{}: {bad:#?}", t.id);
    }
}

#[test]
fn broken_variants_raise_the_rules_they_teach_with_a_hint() {
    for t in TEMPLATES.iter().filter(|t| t.is_broken()) {
        let good = by_id(t.breaks.unwrap_or_default()).expect("the good template exists");
        let good_rules: Vec<String> = findings(good).into_iter().map(|f| f.rule).collect();
        let found = findings(t);
        assert!(!t.teaches.is_empty(), "{} teaches nothing", t.id);
        for rule in t.teaches {
            let hits: Vec<_> = found.iter().filter(|f| f.rule == *rule).collect();
            assert!(!hits.is_empty(), "{} does not raise {rule}: {found:#?}", t.id);
            assert!(hits.iter().all(|f| !f.hint.is_empty() && f.resource.is_some()), "{rule}");
            assert!(!good_rules.contains(&rule.to_string()), "{} raises {rule} too", good.id);
        }
        assert!(found.iter().any(|f| f.severity == Severity::Error), "{}", t.id);
    }
}

#[test]
fn every_good_template_has_a_broken_variant_and_words() {
    for t in TEMPLATES {
        assert!(!t.title.is_empty() && t.description.len() > 80, "{}", t.id);
        assert_ne!(t.file_name(), "template.yaml", "{} has no file name", t.id);
        if !t.is_broken() {
            assert!(
                TEMPLATES.iter().any(|b| b.breaks == Some(t.id)),
                "{} has no broken variant",
                t.id
            );
        }
    }
    let ids: Vec<&str> = TEMPLATES.iter().filter(|t| !t.is_broken()).map(|t| t.id).collect();
    assert_eq!(
        ids,
        ["confluent-platform", "session-cluster", "ha-application", "flink-sql", "cmf-artifacts"]
    );
}

#[test]
fn cmf_payloads_of_the_sql_template_live_in_its_environment() {
    let (d, _) = by_id("flink-sql").unwrap().design();
    let statement = d.resources.iter().find(|r| r.name() == "big-orders").unwrap();
    assert_eq!(statement.environment(), Some("development"));
}
