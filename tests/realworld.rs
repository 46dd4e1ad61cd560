//! The real-world check (issue 9, "Measure"): manifests written by others
//! (`tests/realworld/manifests`, sources and licences in `tests/realworld/SOURCES.md`),
//! hand-labelled in `tests/realworld/labels.yaml` before the studio ever ran on them.
//!
//! Each file is imported and validated alone with the default targets, as a user opening
//! it would. The report (printed, and written to `$CARGO_TARGET_TMPDIR/realworld-report.txt`)
//! gives per file the labelled defects the studio found, recall per severity, and every
//! error-level finding that no error label explains: on files labelled clean (false errors,
//! which fail the test), on a field labelled only as a warning (over-severity), or on no
//! labelled field at all.
//!
//! How a label is matched by a finding (rule ids are not compared):
//! - the finding's resource kind equals the label's `kind`, when the label names one;
//! - the finding's pointer is one of the label's `where` pointers or lies under one of them;
//!   when the label says `missing: true` (the field is absent) a finding on an ancestor of a
//!   `where` pointer, up to the resource root, counts too;
//! - an error label needs an error finding; a warning label is found by a warning or an
//!   error finding (the latter is also reported as over-severity).
//!
//! Run `cargo test --test realworld -- --nocapture` to see the report when the test passes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use flink_studio::core::design::Design;
use flink_studio::core::finding::{Finding, Severity};
use flink_studio::core::import::import_text;
use flink_studio::core::rules;
use flink_studio::core::targets::Targets;
use serde::Deserialize;

mod support;

/// `labels.yaml`: one entry per manifest file name.
#[derive(Debug, Deserialize)]
struct Labels {
    files: BTreeMap<String, Entry>,
}

/// The verdict on one file: clean, or a list of defects.
#[derive(Debug, Deserialize)]
struct Entry {
    #[serde(default)]
    clean: bool,
    #[serde(default)]
    defects: Vec<Label>,
}

/// One genuine defect, as decided by hand.
#[derive(Debug, Deserialize)]
struct Label {
    #[serde(rename = "where")]
    at: Pointers,
    #[serde(default)]
    missing: bool,
    #[serde(default)]
    kind: Option<String>,
    severity: Severity,
    why: String,
}

/// One JSON pointer or several alternatives.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Pointers {
    One(String),
    Many(Vec<String>),
}

impl Pointers {
    fn all(&self) -> Vec<&str> {
        match self {
            Pointers::One(p) => vec![p.as_str()],
            Pointers::Many(ps) => ps.iter().map(String::as_str).collect(),
        }
    }
}

/// `inner` equals `outer` or lies under it, segment-wise.
fn at_or_under(inner: &str, outer: &str) -> bool {
    outer.is_empty()
        || outer == "/"
        || inner == outer
        || inner.strip_prefix(outer).is_some_and(|rest| rest.starts_with('/'))
}

/// Whether a finding points at the field a label names (severity aside).
fn points_at(label: &Label, f: &Finding) -> bool {
    if let Some(kind) = &label.kind
        && f.resource.as_ref().is_none_or(|r| &r.kind != kind)
    {
        return false;
    }
    label
        .at
        .all()
        .into_iter()
        .any(|w| at_or_under(&f.pointer, w) || (label.missing && at_or_under(w, &f.pointer)))
}

/// Whether a finding counts for a label: right place and at least the label's severity.
fn finds(label: &Label, f: &Finding) -> bool {
    let strong_enough = match label.severity {
        Severity::Error => f.severity == Severity::Error,
        _ => f.severity >= Severity::Warning,
    };
    strong_enough && points_at(label, f)
}

fn realworld(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realworld").join(path)
}

fn manifests() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(realworld("manifests"))
        .expect("tests/realworld/manifests")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

fn labels() -> Labels {
    let text = fs::read_to_string(realworld("labels.yaml")).expect("labels.yaml");
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("labels.yaml: {e}"))
}

