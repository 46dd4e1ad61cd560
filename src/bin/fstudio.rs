//! `fstudio`: validate, explain and export Flink-on-Kubernetes manifests from the command
//! line. Every decision is made by the rules core (`flink_studio::core`); this binary only
//! parses arguments, reads files and formats output. Its modules live in `src/bin/fstudio/`.

#[path = "fstudio/apply.rs"]
mod apply;
#[path = "fstudio/baseline.rs"]
mod baseline;
#[path = "fstudio/config.rs"]
mod config;
#[path = "fstudio/connection.rs"]
mod connection;
#[path = "fstudio/export.rs"]
mod export;
#[path = "fstudio/http.rs"]
mod http;
#[path = "fstudio/input.rs"]
mod input;
#[path = "fstudio/out.rs"]
mod out;
#[path = "fstudio/plan.rs"]
mod plan;
#[path = "fstudio/preflight.rs"]
mod preflight;
#[path = "fstudio/review.rs"]
mod review;
#[path = "fstudio/rules.rs"]
mod rules;
#[path = "fstudio/savepoints.rs"]
mod savepoints;
#[path = "fstudio/tls.rs"]
mod tls;
#[path = "fstudio/tls_errors.rs"]
mod tls_errors;
#[path = "fstudio/validate.rs"]
mod validate;

use std::process::ExitCode;

/// jemalloc instead of the system allocator: validation is allocation-heavy (README,
/// "Performance").
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use clap::{Parser, Subcommand};

/// Design, validate and export Flink-on-Kubernetes deployments (CMF, CFK, Flink
/// Kubernetes Operator).
#[derive(Debug, Parser)]
#[command(name = "fstudio", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check manifests and design files; exit 0 without errors, 1 with errors, 2 when an
    /// input cannot be read.
    Validate(validate::Args),
    /// Show the effective Flink configuration of each job, with where every value came from.
    Config(config::Args),
    /// Export as kubectl YAML or CMF REST JSON payloads.
    Export(export::Args),
    /// List every rule id with its severity and summary.
    Rules(rules::Args),
    /// What happens to every running job and its state when the design replaces the
    /// baseline (--baseline OLD); exit 0 safe, 1 refused or rejected, 2 unreadable input,
    /// 3 state lost or at risk.
    Review(review::Args),
    /// What breaks when the operator, CMF or the jobs' Flink version moves (--to-fko,
    /// --to-cmf default to the newest releases; --to-flink); exit 0 nothing breaks, 1 a job
    /// is stranded or an error appears, 2 unreadable input, 3 a warning appears or a
    /// configuration key is no longer read.
    Preflight(preflight::Args),
    /// Compare the design with a running CMF: what apply would create, update, leave
    /// unchanged or delete; exit 0 when planned, 2 on bad input or an unreachable server.
    Plan(plan::Args),
    /// Make a running CMF match the design over its REST API; exit 0 when everything
    /// applied, 1 when a step failed, 2 on bad input or an unreachable server.
    Apply(apply::Args),
    /// The savepoints of a CMF application or statement: list, pin, unpin, delete-old
    /// (CMF 2.4); exit 0 when done, 1 when CMF refused, 2 on bad input or an unreachable
    /// server.
    Savepoints(savepoints::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Config(args) => config::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Review(args) => review::run(&args),
        Command::Preflight(args) => preflight::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Apply(args) => apply::run(&args),
        Command::Savepoints(args) => savepoints::run(&args),
    };
    ExitCode::from(code)
}
