//! `fstudio preflight [--to-fko V] [--to-cmf V] [--to-flink V [--job KIND/NAME…]] PATH…`:
//! what breaks when the operator, CMF or the jobs' Flink version moves. Text or JSON
//! (`preflight` format version 1).

use clap::Args as ClapArgs;
use flink_studio::core::design::Design;
use flink_studio::core::finding::{Finding, Severity};
use flink_studio::core::flink::version::{self, FlinkVersion};
use flink_studio::core::model::ResourceId;
use flink_studio::core::review::preflight::{self, KeyFate, Preflight};
use flink_studio::core::targets::{Targets, Version};
use serde_json::json;

use crate::input::{self, InputArgs, TargetArgs};
use crate::out;
use crate::rules::Format;

/// Format version of the JSON output (a change of shape gets a new number).
pub const FORMAT_VERSION: u32 = 1;

/// Exit code when nothing is stranded and no error appears, but the move needs attention:
/// a new warning, or a configuration key the new Flink no longer reads.
pub const NEEDS_ATTENTION: u8 = 3;

/// Arguments of `preflight`.
#[derive(Debug, Clone, ClapArgs)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Operator version to move to (default: the newest release the studio knows).
    #[arg(long, value_name = "V", value_parser = parse_version)]
    to_fko: Option<Version>,
    /// CMF version to move to (default: the newest release the studio knows).
    #[arg(long, value_name = "V", value_parser = parse_version)]
    to_cmf: Option<Version>,
    /// Flink version to move the jobs to (`2.1`, `v2_1`; default: they keep theirs).
    #[arg(long, value_name = "V", value_parser = parse_flink)]
    to_flink: Option<FlinkVersion>,
    /// Only move this job's Flink version, as KIND/NAME or NAME (repeatable; default: every
    /// job).
    #[arg(long, value_name = "KIND/NAME", requires = "to_flink")]
    job: Vec<String>,
    #[command(flatten)]
    targets: TargetArgs,
    #[command(flatten)]
    input: InputArgs,
}

fn parse_version(text: &str) -> Result<Version, String> {
    Version::parse(text).ok_or_else(|| format!("'{text}' is not a version like 1.16.0"))
}

fn parse_flink(text: &str) -> Result<FlinkVersion, String> {
    FlinkVersion::parse(text).ok_or_else(|| format!("'{text}' is not a Flink version like 2.1"))
}

/// The targets to move to: the flags, else the newest releases of the version table (never
/// older than what the design targets today).
fn destination(args: &Args, from: Targets) -> Targets {
    let (newest_fko, newest_cmf) = version::newest_releases();
    Targets {
        fko: args.to_fko.unwrap_or(newest_fko.max(from.fko)),
        cmf: args.to_cmf.unwrap_or(newest_cmf.max(from.cmf)),
        ..from
    }
}

/// The ids of the resources `--job` names; the names that match nothing.
fn jobs(design: &Design, wanted: &[String]) -> (Vec<ResourceId>, Vec<String>) {
    let mut ids = Vec::new();
    let mut missing = Vec::new();
    for w in wanted {
        let found: Vec<ResourceId> = design
            .resources
            .iter()
            .filter(|r| {
                let me = r.reference();
                match w.split_once('/') {
                    Some((kind, name)) => me.kind.eq_ignore_ascii_case(kind) && me.name == name,
                    None => me.name == *w,
                }
            })
            .map(|r| r.id)
            .collect();
        if found.is_empty() {
            missing.push(w.clone());
        }
        ids.extend(found);
    }
    (ids, missing)
}

fn line(f: &Finding) -> String {
    let who = f.resource.as_ref().map(|r| format!("{}/{} ", r.kind, r.name)).unwrap_or_default();
    format!("  {}[{}] {who}{}: {}\n", f.severity.as_str(), f.rule, f.pointer, f.message)
}

fn fate(k: KeyFate) -> &'static str {
    match k {
        KeyFate::Renamed => "renamed",
        KeyFate::Removed => "removed",
        KeyFate::RemovedWithoutReplacement => "removed, no replacement",
    }
}