/// Import problems and rule findings of one file validated alone, with default targets.
fn validate_alone(file: &Path) -> (usize, Vec<Finding>) {
    let text = fs::read_to_string(file).expect("read manifest");
    let name = file.file_name().expect("file name").to_string_lossy().into_owned();
    let (ids, mut findings) = import_text(&mut Design::new(), &name, &text);
    let design = support::design_of(std::slice::from_ref(&file.to_path_buf()));
    findings.extend(rules::validate(&design, Targets::of(&design, Default::default())));
    (ids.len(), findings)
}

fn describe(f: &Finding) -> String {
    let at = f.resource.as_ref().map(|r| format!("{}/{}", r.kind, r.name)).unwrap_or_default();
    let line = f.line.map(|l| format!(":{l}")).unwrap_or_default();
    format!("{} {}{} {} [{}] {}", f.rule, at, line, f.pointer, f.severity.as_str(), f.message)
}

/// What the studio made of one labelled file.
struct Outcome {
    file: String,
    clean: bool,
    resources: usize,
    /// Per label: its severity, text, the finding that found it (if any) and, when none
    /// did, the weaker findings at the same place.
    labels: Vec<(Severity, String, Option<String>, Vec<String>)>,
    /// Warning findings on a file labelled clean.
    clean_warnings: Vec<Finding>,
    /// Every finding, for the full report.
    all: Vec<Finding>,
    false_errors: Vec<Finding>,
    over_severe: Vec<Finding>,
    unlabelled_errors: Vec<Finding>,
}

fn outcome(file: &Path, entry: &Entry) -> Outcome {
    let (resources, findings) = validate_alone(file);
    let name = file.file_name().expect("name").to_string_lossy().into_owned();
    let labels = entry
        .defects
        .iter()
        .map(|l| {
            // Every finding that counts, those of the label's own severity and at the exact
            // pointer first.
            let mut hits: Vec<&Finding> = findings.iter().filter(|f| finds(l, f)).collect();
            hits.sort_by_key(|f| {
                (f.severity != l.severity, !l.at.all().contains(&f.pointer.as_str()))
            });
            let hit = (!hits.is_empty())
                .then(|| hits.iter().map(|f| describe(f)).collect::<Vec<_>>().join("\n      and "));
            let near = if hit.is_some() {
                vec![]
            } else {
                findings.iter().filter(|f| points_at(l, f)).map(describe).collect()
            };
            (l.severity, format!("{} — {}", l.at.all().join(" | "), l.why), hit, near)
        })
        .collect();
    let errors = findings.iter().filter(|f| f.severity == Severity::Error);
    let (mut false_errors, mut over_severe, mut unlabelled_errors) = (vec![], vec![], vec![]);
    for f in errors {
        let error_label =
            entry.defects.iter().any(|l| l.severity == Severity::Error && finds(l, f));
        if entry.clean {
            false_errors.push(f.clone());
        } else if error_label {
            continue;
        } else if entry.defects.iter().any(|l| points_at(l, f)) {
            over_severe.push(f.clone());
        } else {
            unlabelled_errors.push(f.clone());
        }
    }
    let clean_warnings = if entry.clean {
        findings.iter().filter(|f| f.severity == Severity::Warning).cloned().collect()
    } else {
        vec![]
    };
    Outcome {
        file: name,
        clean: entry.clean,
        resources,
        labels,
        false_errors,
        over_severe,
        unlabelled_errors,
        clean_warnings,
        all: findings,
    }
}

fn pct(found: usize, total: usize) -> String {
    if total == 0 { "n/a".into() } else { format!("{:.0} %", 100.0 * found as f64 / total as f64) }
}

