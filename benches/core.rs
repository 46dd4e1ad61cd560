//! Benchmarks of the rules core on generated designs (`core::generate`).
//!
//! Run with `cargo bench --bench core` (or `make bench`). Prints, per design size, the
//! time of each derivation the studio performs on an edit — graph, effective
//! configurations, full validation, kubectl export — and of an import of the same design
//! as YAML text. Figures, not pass/fail: targets are tracked in the README.

#[path = "support/timing.rs"]
mod timing;
use timing::median_of;

use std::hint::black_box;
use std::time::{Duration, Instant};

use flink_studio::core::config::effective_configs;
use flink_studio::core::design::Design;
use flink_studio::core::export::{self, ExportOptions};
use flink_studio::core::generate;
use flink_studio::core::graph::Graph;
use flink_studio::core::import::import_text;
use flink_studio::core::rules::{self, Validator};
use flink_studio::core::targets::Targets;

/// Peak resident memory of the process so far (`VmHWM`, Linux), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn ms(d: Duration) -> String {
    format!("{:>9.2} ms", d.as_secs_f64() * 1000.0)
}

/// Prints the slowest rules on a design of `n` resources.
fn per_rule(n: usize) {
    use flink_studio::core::rules::{Context, Sink};
    let design = generate::design(n);
    let start = Instant::now();
    let cx = Context::new(&design, Targets::default());
    println!("context (graph + configs): {}", ms(start.elapsed()));
    let mut timings: Vec<(Duration, &str)> = rules::all()
        .map(|rule| {
            let t = median_of(3, || {
                let mut sink = Sink::new(rule);
                rule.check(&cx, &mut sink);
                sink.into_findings().len()
            });
            (t, rule.id())
        })
        .collect();
    timings.sort_by(|a, b| b.cmp(a));
    let total: Duration = timings.iter().map(|t| t.0).sum();
    println!("all {} rules: {}", timings.len(), ms(total));
    for (t, id) in timings.iter().take(15) {
        println!("{id:>18} {}", ms(*t));
    }
}

/// Median time of "edit one resource, then re-validate incrementally" over `edits`
/// different resources (each edit changes a value in the resource's document).
fn incremental(design: &Design, targets: Targets, edits: usize) -> (Duration, Duration) {
    let mut d = design.clone();
    let mut v = Validator::new();
    v.run(&d, targets);
    let step = (d.resources.len() / edits).max(1);
    let mut samples = Vec::new();
    for (k, i) in (0..d.resources.len()).step_by(step).take(edits).enumerate() {
        let r = &mut d.resources[i];
        if let Some(m) = r.doc.as_object_mut() {
            m.insert("x-bench-edit".into(), serde_json::json!(k));
        }
        if let Some(labels) = r.doc.pointer_mut("/metadata") {
            labels["labels"] = serde_json::json!({"edit": k.to_string()});
        }
        let start = Instant::now();
        black_box(v.run(&d, targets));
        samples.push(start.elapsed());
    }
    samples.sort();
    let moved = {
        d.layout.insert(d.resources[0].id, flink_studio::core::design::Point { x: 1.0, y: 2.0 });
        let start = Instant::now();
        black_box(v.run(&d, targets));
        start.elapsed()
    };
    (samples[samples.len() / 2], moved)
}

/// Prints the findings on a design of `n` resources as JSON lines (to diff rule changes).
fn dump(n: usize) {
    let design = generate::design(n);
    for f in rules::validate(&design, Targets::default()) {
        println!("{}", serde_json::to_string(&f).expect("json"));
    }
}

