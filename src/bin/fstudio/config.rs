//! `fstudio config`: effective Flink configuration with provenance.

use crate::out;
use clap::Args as ClapArgs;
use flink_studio::core::config::{EffectiveConfig, Source, effective_configs};
use flink_studio::core::graph::Graph;

use crate::input::{self, InputArgs, TargetArgs};
use crate::rules::Format;

/// Arguments of `config`.
#[derive(Debug, Clone, ClapArgs)]
pub struct Args {
    /// Output format (JSON: the list of effective configurations).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Only this resource, as KIND/NAME (e.g. FlinkDeployment/basic) or NAME.
    #[arg(long, value_name = "KIND/NAME")]
    resource: Option<String>,
    #[command(flatten)]
    targets: TargetArgs,
    #[command(flatten)]
    input: InputArgs,
}

fn matches(c: &EffectiveConfig, wanted: &str) -> bool {
    match wanted.split_once('/') {
        Some((kind, name)) => {
            c.reference.kind.eq_ignore_ascii_case(kind) && c.reference.name == name
        }
        None => c.reference.name == wanted,
    }
}

fn source(s: &Source) -> String {
    let layer = serde_json::to_value(s.layer).ok();
    let layer = layer.as_ref().and_then(|v| v.as_str()).unwrap_or("?");
    let who = s.resource.as_ref().map(|r| format!(" {}/{}", r.kind, r.name)).unwrap_or_default();
    let path = if s.path.is_empty() { String::new() } else { format!(" {}", s.path) };
    format!("{layer}{who}{path}")
}

/// Runs `config`; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let inputs = input::load(&args.input);
    let unreadable = input::report_unreadable(&inputs);
    let design = &inputs.design;
    let targets = args.targets.targets(design);
    let graph = Graph::build(design);
    let mut configs = effective_configs(design, &graph, &targets);
    if let Some(wanted) = &args.resource {
        configs.retain(|c| matches(c, wanted));
    }
    match args.format {
        Format::Json => out::println(&serde_json::to_string_pretty(&configs).unwrap_or_default()),
        Format::Text => out::print(&text(&configs)),
    }
    if unreadable {
        input::UNREADABLE
    } else if args.resource.is_some() && configs.is_empty() {
        eprintln!(
            "fstudio: no job-bearing resource matches {}",
            args.resource.as_deref().unwrap_or("")
        );
        1
    } else {
        0
    }
}

fn text(configs: &[EffectiveConfig]) -> String {
    let mut out = String::new();
    for c in configs {
        let r = &c.reference;
        let ns = r.namespace.as_deref().map(|n| format!(" in {n}")).unwrap_or_default();
        let scope = serde_json::to_value(c.scope).ok().and_then(|v| v.as_str().map(str::to_string));
        out.push_str(&format!(
            "{}/{}{ns} ({} configuration)\n",
            r.kind,
            r.name,
            scope.unwrap_or_default()
        ));
        if c.entries.is_empty() {
            out.push_str("  (no Flink configuration)\n\n");
            continue;
        }
        let kw = c.entries.keys().map(String::len).max().unwrap_or(0).max(3);
        let vw = c.entries.values().map(|e| e.value.len()).max().unwrap_or(0).clamp(5, 40);
        out.push_str(&format!("  {:kw$}  {:vw$}  SOURCE\n", "KEY", "VALUE"));
        for e in c.entries.values() {
            let flag = if e.unverified { "  (precedence not documented)" } else { "" };
            out.push_str(&format!(
                "  {:kw$}  {:vw$}  {}{flag}\n",
                e.key,
                e.value,
                source(&e.source)
            ));
            for o in &e.overridden {
                let label = format!("overrides {}", o.value);
                out.push_str(&format!("  {:kw$}  {:vw$}  {}\n", "", label, source(&o.source)));
            }
        }
        out.push('\n');
    }
    if configs.is_empty() {
        out.push_str("no job-bearing resource (FlinkDeployment, FlinkSessionJob, FlinkApplication, ComputePool, Statement)\n");
    }
    out
}