fn report(outcomes: &[Outcome]) -> String {
    let mut r = String::new();
    let count = |sev: Severity, found_only: bool| -> usize {
        outcomes
            .iter()
            .flat_map(|o| &o.labels)
            .filter(|(s, _, hit, _)| *s == sev && (!found_only || hit.is_some()))
            .count()
    };
    let (e_all, e_found) = (count(Severity::Error, false), count(Severity::Error, true));
    let (w_all, w_found) = (count(Severity::Warning, false), count(Severity::Warning, true));
    let false_errors: usize = outcomes.iter().map(|o| o.false_errors.len()).sum();
    let false_files = outcomes.iter().filter(|o| !o.false_errors.is_empty()).count();
    let over: usize = outcomes.iter().map(|o| o.over_severe.len()).sum();
    let unlabelled: usize = outcomes.iter().map(|o| o.unlabelled_errors.len()).sum();
    let clean = outcomes.iter().filter(|o| o.clean).count();

    let _ = writeln!(r, "Real-world check: {} files ({clean} labelled clean)", outcomes.len());
    let _ = writeln!(r, "recall  errors   {e_found}/{e_all} ({})", pct(e_found, e_all));
    let _ = writeln!(r, "recall  warnings {w_found}/{w_all} ({})", pct(w_found, w_all));
    let _ = writeln!(
        r,
        "false errors (error findings on clean files): {false_errors} on {false_files} of {clean} clean files"
    );
    let _ = writeln!(r, "errors on fields labelled only as warnings: {over}");
    let _ = writeln!(r, "errors on labelled files at no labelled field: {unlabelled}");
    let _ = writeln!(r);
    let _ = writeln!(
        r,
        "{:<4} {:>3} {:>7} {:>7} {:>5} {:>5} {:>5}  file",
        "", "res", "E fnd", "W fnd", "falsE", "overE", "unlbE"
    );
    for o in outcomes {
        let per = |sev: Severity| {
            let all = o.labels.iter().filter(|(s, ..)| *s == sev).count();
            let found = o.labels.iter().filter(|(s, _, h, _)| *s == sev && h.is_some()).count();
            format!("{found}/{all}")
        };
        let _ = writeln!(
            r,
            "{:<4} {:>3} {:>7} {:>7} {:>5} {:>5} {:>5}  {}",
            if o.clean { "ok" } else { "def" },
            o.resources,
            per(Severity::Error),
            per(Severity::Warning),
            o.false_errors.len(),
            o.over_severe.len(),
            o.unlabelled_errors.len(),
            o.file
        );
    }
    let section = |r: &mut String, title: &str, pick: &dyn Fn(&Outcome) -> &Vec<Finding>| {
        let _ = writeln!(r, "\n{title}");
        for o in outcomes {
            for f in pick(o) {
                let _ = writeln!(r, "  {}: {}", o.file, describe(f));
            }
        }
    };
    section(&mut r, "FALSE ERRORS (error findings on files labelled clean):", &|o| &o.false_errors);
    section(&mut r, "ERRORS WHERE THE LABEL SAYS WARNING:", &|o| &o.over_severe);
    section(&mut r, "ERRORS AT NO LABELLED FIELD (on files with labels):", &|o| {
        &o.unlabelled_errors
    });
    let _ = writeln!(r, "\nMISSED LABELS:");
    for o in outcomes {
        for (sev, what, hit, near) in &o.labels {
            if hit.is_none() {
                let _ = writeln!(r, "  {} [{}] {}", o.file, sev.as_str(), what);
                for n in near {
                    let _ = writeln!(r, "      only {n}");
                }
            }
        }
    }
    let _ = writeln!(r, "\nFOUND LABELS:");
    for o in outcomes {
        for (sev, what, hit, _) in &o.labels {
            if let Some(hit) = hit {
                let _ = writeln!(r, "  {} [{}] {}\n      by {hit}", o.file, sev.as_str(), what);
            }
        }
    }
    section(&mut r, "WARNINGS ON FILES LABELLED CLEAN (not counted, for noise review):", &|o| {
        &o.clean_warnings
    });
    r
}

