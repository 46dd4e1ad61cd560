//! `fstudio review --baseline OLD NEW…`: what happens to every running job and its
//! state when NEW replaces OLD. Text, JSON (`review` format version 1) or SARIF.

use std::fs;
use std::path::PathBuf;

use clap::Args as ClapArgs;
use flink_studio::core::finding::{self, Summary};
use flink_studio::core::review::{self, ChangeKind, ResourceChange, Review, script};
use serde_json::json;

use crate::baseline::{self, BaselineArgs};
use crate::input::{self, InputArgs, TargetArgs};
use crate::out;
use crate::validate::{Format, sarif, text as findings_text};

/// Exit code when a running job's state is lost, replaced or at risk (and nothing is refused).
pub const STATE_AT_RISK: u8 = 3;

/// Arguments of `review`.
#[derive(Debug, Clone, ClapArgs)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    baseline: BaselineArgs,
    /// Also write the safe sequences as a shell script to FILE.
    #[arg(long, value_name = "FILE")]
    script: Option<PathBuf>,
    #[command(flatten)]
    targets: TargetArgs,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `review`; returns the exit code (0 safe, 1 refused/rejected, 2 unreadable input,
/// 3 state lost or at risk).
pub fn run(args: &Args) -> u8 {
    if args.baseline.baseline.is_empty() {
        eprintln!("fstudio: review needs --baseline OLD (a file, a folder or git:REV:PATH)");
        return input::UNREADABLE;
    }
    let inputs = input::load(&args.input);
    let mut unreadable = input::report_unreadable(&inputs);
    let base = match baseline::load(&args.baseline, &args.input, &inputs.design) {
        Ok(b) => b,
        Err(problems) => {
            for p in &problems {
                eprintln!("fstudio: cannot read baseline {p}");
            }
            unreadable = true;
            flink_studio::core::review::Baseline::new(args.baseline.baseline.join(", "))
        }
    };
    let after = args.targets.targets(&inputs.design);
    let before = baseline::targets(&args.baseline, &base, after);
    let mut r = review::review(&base, before, &inputs.design, after);
    let mut problems = base.findings.clone();
    problems
        .extend(inputs.findings.iter().filter(|f| f.severity == finding::Severity::Error).cloned());
    r.findings.extend(problems);
    finding::sort(&mut r.findings);
    let summary = Summary::of(&r.findings);
    match args.format {
        Format::Text => out::print(&text(&r, summary)),
        Format::Json => {
            out::println(&serde_json::to_string_pretty(&json_of(&r, summary)).unwrap_or_default())
        }
        Format::Sarif => {
            out::println(&serde_json::to_string_pretty(&sarif(&r.findings)).unwrap_or_default())
        }
    }
    if let Some(path) = &args.script {
        let text = script::render(&r)
            .unwrap_or_else(|| "#!/bin/sh\n# No change needs a safe sequence.\n".into());
        if let Err(e) = fs::write(path, text) {
            eprintln!("fstudio: cannot write {}: {e}", path.display());
            return input::UNREADABLE;
        }
    }
    if unreadable {
        input::UNREADABLE
    } else if summary.errors > 0 {
        1
    } else if r.summary.state_at_risk > 0 {
        STATE_AT_RISK
    } else {
        0
    }
}

/// The JSON document (format version [`review::FORMAT_VERSION`]).
pub fn json_of(r: &Review, summary: Summary) -> serde_json::Value {
    let mut s = serde_json::to_value(r.summary).unwrap_or_default();
    s["errors"] = json!(summary.errors);
    s["warnings"] = json!(summary.warnings);
    s["infos"] = json!(summary.infos);
    json!({
        "version": review::FORMAT_VERSION,
        "baseline": r.baseline,
        "changes": r.changes,
        "findings": r.findings,
        "summary": s,
    })
}

fn label(c: &ResourceChange) -> String {
    let r = &c.resource;
    let ns = r.namespace.as_deref().map(|n| format!("{n}/")).unwrap_or_default();
    format!("{} {ns}{}", r.kind, r.name)
}

fn upper(s: impl serde::Serialize) -> String {
    serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_uppercase)).unwrap_or_default()
}

fn show(v: &Option<serde_json::Value>) -> String {
    let t = v.as_ref().map_or("(absent)".to_string(), |v| v.to_string());
    if t.chars().count() > 70 {
        format!("{}…", t.chars().take(70).collect::<String>())
    } else {
        t
    }
}

/// Text for people: one block per change, then the findings.
pub fn text(r: &Review, summary: Summary) -> String {
    let s = r.summary;
    let mut out = format!(
        "Review against {}: {} changed, {} added, {} removed ({} unchanged)\n",
        r.baseline, s.changed, s.added, s.removed, s.unchanged
    );
    for c in &r.changes {
        let kind = match c.change {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        };
        out.push_str(&format!("\n{} ({kind})", label(c)));
        let Some(v) = &c.verdict else {
            out.push_str(": no job affected\n");
            for f in c.fields.iter().take(6) {
                out.push_str(&format!("  {}: {} -> {}\n", f.path, show(&f.before), show(&f.after)));
            }
            continue;
        };
        out.push_str(&format!(": {}, state {}\n", upper(v.action), upper(v.state)));
        out.push_str(&format!("  {}\n", v.summary));
        out.push_str(&format!("  state: {}\n", v.state_reason));
        out.push_str(&format!(
            "  downtime: {}; rollback: {}\n",
            serde_json::to_value(v.risk.downtime)
                .ok()
                .and_then(|d| d.as_str().map(str::to_string))
                .unwrap_or_default(),
            v.risk.rollback.note
        ));
        if !v.evidence.is_empty() {
            out.push_str("  evidence:\n");
            for e in &v.evidence {
                let side =
                    if e.side == review::verdict::Which::Before { "baseline" } else { "new" };
                let at = match (&e.resource, e.pointer.is_empty()) {
                    (Some(r), false) => format!(" ({}/{} {})", r.kind, r.name, e.pointer),
                    (Some(r), true) => format!(" ({}/{})", r.kind, r.name),
                    (None, _) => String::new(),
                };
                out.push_str(&format!("    - [{side}] {}{at}\n", e.fact));
            }
        }
        if !c.fields.is_empty() {
            out.push_str("  changed fields:\n");
            for f in c.fields.iter().take(8) {
                out.push_str(&format!(
                    "    {}: {} -> {}\n",
                    f.path,
                    show(&f.before),
                    show(&f.after)
                ));
            }
            if c.fields.len() > 8 {
                out.push_str(&format!("    … and {} more\n", c.fields.len() - 8));
            }
        }
        if !v.steps.is_empty() {
            out.push_str("  safe sequence:\n");
            for (i, st) in v.steps.iter().enumerate() {
                out.push_str(&format!(
                    "    # {}. {}{}\n",
                    i + 1,
                    if st.commands.is_empty() { "EDIT: " } else { "" },
                    st.title
                ));
                for line in &st.commands {
                    for l in line.lines() {
                        out.push_str(&format!("    {l}\n"));
                    }
                }
            }
        }
    }
    out.push('\n');
    out.push_str(&findings_text(&r.findings, summary, 0).replace(" in 0 files\n", "\n"));
    out.push_str(&format!(
        "{} refused or rejected, {} with state lost, replaced or at risk\n",
        s.refused, s.state_at_risk
    ));
    out
}