fn main() {
    if let Some(n) = std::env::args().skip_while(|a| a != "--validate").nth(1) {
        let design = generate::design(n.parse().expect("--validate N"));
        println!("validate {}", ms(median_of(5, || rules::validate(&design, Targets::default()))));
        return;
    }
    // `--edits N`: a label edit of one resource of each kind, then re-validation, with
    // what the validator re-ran; `--renames N`: the same with a rename.
    let renames = std::env::args().any(|a| a == "--renames");
    let edits = std::env::args().skip_while(|a| a != "--edits" && a != "--renames").nth(1);
    if let Some(n) = edits {
        let design = generate::design(n.parse().expect("--edits N"));
        let (edit, moved) = incremental(&design, Targets::default(), 25);
        println!("edit+revalidate {}  move+revalidate {}", ms(edit), ms(moved));
        let mut d = design.clone();
        let mut v = Validator::new();
        v.run(&d, Default::default());
        let mut kinds = std::collections::BTreeSet::new();
        for i in 0..d.resources.len() {
            if !kinds.insert(d.resources[i].kind) {
                continue;
            }
            if renames {
                let name = format!("{}-renamed", d.resources[i].name());
                d.resources[i].doc["metadata"]["name"] = serde_json::json!(name);
            } else {
                d.resources[i].doc["metadata"]["labels"] = serde_json::json!({"edit": "1"});
            }
            let start = Instant::now();
            v.run(&d, Default::default());
            let s = v.stats();
            println!(
                "{:>24} {}: {} full {:?}, {} partial, {} reused, {} configs",
                format!("{:?}", d.resources[i].kind),
                ms(start.elapsed()),
                s.full.len(),
                s.full,
                s.partial.len(),
                s.reused,
                s.configs_recomputed
            );
        }
        return;
    }
    if let Some(n) = std::env::args().skip_while(|a| a != "--dump").nth(1) {
        dump(n.parse().expect("--dump N"));
        return;
    }
    if let Some(n) = std::env::args().skip_while(|a| a != "--save").nth(1) {
        // The generated design as a design file, for `fstudio validate` (two builds of
        // the binary can be compared on it; `--dump` needs this bench built from each).
        let design = generate::design(n.parse().expect("--save N"));
        print!("{}", flink_studio::core::design_file::save(&design, &format!("generated-{n}")));
        return;
    }
    if let Some(n) = std::env::args().skip_while(|a| a != "--rules").nth(1) {
        per_rule(n.parse().expect("--rules N"));
        return;
    }
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect::<Vec<_>>()
        .into_iter()
        .chain(std::iter::once(0))
        .take_while(|n| *n > 0)
        .collect();
    let sizes = if sizes.is_empty() { vec![100, 2_000, 10_000] } else { sizes };
    println!(
        "{:>9} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>9}",
        "resources",
        "import",
        "graph",
        "configs",
        "validate",
        "edit+reval",
        "move+reval",
        "export",
        "findings"
    );
    for n in sizes {
        let design = generate::design(n);
        let targets = Targets::default();
        let runs = if n > 5_000 { 3 } else { 7 };
        let graph = median_of(runs, || Graph::build(&design));
        let g = Graph::build(&design);
        let configs = median_of(runs, || effective_configs(&design, &g, &targets));
        let validate = median_of(runs, || rules::validate(&design, targets));
        let export = median_of(runs, || export::kubectl(&design, ExportOptions::default()));
        let text: String = design
            .resources
            .iter()
            .map(|r| format!("---\n{}", serde_json::to_string(&r.doc).expect("json")))
            .collect();
        let import = median_of(runs, || {
            let mut d = Design::new();
            import_text(&mut d, "bench.yaml", &text)
        });
        let findings = rules::validate(&design, targets).len();
        let (edit, moved) = incremental(&design, targets, if n > 5_000 { 5 } else { 9 });
        println!(
            "{:>9} {} {} {} {} {} {} {} {:>9} {:>9}",
            design.resources.len(),
            ms(import),
            ms(graph),
            ms(configs),
            ms(validate),
            ms(edit),
            ms(moved),
            ms(export),
            findings,
            peak_rss_mib().map_or_else(|| "?".to_string(), |m| format!("{m:.0}"))
        );
    }
}
