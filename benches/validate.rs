//! `fstudio validate` on generated GitOps repositories (`core::generate::gitops`).
//!
//! Run with `cargo bench --bench validate [-- 1000 5000 10000 50000] [--namespaces 200]
//! [--cores 1] [--keep]`. Per size, writes the repository's manifest files under
//! `target/bench-validate/<size>/`, runs the release `fstudio validate --format json` on
//! the folder (under `taskset -c 0` with `--cores 1`), and prints the wall-clock time,
//! the CPU time, the peak resident memory (`/usr/bin/time -v` when installed) and the
//! findings. `--before PATH` also runs another `fstudio` binary (e.g. one built from an
//! older commit) on the same folder, alternating, so a table can show before and after
//! from one run. Figures, not pass/fail: the targets are tracked in the README.
//! `--jobs N` is passed on to `fstudio validate` (files read and parsed at once; both
//! `--jobs 1` and the default when `--jobs both`). `--repeat N` runs every binary N
//! times per size, alternating, and prints the medians (peak memory: the largest). After
//! the table, the growth of the median wall-clock time from each size to the largest
//! (issue 11's linearity goal: time(50,000) / time(5,000) ≤ 12).
//!
//! `--rules` instead imports each size in this process (as `fstudio validate` does, one
//! thread) and prints where the time goes: parsing, import, graph and configurations,
//! every rule as `fstudio validate` runs them (window by window), then the slowest rules
//! (`--top N`, default 25), each run on its own over the whole design.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use flink_studio::core::design::Design;
use flink_studio::core::design_file;
use flink_studio::core::generate::gitops;
use flink_studio::core::rules::{self, Context, Sink};
use flink_studio::core::targets::Targets;
use flink_studio::core::yaml;

fn arg_after(flag: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != flag).nth(1)
}

