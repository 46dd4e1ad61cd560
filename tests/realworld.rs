//! The real-world check (issue 9, "Measure"): manifests written by others
//! (`tests/realworld/manifests`, sources and licences in `tests/realworld/SOURCES.md`),
//! hand-labelled in `tests/realworld/labels.yaml` before the studio ever ran on them.
//!
//! Each file is imported and validated alone with the default targets, as a user opening
//! it would. Each folder case (`tests/realworld/folders/<owner>__<repo>/…`, several files of
//! one repository as they sit there) is also validated as ONE input, as `fstudio validate DIR`
//! reads it (recursively, `*.yaml`/`*.yml`/`*.json`, design files recognised), so references
//! between its files resolve; a finding belongs to the file it names. The report (printed,
//! and written to `$CARGO_TARGET_TMPDIR/realworld-report.txt`) gives per file the labelled
//! defects the studio found, recall per severity (single files, and per folder), and every
//! error-level finding that no error label explains: on files labelled clean (false errors,
//! which fail the test, alone or in a folder), on a field labelled only as a warning
//! (over-severity), or on no labelled field at all.
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
use flink_studio::core::design_file;
use flink_studio::core::finding::{Finding, Severity};
use flink_studio::core::import::import_text;
use flink_studio::core::rules;
use flink_studio::core::targets::Targets;
use serde::Deserialize;

mod support;

/// `labels.yaml`: one entry per manifest file name, and per folder one entry per file path
/// inside the folder.
#[derive(Debug, Deserialize)]
struct Labels {
    files: BTreeMap<String, Entry>,
    #[serde(default)]
    folders: BTreeMap<String, BTreeMap<String, Entry>>,
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

/// The manifests of a folder case, recursively and sorted, as `fstudio validate DIR`
/// collects them (sub-folders, `*.yaml`, `*.yml`, `*.json`).
fn folder_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut children: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    children.sort();
    for child in children {
        if child.is_dir() {
            folder_files(&child, out);
        } else if child
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| matches!(x, "yaml" | "yml" | "json"))
        {
            out.push(child);
        }
    }
}

/// The path of `file` inside `root`, with forward slashes (the name findings carry).
fn relative(file: &Path, root: &Path) -> String {
    file.strip_prefix(root).expect("inside the folder").to_string_lossy().replace('\\', "/")
}

/// One folder validated as one input, with default targets: resources per file (by path
/// inside the folder) and every import and rule finding.
fn validate_folder(root: &Path) -> (BTreeMap<String, usize>, Vec<Finding>) {
    let mut files = Vec::new();
    folder_files(root, &mut files);
    let mut design = Design::new();
    let mut findings = Vec::new();
    let mut resources = BTreeMap::new();
    for file in &files {
        let name = relative(file, root);
        let text = fs::read_to_string(file).expect("read manifest");
        let (ids, found) = design_file::import_any(&mut design, &name, &text);
        resources.insert(name, ids.len());
        findings.extend(found);
    }
    design.assign_scopes(None, None);
    findings.extend(rules::validate(&design, Targets::of(&design, Default::default())));
    (resources, findings)
}

fn outcome(file: &Path, entry: &Entry) -> Outcome {
    let (resources, findings) = validate_alone(file);
    let name = file.file_name().expect("name").to_string_lossy().into_owned();
    judge(name, resources, findings, entry)
}

/// What the studio made of one folder case.
struct FolderOutcome {
    folder: String,
    /// One per labelled file, named `<folder>/<path>`, judged on the findings naming it.
    files: Vec<Outcome>,
    /// Findings that name no file of the folder (design-level).
    unattributed: Vec<Finding>,
}

fn folder_outcome(folder: &str, entries: &BTreeMap<String, Entry>) -> FolderOutcome {
    let (resources, findings) = validate_folder(&realworld("folders").join(folder));
    let (mut by_file, mut unattributed): (BTreeMap<String, Vec<Finding>>, Vec<Finding>) =
        (BTreeMap::new(), Vec::new());
    for f in findings {
        match f.file.as_ref().filter(|name| entries.contains_key(*name)) {
            Some(name) => by_file.entry(name.clone()).or_default().push(f),
            None => unattributed.push(f),
        }
    }
    let files = entries
        .iter()
        .map(|(path, entry)| {
            let found = by_file.remove(path).unwrap_or_default();
            let count = resources.get(path).copied().unwrap_or_default();
            judge(format!("{folder}/{path}"), count, found, entry)
        })
        .collect();
    FolderOutcome { folder: folder.to_string(), files, unattributed }
}

