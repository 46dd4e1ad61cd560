//! Reading inputs: files and folders (recursively), manifests and design files.

use std::fs;
use std::path::{Path, PathBuf};

use clap::Args as ClapArgs;
use flink_studio::core::design::Design;
use flink_studio::core::design_file;
use flink_studio::core::finding::Finding;
use flink_studio::core::targets::{TargetOverrides, Targets, Version};

/// Exit code when an input cannot be read.
pub const UNREADABLE: u8 = 2;

/// The inputs shared by the subcommands.
#[derive(Debug, Clone, ClapArgs)]
pub struct InputArgs {
    /// Files or folders (folders are read recursively: *.yaml, *.yml, *.json; design
    /// files are recognised by their content).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// CMF environment of CMF REST payloads that do not say (default: the design's only
    /// environment).
    #[arg(long, value_name = "ENV")]
    pub environment: Option<String>,
    /// Kafka catalog of CMF REST KafkaDatabase payloads (default: the design's only
    /// catalog).
    #[arg(long, value_name = "CATALOG")]
    pub catalog: Option<String>,
}

/// Everything read.
pub struct Inputs {
    /// The design built from every readable file.
    pub design: Design,
    /// Import findings.
    pub findings: Vec<Finding>,
    /// Paths that could not be read, with the reason.
    pub unreadable: Vec<String>,
    /// Number of files read.
    pub files: usize,
}

fn is_manifest(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "yaml" | "yml" | "json"))
}

fn collect(path: &Path, out: &mut Vec<PathBuf>, unreadable: &mut Vec<String>) {
    if path.is_dir() {
        let entries = match fs::read_dir(path) {
            Ok(e) => e,
            Err(e) => return unreadable.push(format!("{}: {e}", path.display())),
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            if child.is_dir() || is_manifest(&child) {
                collect(&child, out, unreadable);
            }
        }
    } else if path.exists() {
        out.push(path.to_path_buf());
    } else {
        unreadable.push(format!("{}: no such file or directory", path.display()));
    }
}

/// Display form of a path for findings: forward slashes.
pub fn display(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

/// The texts of every manifest file under `paths` (folders recursively), with their
/// display names; unreadable paths are added to `unreadable`.
pub fn read_texts(paths: &[PathBuf], unreadable: &mut Vec<String>) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files, unreadable);
    }
    let mut out = Vec::new();
    for f in &files {
        match fs::read_to_string(f) {
            Ok(text) => out.push((display(f), text)),
            Err(e) => unreadable.push(format!("{}: {e}", f.display())),
        }
    }
    out
}

/// Reads every input into one design.
pub fn load(args: &InputArgs) -> Inputs {
    let mut unreadable = Vec::new();
    let texts = read_texts(&args.paths, &mut unreadable);
    let mut design = Design::new();
    let mut findings = Vec::new();
    for (name, text) in &texts {
        findings.extend(design_file::import_any(&mut design, name, text).1);
    }
    design.assign_scopes(args.environment.as_deref(), args.catalog.as_deref());
    Inputs { design, findings, unreadable, files: texts.len() }
}

/// Prints unreadable inputs to stderr; true when there were some.
pub fn report_unreadable(inputs: &Inputs) -> bool {
    for u in &inputs.unreadable {
        eprintln!("fstudio: cannot read {u}");
    }
    !inputs.unreadable.is_empty()
}

/// Target version flags.
#[derive(Debug, Clone, ClapArgs)]
pub struct TargetArgs {
    /// Flink Kubernetes Operator version to check against (default: the design's
    /// FlinkKubernetesOperator node, else the newest known).
    #[arg(long, value_name = "V", value_parser = parse_version)]
    pub fko_version: Option<Version>,
    /// CMF version to check against.
    #[arg(long, value_name = "V", value_parser = parse_version)]
    pub cmf_version: Option<Version>,
    /// CFK version to check against.
    #[arg(long, value_name = "V", value_parser = parse_version)]
    pub cfk_version: Option<Version>,
    /// The inputs are the whole deployment: a reference to something not in them is an
    /// error (default: inputs are open, such a reference is a warning naming what must
    /// exist; a design file can declare `spec.complete: true`).
    #[arg(long)]
    pub complete: bool,
}

fn parse_version(text: &str) -> Result<Version, String> {
    Version::parse(text).ok_or_else(|| format!("'{text}' is not a version like 1.15.0"))
}

impl TargetArgs {
    /// Targets of `design`: flags, else the design file's choices, else its nodes.
    pub fn targets(&self, design: &Design) -> Targets {
        let chosen = design.targets;
        let overrides = TargetOverrides {
            fko: self.fko_version.or(chosen.fko),
            cmf: self.cmf_version.or(chosen.cmf),
            cfk: self.cfk_version.or(chosen.cfk),
            complete: self.complete || chosen.complete,
        };
        Targets::of(design, overrides)
    }
}