/// Every finding of every file, any severity (the report file only).
fn all_findings(outcomes: &[Outcome]) -> String {
    let mut r = String::from("\nALL FINDINGS, PER FILE:\n");
    for o in outcomes {
        let _ = writeln!(r, "{} ({} resources)", o.file, o.resources);
        for f in &o.all {
            let _ = writeln!(r, "    {}", describe(f));
        }
    }
    r
}

#[test]
fn every_manifest_has_a_label_entry_and_every_entry_a_manifest() {
    let labels = labels();
    let files: Vec<String> = manifests()
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    for f in &files {
        let entry =
            labels.files.get(f).unwrap_or_else(|| panic!("{f} has no entry in labels.yaml"));
        assert!(
            entry.clean == entry.defects.is_empty(),
            "{f}: say either clean: true or list defects"
        );
        for l in &entry.defects {
            assert!(l.severity != Severity::Info, "{f}: labels are errors or warnings");
            assert!(!l.why.trim().is_empty(), "{f}: every label says why");
            assert!(l.at.all().iter().all(|p| p.starts_with('/')), "{f}: pointers start with /");
        }
    }
    for name in labels.files.keys() {
        assert!(files.contains(name), "labels.yaml names {name}, which is not in manifests/");
    }
    assert!(files.len() >= 60, "the check needs at least 60 files, has {}", files.len());
}

#[test]
fn no_error_finding_on_a_file_labelled_clean() {
    let labels = labels();
    let outcomes: Vec<Outcome> = manifests()
        .iter()
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            outcome(p, labels.files.get(&name).unwrap_or_else(|| panic!("{name}: no label entry")))
        })
        .collect();
    let text = report(&outcomes);
    println!("{text}");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("realworld-report.txt");
    if fs::write(&out, format!("{text}{}", all_findings(&outcomes))).is_ok() {
        println!("report written to {}", out.display());
    }
    let false_errors: Vec<String> = outcomes
        .iter()
        .flat_map(|o| o.false_errors.iter().map(move |f| format!("{}: {}", o.file, describe(f))))
        .collect();
    assert!(
        false_errors.is_empty(),
        "{} error-level finding(s) on files labelled clean:\n{}",
        false_errors.len(),
        false_errors.join("\n")
    );
}

#[test]
fn matching_rules_behave_as_documented() {
    let label = |at: &str, missing: bool, severity: Severity| Label {
        at: Pointers::One(at.into()),
        missing,
        kind: None,
        severity,
        why: "test".into(),
    };
    let finding = |pointer: &str, severity: Severity| Finding {
        rule: "T-1".into(),
        severity,
        resource: None,
        pointer: pointer.into(),
        message: String::new(),
        hint: String::new(),
        file: None,
        line: None,
        resource_id: None,
    };
    let sa = label("/spec/serviceAccount", true, Severity::Error);
    assert!(finds(&sa, &finding("/spec/serviceAccount", Severity::Error)));
    assert!(finds(&sa, &finding("/spec", Severity::Error)), "missing: an ancestor counts");
    assert!(finds(&sa, &finding("", Severity::Error)), "missing: the root counts");
    assert!(
        !finds(&sa, &finding("/spec/serviceAccount", Severity::Warning)),
        "an error label needs an error"
    );
    assert!(
        !finds(&sa, &finding("/spec/serviceAccountName", Severity::Error)),
        "segment-wise prefix"
    );
    let key = label("/spec/flinkConfiguration/a.b", false, Severity::Warning);
    assert!(finds(&key, &finding("/spec/flinkConfiguration/a.b", Severity::Error)));
    assert!(
        !finds(&key, &finding("/spec/flinkConfiguration", Severity::Warning)),
        "no ancestor unless missing"
    );
    assert!(!finds(&key, &finding("/spec/flinkConfiguration/a.b", Severity::Info)));
}