/// Judges the findings of one labelled file against its labels.
fn judge(name: String, resources: usize, findings: Vec<Finding>, entry: &Entry) -> Outcome {
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

fn report(title: &str, outcomes: &[Outcome]) -> String {
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

    let _ = writeln!(r, "{title}: {} files ({clean} labelled clean)", outcomes.len());
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

/// One line per folder: files, recall per severity, false and over-severe errors, and the
/// findings that name no file.
fn folder_summary(folders: &[FolderOutcome]) -> String {
    let mut r = String::new();
    let _ = writeln!(
        r,
        "Folders, each validated as one input ({} folders):\n{:>5} {:>7} {:>7} {:>5} {:>5} {:>5} {:>5}  folder",
        folders.len(),
        "files",
        "E fnd",
        "W fnd",
        "falsE",
        "overE",
        "unlbE",
        "noFil"
    );
    for f in folders {
        let count = |sev: Severity, found_only: bool| -> usize {
            f.files
                .iter()
                .flat_map(|o| &o.labels)
                .filter(|(s, _, hit, _)| *s == sev && (!found_only || hit.is_some()))
                .count()
        };
        let sum = |pick: &dyn Fn(&Outcome) -> usize| -> usize { f.files.iter().map(pick).sum() };
        let _ = writeln!(
            r,
            "{:>5} {:>7} {:>7} {:>5} {:>5} {:>5} {:>5}  {}",
            f.files.len(),
            format!("{}/{}", count(Severity::Error, true), count(Severity::Error, false)),
            format!("{}/{}", count(Severity::Warning, true), count(Severity::Warning, false)),
            sum(&|o| o.false_errors.len()),
            sum(&|o| o.over_severe.len()),
            sum(&|o| o.unlabelled_errors.len()),
            f.unattributed.len(),
            f.folder
        );
    }
    let _ = writeln!(r, "\nFINDINGS NAMING NO FILE OF THEIR FOLDER:");
    for f in folders {
        for finding in &f.unattributed {
            let _ = writeln!(r, "  {}: {}", f.folder, describe(finding));
        }
    }
    r
}

/// `(file, finding)` for every error finding on a file labelled clean.
fn false_errors(outcomes: &[Outcome]) -> Vec<String> {
    outcomes
        .iter()
        .flat_map(|o| o.false_errors.iter().map(move |f| format!("{}: {}", o.file, describe(f))))
        .collect()
}

#[test]
fn every_folder_file_has_a_label_entry_and_every_entry_a_file() {
    let labels = labels();
    let mut folders: Vec<String> = fs::read_dir(realworld("folders"))
        .expect("tests/realworld/folders")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert!(
        (6..=10).contains(&folders.len()),
        "the check needs 6 to 10 folder cases, has {}",
        folders.len()
    );
    for folder in &folders {
        let root = realworld("folders").join(folder);
        let entries =
            labels.folders.get(folder).unwrap_or_else(|| panic!("{folder}: no folders: entry"));
        let mut files = Vec::new();
        folder_files(&root, &mut files);
        assert!(files.len() >= 2, "{folder}: a folder case holds several files");
        let names: Vec<String> = files.iter().map(|f| relative(f, &root)).collect();
        for name in &names {
            let entry = entries.get(name).unwrap_or_else(|| panic!("{folder}/{name}: no label"));
            assert!(entry.clean == entry.defects.is_empty(), "{folder}/{name}: clean or defects");
            assert!(
                entry.defects.iter().all(|l| l.severity != Severity::Info && !l.why.is_empty()),
                "{folder}/{name}: labels are errors or warnings and say why"
            );
        }
        for name in entries.keys() {
            assert!(names.contains(name), "labels.yaml names {folder}/{name}, which is not there");
        }
    }
    for folder in labels.folders.keys() {
        assert!(folders.contains(folder), "labels.yaml names folder {folder}, which is not there");
    }
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
    let folders: Vec<FolderOutcome> =
        labels.folders.iter().map(|(name, entries)| folder_outcome(name, entries)).collect();
    let summary = folder_summary(&folders);
    let in_folders: Vec<Outcome> = folders.into_iter().flat_map(|f| f.files).collect();
    let text = format!(
        "{}\n{}\n{}",
        report("Real-world check, each file alone", &outcomes),
        summary,
        report("Folder cases, each file judged inside its folder", &in_folders)
    );
    println!("{text}");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("realworld-report.txt");
    let all = format!("{}{}", all_findings(&outcomes), all_findings(&in_folders));
    if fs::write(&out, format!("{text}{all}")).is_ok() {
        println!("report written to {}", out.display());
    }
    let mut wrong = false_errors(&outcomes);
    wrong.extend(false_errors(&in_folders));
    assert!(
        wrong.is_empty(),
        "{} error-level finding(s) on files labelled clean:\n{}",
        wrong.len(),
        wrong.join("\n")
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
