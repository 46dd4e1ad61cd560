//! `fstudio validate`: findings as compiler-style text, JSON or SARIF 2.1.0.

use crate::out;
use clap::{Args as ClapArgs, ValueEnum};
use flink_studio::core::finding::{self, Finding, Severity, Summary};
use flink_studio::core::rules;
use serde_json::{Value, json};

use crate::baseline::{self, BaselineArgs};
use crate::input::{self, InputArgs, TargetArgs};
use flink_studio::core::review;

/// Output formats of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line: error[RULE] Kind/name /pointer: message` plus a `help:` line.
    Text,
    /// `{"findings": [...], "summary": {"errors", "warnings", "infos"}}`.
    Json,
    /// SARIF 2.1.0, for CI systems that annotate code.
    Sarif,
}

/// Arguments of `validate`.
#[derive(Debug, Clone, ClapArgs)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    targets: TargetArgs,
    /// Also run the spec-change rules against the design as deployed (see `review`).
    #[command(flatten)]
    baseline: BaselineArgs,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `validate`; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let inputs = input::load(&args.input);
    let unreadable = input::report_unreadable(&inputs);
    let mut findings = inputs.findings.clone();
    let targets = args.targets.targets(&inputs.design);
    findings.extend(rules::validate(&inputs.design, targets));
    let mut unreadable = unreadable;
    if !args.baseline.baseline.is_empty() {
        match baseline::load(&args.baseline, &args.input, &inputs.design) {
            Ok(base) => {
                let before = baseline::targets(&args.baseline, &base, targets);
                findings.extend(
                    base.findings.iter().filter(|f| f.severity == Severity::Error).cloned(),
                );
                findings.extend(review::review(&base, before, &inputs.design, targets).findings);
            }
            Err(problems) => {
                for p in &problems {
                    eprintln!("fstudio: cannot read baseline {p}");
                }
                unreadable = true;
            }
        }
    }
    finding::sort(&mut findings);
    let summary = Summary::of(&findings);
    match args.format {
        Format::Text => out::print(&text(&findings, summary, inputs.files)),
        Format::Json => {
            // Serialised straight from the findings, without a JSON tree of them first.
            let out = Report { findings: &findings, summary };
            out::println(&serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Sarif => {
            out::println(&serde_json::to_string_pretty(&sarif(&findings)).unwrap_or_default())
        }
    }
    if unreadable {
        input::UNREADABLE
    } else if summary.errors > 0 {
        1
    } else {
        0
    }
}

/// The JSON report: `{"findings": [...], "summary": {...}}`.
#[derive(serde::Serialize)]
struct Report<'a> {
    findings: &'a [Finding],
    summary: Summary,
}

/// `Kind/name`, or `Kind` when the resource has no name.
fn who(kind: &str, name: &str) -> String {
    if name.is_empty() { kind.to_string() } else { format!("{kind}/{name}") }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Compiler-style text.
pub fn text(findings: &[Finding], summary: Summary, files: usize) -> String {
    let mut out = String::new();
    for f in findings {
        let place = match (&f.file, f.line) {
            (Some(file), Some(line)) => format!("{file}:{line}"),
            (Some(file), None) => file.clone(),
            (None, _) => "<design>".to_string(),
        };
        let mut subject = String::new();
        if let Some(r) = &f.resource {
            subject.push_str(&format!(" {}", who(&r.kind, &r.name)));
        }
        if !f.pointer.is_empty() {
            subject.push_str(&format!(" {}", f.pointer));
        }
        out.push_str(&format!(
            "{place}: {}[{}]{subject}: {}\n",
            f.severity.as_str(),
            f.rule,
            f.message
        ));
        if !f.hint.is_empty() {
            out.push_str(&format!("  help: {}\n", f.hint));
        }
    }
    out.push_str(&format!(
        "{}, {}, {} in {}\n",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        plural(files, "file")
    ));
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Every rule and diagnostic the tool can report: (id, severity, summary).
pub fn catalog() -> Vec<(String, Severity, String, &'static str)> {
    let mut out: Vec<_> = rules::all()
        .map(|r| (r.id().to_string(), r.severity(), r.summary().to_string(), "rules"))
        .collect();
    out.extend(
        flink_studio::core::review::rules::RULES
            .iter()
            .map(|r| (r.id().to_string(), r.severity(), r.summary().to_string(), "review")),
    );
    let import = flink_studio::core::import::IMPORT_DIAGNOSTICS.iter().map(|d| (d, "import"));
    let design = flink_studio::core::design_file::DIAGNOSTICS.iter().map(|d| (d, "design-file"));
    for ((id, sev, doc), source) in import.chain(design) {
        out.push((id.to_string(), *sev, doc.to_string(), source));
    }
    out
}

/// A SARIF 2.1.0 log of the findings.
pub fn sarif(findings: &[Finding]) -> Value {
    let catalog = catalog();
    let rules: Vec<Value> = catalog
        .iter()
        .map(|(id, sev, summary, _)| {
            json!({
                "id": id,
                "shortDescription": {"text": summary},
                "defaultConfiguration": {"level": level(*sev)},
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut text = String::new();
            if let Some(r) = &f.resource {
                text.push_str(&format!("{} ", who(&r.kind, &r.name)));
            }
            if !f.pointer.is_empty() {
                text.push_str(&format!("{}: ", f.pointer));
            }
            text.push_str(&f.message);
            if !f.hint.is_empty() {
                text.push_str(&format!(" Help: {}", f.hint));
            }
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": text},
            });
            if let Some(index) = catalog.iter().position(|c| c.0 == f.rule) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(file) = &f.file {
                let mut location = json!({"physicalLocation": {"artifactLocation": {"uri": file}}});
                if let Some(line) = f.line {
                    location["physicalLocation"]["region"] = json!({"startLine": line});
                }
                result["locations"] = json!([location]);
            }
            result
        })
        .collect();
    json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": {
                "name": "fstudio",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}
