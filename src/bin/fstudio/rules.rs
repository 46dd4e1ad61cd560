//! `fstudio rules`: the catalog of rule ids.

use crate::out;
use clap::Args as ClapArgs;
use serde_json::json;

use crate::validate::catalog;

/// Output formats of `rules` and `config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns.
    Text,
    /// JSON.
    Json,
}

/// Arguments of `rules`.
#[derive(Debug, Clone, ClapArgs)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `rules`; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let catalog = catalog();
    match args.format {
        Format::Json => {
            let list: Vec<_> = catalog
                .iter()
                .map(|(id, sev, summary, source)| {
                    json!({"id": id, "severity": sev, "summary": summary, "source": source})
                })
                .collect();
            out::println(&serde_json::to_string_pretty(&list).unwrap_or_default());
        }
        Format::Text => {
            let width = catalog.iter().map(|c| c.0.len()).max().unwrap_or(0);
            for (id, sev, summary, _) in &catalog {
                out::println(&format!("{id:width$}  {:7}  {summary}", sev.as_str()));
            }
        }
    }
    0
}
