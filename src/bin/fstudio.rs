//! `fstudio`: validate, explain and export Flink-on-Kubernetes manifests from the command
//! line. Every decision is made by the rules core (`flink_studio::core`); this binary only
//! parses arguments, reads files and formats output. Its modules live in `src/bin/fstudio/`.

#[path = "fstudio/config.rs"]
mod config;
#[path = "fstudio/export.rs"]
mod export;
#[path = "fstudio/input.rs"]
mod input;
#[path = "fstudio/out.rs"]
mod out;
#[path = "fstudio/rules.rs"]
mod rules;
#[path = "fstudio/validate.rs"]
mod validate;

use std::process::ExitCode;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Config(args) => config::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Rules(args) => rules::run(&args),
    };
    ExitCode::from(code)
}
