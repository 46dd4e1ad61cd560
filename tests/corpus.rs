//! The shared corpus of real manifests (`../shared/corpus`): every file imports, and the
//! operator's own examples raise no error-level finding.

use std::fs;
use std::path::PathBuf;

use flink_studio::core::design::Design;
use flink_studio::core::finding::{Finding, Severity};
use flink_studio::core::import::import_text;
use flink_studio::core::rules;
use flink_studio::core::targets::Targets;

fn corpus(folder: &str) -> Vec<PathBuf> {
    let dir = flink_studio::core::shared_material::path("corpus").join(folder);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no files in {}", dir.display());
    files
}

fn validate(files: &[PathBuf]) -> Vec<Finding> {
    let mut design = Design::new();
    let mut findings = Vec::new();
    for f in files {
        let text = fs::read_to_string(f).expect("read corpus file");
        let name = f.file_name().expect("file name").to_string_lossy().into_owned();
        findings.extend(import_text(&mut design, &name, &text).1);
    }
    design.assign_scopes(None, None);
    findings.extend(rules::validate(&design, Targets::of(&design, Default::default())));
    findings
}

fn errors(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            format!(
                "{}:{:?} {} {} {}",
                f.file.as_deref().unwrap_or("?"),
                f.line,
                f.rule,
                f.pointer,
                f.message
            )
        })
        .collect()
}

#[test]
fn operator_examples_raise_no_error_one_file_at_a_time() {
    let mut all = Vec::new();
    for f in corpus("fko-examples") {
        all.extend(errors(&validate(std::slice::from_ref(&f))));
    }
    assert!(all.is_empty(), "error-level findings on the operator's examples:\n{}", all.join("\n"));
}

#[test]
fn operator_examples_raise_no_error_as_one_design() {
    let all = errors(&validate(&corpus("fko-examples")));
    assert!(all.is_empty(), "error-level findings on the operator's examples:\n{}", all.join("\n"));
}

#[test]
fn every_corpus_file_imports_into_resources() {
    for folder in ["fko-examples", "cfk-examples", "community"] {
        for f in corpus(folder) {
            let text = fs::read_to_string(&f).expect("read");
            let mut design = Design::new();
            let (ids, problems) = import_text(&mut design, "f", &text);
            assert!(!ids.is_empty(), "{} imported nothing: {problems:?}", f.display());
            let syntax: Vec<_> = problems.iter().filter(|p| p.rule == "IMP-SYNTAX-001").collect();
            assert!(syntax.is_empty(), "{}: {syntax:?}", f.display());
        }
    }
}
