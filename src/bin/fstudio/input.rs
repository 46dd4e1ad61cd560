//! Reading inputs: files and folders (recursively), manifests and design files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Args as ClapArgs;
use flink_studio::core::design::Design;
use flink_studio::core::design_file;
use flink_studio::core::finding::Finding;
use flink_studio::core::targets::{TargetOverrides, Targets, Version};
use flink_studio::core::yaml;

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
    /// Files read and parsed at once (default: the cores available); the result and the
    /// order of the output do not depend on it.
    #[arg(long, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
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
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for p in &args.paths {
        collect(p, &mut files, &mut unreadable);
    }
    let mut design = Design::new();
    let mut findings = Vec::new();
    let mut read = 0;
    let workers = args.jobs.or_else(|| std::thread::available_parallelism().ok());
    for (f, parsed) in files.iter().zip(read_all(&files, workers.map_or(1, |n| n.get()))) {
        match parsed {
            Ok(p) => {
                read += 1;
                let (_, found) =
                    design_file::import_parsed(&mut design, &display(f), &p.text, p.yaml);
                findings.extend(found);
            }
            Err(e) => unreadable.push(format!("{}: {e}", f.display())),
        }
    }
    design.assign_scopes(args.environment.as_deref(), args.catalog.as_deref());
    Inputs { design, findings, unreadable, files: read }
}

/// A file read and parsed: the part of loading that runs in parallel.
struct Parsed {
    /// The text, kept only when it is not valid YAML (the importer then tries JSON).
    text: String,
    yaml: yaml::LoadResult,
}

fn read_one(path: &Path) -> io::Result<Parsed> {
    let text = fs::read_to_string(path)?;
    let yaml = yaml::load(&text);
    let syntax = yaml.problems.iter().any(|p| p.kind == yaml::ProblemKind::Syntax);
    Ok(Parsed { text: if syntax { text } else { String::new() }, yaml })
}

/// Reads and parses `files` on up to `workers` threads; the results are in file order.
fn read_all(files: &[PathBuf], workers: usize) -> Vec<io::Result<Parsed>> {
    let workers = workers.min(files.len());
    if workers <= 1 {
        return files.iter().map(|f| read_one(f)).collect();
    }
    // Each worker takes the next file by index; every result goes back to its file's slot.
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<io::Result<Parsed>>> = files.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(f) = files.get(i) else { break done };
                        done.push((i, read_one(f)));
                    }
                })
            })
            .collect();
        for handle in handles {
            for (i, result) in handle.join().unwrap_or_default() {
                slots[i] = Some(result);
            }
        }
    });
    slots
        .into_iter()
        .map(|s| s.unwrap_or_else(|| Err(io::Error::other("reader thread failed"))))
        .collect()
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
