//! `fstudio apply`: plan, then send the steps in dependency order; stop at the first
//! failure; read back application and statement status.

use clap::Args as ClapArgs;
use flink_studio::core::cmf::apply::{Event, apply};
use flink_studio::core::cmf::client::block_on;
use flink_studio::core::cmf::plan::Action;
use flink_studio::core::cmf::status;
use flink_studio::core::finding::Severity;
use flink_studio::core::rules;
use flink_studio::core::targets::Targets;

use crate::connection::{self, BAD_INPUT, ConnectionArgs};
use crate::input::{self, InputArgs};

/// Arguments of `apply`. Exit code 0 when everything applied, 1 when a step failed, 2 on
/// bad input (including error findings without --force) or an unreachable server.
#[derive(Debug, Clone, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    connection: ConnectionArgs,
    /// Delete what the server has and the design does not.
    #[arg(long)]
    delete_missing: bool,
    /// Apply even though the design has error-level findings.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    artifacts: connection::ArtifactArgs,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `apply`; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let inputs = input::load(&args.input);
    if input::report_unreadable(&inputs) {
        return BAD_INPUT;
    }
    let mut findings = inputs.findings.clone();
    findings.extend(rules::validate(
        &inputs.design,
        Targets::of(&inputs.design, inputs.design.targets),
    ));
    let errors: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    if !errors.is_empty() {
        for f in errors.iter().take(20) {
            let what =
                f.resource.as_ref().map(|r| format!(" {}/{}", r.kind, r.name)).unwrap_or_default();
            eprintln!(
                "{}: error[{}]{what}: {}",
                f.file.as_deref().unwrap_or("<input>"),
                f.rule,
                f.message
            );
        }
        if !args.force {
            eprintln!(
                "fstudio: refusing to apply: the design has {} error finding(s) (fix them, or pass --force to apply anyway)",
                errors.len()
            );
            return BAD_INPUT;
        }
        eprintln!("fstudio: applying despite {} error finding(s) (--force)", errors.len());
    }
    let client = match args.connection.client() {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let (desired, plan) = match connection::make_plan(
        &client,
        &inputs.design,
        &args.artifacts,
        args.delete_missing,
    ) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    crate::out::print(&connection::text(&plan, &client.base_url()));
    let total = plan.pending();
    if total == 0 {
        crate::out::println("Nothing to apply: the server matches the design.");
    }
    let mut done = 0;
    let report = block_on(apply(&client, &plan, |event| match event {
        Event::Started(_) => done += 1,
        Event::Applied(_, answer) => {
            crate::out::println(&format!("[{done}/{total}] {} {}", answer.status, answer.summary))
        }
        Event::Failed(i, error) | Event::Interrupted(i, error) => {
            crate::out::println(&format!("[{done}/{total}] FAILED {}: {error}", plan.steps[*i].key))
        }
    }));
    if let Some((_, error)) = &report.failed {
        eprintln!("fstudio: apply stopped: {error}");
        crate::out::println(&format!("Applied: {} step(s).", report.applied.len()));
        if !report.not_applied.is_empty() {
            crate::out::println("Not applied:");
            for i in &report.not_applied {
                crate::out::println(&format!("  {}", plan.steps[*i].key));
            }
        }
        crate::out::println("Fix the cause and run apply again: it picks up where it stopped.");
        return 1;
    }
    let keys: Vec<_> = desired.into_iter().map(|d| d.key).collect();
    let live = block_on(status::read(&client, &keys));
    if !live.is_empty() {
        crate::out::println("Status:");
        for s in live {
            let state = s.state.unwrap_or_else(|e| format!("unknown ({e})"));
            let detail = s.detail.map(|d| format!(" ({d})")).unwrap_or_default();
            crate::out::println(&format!("  {}: {state}{detail}", s.key));
            if let Some(schedule) = &s.schedule {
                crate::out::println(&format!("    {schedule}"));
            }
        }
    }
    let unchanged = plan.steps.iter().filter(|s| s.action == Action::Unchanged).count();
    crate::out::println(&format!(
        "Applied {} step(s); {unchanged} unchanged.",
        report.applied.len()
    ));
    0
}

fn fail(message: &str) -> u8 {
    eprintln!("fstudio: {message}");
    BAD_INPUT
}