/// Writes the repository of `n` resources; returns (folder, files, resources).
fn write(n: usize, namespaces: usize) -> (PathBuf, usize, usize) {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-validate").join(n.to_string());
    let _ = std::fs::remove_dir_all(&root);
    let files = gitops::repository(n, namespaces);
    let mut resources = 0;
    for f in &files {
        let path = root.join(&f.path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        std::fs::write(&path, f.yaml()).expect("write manifest");
        resources += f.docs.len();
    }
    (root, files.len(), resources)
}

/// What one run measured.
struct Run {
    wall: f64,
    cpu: Option<f64>,
    peak_mib: Option<f64>,
    summary: String,
}

fn field(report: &str, label: &str) -> Option<f64> {
    let line = report.lines().find(|l| l.trim_start().starts_with(label))?;
    line.rsplit(':').next()?.trim().parse().ok()
}

fn run(fstudio: &str, folder: &Path, one_core: bool, jobs: Option<&str>) -> Run {
    let timed = Path::new("/usr/bin/time").exists();
    let mut argv: Vec<String> = Vec::new();
    if one_core {
        argv.extend(["taskset".into(), "-c".into(), "0".into()]);
    }
    if timed {
        argv.extend(["/usr/bin/time".into(), "-v".into()]);
    }
    argv.extend([fstudio.into(), "validate".into(), "--format".into(), "json".into()]);
    if let Some(j) = jobs {
        argv.extend(["--jobs".into(), j.into()]);
    }
    argv.push(folder.display().to_string());
    let start = Instant::now();
    let out = Command::new(&argv[0]).args(&argv[1..]).output().expect("run fstudio");
    let wall = start.elapsed().as_secs_f64();
    let report = String::from_utf8_lossy(&out.stderr);
    let summary = serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .ok()
        .and_then(|v| v.get("summary").cloned())
        .map_or_else(|| format!("exit {:?}", out.status.code()), |s| s.to_string());
    let cpu = field(&report, "User time (seconds)")
        .zip(field(&report, "System time (seconds)"))
        .map(|(u, s)| u + s);
    let peak_mib = field(&report, "Maximum resident set size (kbytes)").map(|k| k / 1024.0);
    Run { wall, cpu, peak_mib, summary }
}

/// How many rules `--rules` lists (`--top N`, default 25).
fn rules_shown() -> usize {
    arg_after("--top").map_or(25, |n| n.parse().expect("--top N"))
}

/// Imports the repository of `n` resources in this process, one phase at a time, and
/// prints the time of each phase and of the slowest rules.
fn per_rule(n: usize, namespaces: usize) {
    let files: Vec<(String, String)> =
        gitops::repository(n, namespaces).iter().map(|f| (f.path.clone(), f.yaml())).collect();
    let secs = |t: Instant| t.elapsed().as_secs_f64();
    let t = Instant::now();
    let parsed: Vec<yaml::LoadResult> = files.iter().map(|(_, text)| yaml::load(text)).collect();
    let parse = secs(t);
    let t = Instant::now();
    let mut design = Design::new();
    for ((path, text), p) in files.iter().zip(parsed) {
        design_file::import_parsed(&mut design, path, text, p);
    }
    design.assign_scopes(None, None);
    let import = secs(t);
    let targets = Targets::of(&design, Default::default());
    let t = Instant::now();
    let mut cx = Context::new(&design, targets);
    let context = secs(t);
    // Every rule as `fstudio validate` runs them (a window of resources at a time).
    let t = Instant::now();
    let windowed = rules::run(&mut cx).len();
    let windowed_secs = secs(t);
    let cx = Context::new(&design, targets);
    let mut timings: Vec<(f64, &str, usize)> = rules::all()
        .map(|rule| {
            let t = Instant::now();
            let mut sink = Sink::new(rule);
            rule.check(&cx, &mut sink);
            let found = sink.into_findings().len();
            (secs(t), rule.id(), found)
        })
        .collect();
    timings.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = timings.iter().map(|t| t.0).sum();
    println!(
        "{} resources: parse {parse:.3} s, import {import:.3} s, context (graph + configs) \
         {context:.3} s, {} rules {windowed_secs:.3} s as validate runs them ({windowed} \
         findings), {total:.3} s one after another:",
        design.resources.len(),
        timings.len()
    );
    for (t, id, found) in timings.iter().take(rules_shown()) {
        println!("{id:>20} {t:>8.3} s {:>5.1} %  {found} findings", t / total * 100.0);
    }
}

fn main() {
    let namespaces: usize =
        arg_after("--namespaces").map_or(200, |n| n.parse().expect("--namespaces N"));
    let one_core = arg_after("--cores").is_some_and(|c| c == "1");
    let before = arg_after("--before");
    let flags = ["--namespaces", "--cores", "--before", "--jobs", "--top", "--repeat"];
    let repeat: usize = arg_after("--repeat").map_or(1, |n| n.parse().expect("--repeat N"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut sizes = Vec::new();
    for (i, a) in args.iter().enumerate() {
        let after_flag = i > 0 && flags.contains(&args[i - 1].as_str());
        if let (false, Ok(n)) = (after_flag, a.parse::<usize>()) {
            sizes.push(n);
        }
    }
    if sizes.is_empty() {
        sizes = vec![1_000, 5_000, 10_000, 50_000];
    }
    if args.iter().any(|a| a == "--rules") {
        for n in sizes {
            per_rule(n, namespaces);
        }
        return;
    }
    let jobs: Vec<Option<&str>> = match arg_after("--jobs").as_deref() {
        None => vec![None],
        Some("both") => vec![Some("1"), None],
        Some(j) => vec![Some(j.to_string().leak())],
    };
    let cores = if one_core { "1 core (taskset -c 0)".to_string() } else { "all cores".into() };
    println!("fstudio validate --format json, {namespaces} namespaces, {cores}");
    println!(
        "{:>9} {:>6} {:>7} {:>6} {:>9} {:>9} {:>9}  findings",
        "resources", "files", "binary", "jobs", "wall s", "cpu s", "peak MiB"
    );
    let mut binaries = vec![("after", env!("CARGO_BIN_EXE_fstudio").to_string())];
    if let Some(b) = before {
        binaries.insert(0, ("before", b));
    }
    // Median wall-clock time per (binary, jobs), by size, for the growth lines.
    let mut walls: Vec<(String, Vec<(usize, f64)>)> = Vec::new();
    for n in sizes {
        let (folder, files, resources) = write(n, namespaces);
        for j in &jobs {
            let mut runs: Vec<Vec<Run>> = binaries.iter().map(|_| Vec::new()).collect();
            for _ in 0..repeat.max(1) {
                for (b, (_, binary)) in binaries.iter().enumerate() {
                    runs[b].push(run(binary, &folder, one_core, *j));
                }
            }
            for ((label, _), runs) in binaries.iter().zip(runs) {
                let r = Median::of(&runs);
                let opt = |v: Option<f64>, digits: usize| {
                    v.map_or_else(|| "?".to_string(), |v| format!("{v:.digits$}"))
                };
                println!(
                    "{resources:>9} {files:>6} {label:>7} {:>6} {:>9.3} {:>9} {:>9}  {}",
                    j.unwrap_or("auto"),
                    r.wall,
                    opt(r.cpu, 2),
                    opt(r.peak_mib, 0),
                    runs[0].summary
                );
                let key = format!("{label}, jobs {}", j.unwrap_or("auto"));
                match walls.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, sizes)) => sizes.push((resources, r.wall)),
                    None => walls.push((key, vec![(resources, r.wall)])),
                }
            }
        }
        if !args.iter().any(|a| a == "--keep") {
            let _ = std::fs::remove_dir_all(&folder);
        }
    }
    for (key, sizes) in &walls {
        let Some(&(largest, top)) = sizes.last() else { continue };
        for &(n, wall) in &sizes[..sizes.len() - 1] {
            println!(
                "growth ({key}): time({largest}) / time({n}) = {:.1} for {:.1}x the resources",
                top / wall,
                largest as f64 / n as f64
            );
        }
    }
}

/// The medians of repeated runs (peak memory: the largest).
struct Median {
    wall: f64,
    cpu: Option<f64>,
    peak_mib: Option<f64>,
}

impl Median {
    fn of(runs: &[Run]) -> Self {
        let median = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied()
        };
        let cpu: Option<Vec<f64>> = runs.iter().map(|r| r.cpu).collect();
        Self {
            wall: median(runs.iter().map(|r| r.wall).collect()).unwrap_or(f64::NAN),
            cpu: cpu.and_then(median),
            peak_mib: runs.iter().filter_map(|r| r.peak_mib).reduce(f64::max),
        }
    }
}
