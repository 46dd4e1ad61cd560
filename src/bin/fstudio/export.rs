//! `fstudio export`: kubectl YAML or CMF REST JSON payloads.

use crate::out;
use std::fs;
use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};
use flink_studio::core::export::{self, ExportOptions};
use flink_studio::core::finding::Severity;

use crate::input::{self, InputArgs};

/// Export targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum To {
    /// One multi-document YAML stream for `kubectl apply -f` (DIR/manifests.yaml with -o).
    Kubectl,
    /// One JSON payload per CMF object, in apply order (one file each in DIR with -o).
    Cmf,
}

/// Arguments of `export`. Exit code 0 on success, 1 when some input had import errors
/// (the export is written but misses what could not be read), 2 when an input cannot be
/// read or the output cannot be written.
#[derive(Debug, Clone, ClapArgs)]
pub struct Args {
    /// What to export to.
    #[arg(long, value_enum)]
    to: To,
    /// Output folder (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    output: Option<PathBuf>,
    /// Keep secret values (Kubernetes Secret data/stringData, CMF secret data) instead of
    /// placeholders.
    #[arg(long)]
    include_secrets: bool,
    #[command(flatten)]
    input: InputArgs,
}

fn write(path: PathBuf, content: &str) -> bool {
    match fs::write(&path, content) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("fstudio: cannot write {}: {e}", path.display());
            false
        }
    }
}

/// Runs `export`; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let inputs = input::load(&args.input);
    let unreadable = input::report_unreadable(&inputs);
    let broken: Vec<_> = inputs.findings.iter().filter(|f| f.severity == Severity::Error).collect();
    for f in &broken {
        let at = f.line.map(|l| format!(":{l}")).unwrap_or_default();
        eprintln!(
            "{}{at}: error[{}]: {}",
            f.file.as_deref().unwrap_or("<input>"),
            f.rule,
            f.message
        );
    }
    let options = ExportOptions { include_secrets: args.include_secrets };
    if let Some(dir) = &args.output
        && let Err(e) = fs::create_dir_all(dir)
    {
        eprintln!("fstudio: cannot create {}: {e}", dir.display());
        return input::UNREADABLE;
    }
    let mut written = true;
    match (args.to, &args.output) {
        (To::Kubectl, None) => out::print(&export::kubectl(&inputs.design, options)),
        (To::Kubectl, Some(dir)) => {
            written = write(dir.join("manifests.yaml"), &export::kubectl(&inputs.design, options));
        }
        (To::Cmf, output) => {
            for file in export::cmf(&inputs.design, options) {
                for note in &file.notes {
                    eprintln!("fstudio: {}: {note}", file.name);
                }
                match output {
                    Some(dir) => written &= write(dir.join(&file.name), &file.content),
                    None => {
                        let mut scope = String::new();
                        if let Some(env) = &file.environment {
                            scope.push_str(&format!(" (environment {env})"));
                        }
                        if let Some(cat) = &file.catalog {
                            scope.push_str(&format!(" (catalog {cat})"));
                        }
                        out::println(&format!("==> {}{scope} <==", file.name));
                        out::print(&file.content);
                    }
                }
            }
        }
    }
    if unreadable || !written {
        input::UNREADABLE
    } else if !broken.is_empty() {
        1
    } else {
        0
    }
}
