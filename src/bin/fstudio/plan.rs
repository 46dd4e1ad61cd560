//! `fstudio plan`: what `apply` would do, as text, JSON or a `confluent flink` script.

use std::fs;
use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};
use flink_studio::core::cmf::script;

use crate::connection::{self, BAD_INPUT, ConnectionArgs};
use crate::input::{self, InputArgs};

/// Output formats of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per step, changed fields below.
    Text,
    /// `{"steps": [{"action", "kind", "name", "environment", "method", "path", "diff"}]}`.
    Json,
}

/// Arguments of `plan`. Exit code 0 when planned, 2 on bad input or an unreachable server.
#[derive(Debug, Clone, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    connection: ConnectionArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also write the plan as a shell script of `confluent flink …` commands.
    #[arg(long, value_name = "FILE")]
    script: Option<PathBuf>,
    /// Plan deleting what the server has and the design does not.
    #[arg(long)]
    delete_missing: bool,
    /// Put secret values in the script (placeholders otherwise).
    #[arg(long)]
    include_secrets: bool,
    #[command(flatten)]
    artifacts: connection::ArtifactArgs,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `plan`; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let inputs = input::load(&args.input);
    if input::report_unreadable(&inputs) {
        return BAD_INPUT;
    }
    let client = match args.connection.client() {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let (_, plan) = match connection::make_plan(
        &client,
        &inputs.design,
        &args.artifacts,
        args.delete_missing,
    ) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    match args.format {
        Format::Text => crate::out::print(&connection::text(&plan, &client.base_url())),
        Format::Json => {
            crate::out::println(&serde_json::to_string_pretty(&plan.to_json()).unwrap_or_default())
        }
    }
    if let Some(path) = &args.script {
        let text = script::render(&plan, &client.base_url(), args.include_secrets);
        if let Err(e) = fs::write(path, text) {
            return fail(&format!("cannot write {}: {e}", path.display()));
        }
    }
    0
}

fn fail(message: &str) -> u8 {
    eprintln!("fstudio: {message}");
    BAD_INPUT
}