fn text(p: &Preflight, from: Targets, to: Targets, flink: Option<FlinkVersion>) -> String {
    let mut s = format!(
        "Pre-flight: FKO {} → {}, CMF {} → {}{}\n",
        from.fko,
        to.fko,
        from.cmf,
        to.cmf,
        flink.map(|v| format!(", jobs to Flink {v}")).unwrap_or_default()
    );
    if !p.stranded.is_empty() {
        s.push_str("\nJobs the new operator does not run:\n");
        for j in &p.stranded {
            s.push_str(&format!(
                "  {}/{} ({}): {}\n",
                j.resource.kind, j.resource.name, j.flink, j.why
            ));
        }
    }
    s.push_str(&format!("\nFindings that appear ({}):\n", p.appeared.len()));
    p.appeared.iter().for_each(|f| s.push_str(&line(f)));
    s.push_str(&format!("\nFindings that disappear ({}):\n", p.disappeared.len()));
    p.disappeared.iter().for_each(|f| s.push_str(&line(f)));
    if !p.keys.is_empty() {
        s.push_str("\nConfiguration keys:\n");
        for k in &p.keys {
            let to = k.replacement.as_deref().map(|r| format!(" → {r}")).unwrap_or_default();
            s.push_str(&format!(
                "  {}/{} {}: {}{to}\n",
                k.resource.kind,
                k.resource.name,
                k.key,
                fate(k.fate)
            ));
        }
    }
    s
}

fn json_of(
    p: &Preflight,
    from: Targets,
    to: Targets,
    flink: Option<FlinkVersion>,
) -> serde_json::Value {
    let versions = |t: Targets| json!({"fko": t.fko.to_string(), "cmf": t.cmf.to_string()});
    let count = |sev: Severity| p.appeared.iter().filter(|f| f.severity == sev).count();
    json!({
        "version": FORMAT_VERSION,
        "from": versions(from),
        "to": versions(to),
        "flink": flink.map(|v| v.enum_name()),
        "stranded": p.stranded,
        "appeared": p.appeared,
        "disappeared": p.disappeared,
        "keys": p.keys,
        "summary": {
            "stranded": p.stranded.len(),
            "appeared": {"errors": count(Severity::Error), "warnings": count(Severity::Warning),
                         "infos": count(Severity::Info)},
            "disappeared": p.disappeared.len(),
            "keys": p.keys.len(),
        },
    })
}

/// The exit code of a pre-flight: 1 when a job is stranded or an error appears, 3 when a
/// warning appears or a key is no longer read, else 0.
fn exit_code(p: &Preflight) -> u8 {
    let appears = |sev: Severity| p.appeared.iter().any(|f| f.severity == sev);
    let key_lost = p.keys.iter().any(|k| k.fate != KeyFate::Renamed);
    if !p.stranded.is_empty() || appears(Severity::Error) {
        1
    } else if appears(Severity::Warning) || key_lost {
        NEEDS_ATTENTION
    } else {
        0
    }
}

/// Runs `preflight`; exit 0 when nothing breaks, 1 when a job is stranded or an error
/// appears, 2 when an input cannot be read (or `--job` names nothing), 3 when a warning
/// appears or a configuration key is no longer read.
pub fn run(args: &Args) -> u8 {
    let inputs = input::load(&args.input);
    if input::report_unreadable(&inputs) {
        return input::UNREADABLE;
    }
    let (only, missing) = jobs(&inputs.design, &args.job);
    if !missing.is_empty() {
        eprintln!("fstudio: no resource matches --job {}", missing.join(", "));
        return input::UNREADABLE;
    }
    let from = args.targets.targets(&inputs.design);
    let to = destination(args, from);
    let p = preflight::check(&inputs.design, from, to, args.to_flink, &only);
    match args.format {
        Format::Json => out::println(
            &serde_json::to_string_pretty(&json_of(&p, from, to, args.to_flink))
                .unwrap_or_default(),
        ),
        Format::Text => out::print(&text(&p, from, to, args.to_flink)),
    }
    exit_code(&p)
}
