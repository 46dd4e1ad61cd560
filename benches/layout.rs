//! Benchmark and quality report of the canvas layout (`core::layout`).
//!
//! Run with `cargo bench --bench layout [-- SIZES…] [--svg DIR]`. Prints, for every
//! template and for generated designs of each size, the time of the automatic layout
//! (graph included, as on import), of recomputing the namespace frames from positions
//! (what a drag does), of drawing the whole design (`core::layout::scene`: routes, labels,
//! stubs) and of drawing what the canvas shows zoomed in (a 1280×720 view at 60 %), and
//! the quality of the whole drawing: edge crossings, total edge length, node and
//! frame overlaps, label overlaps, text overflows, edge–frame intrusions and aspect
//! ratio. With `--svg DIR`, writes the exported diagram of every template (and of designs
//! up to 300 resources) to DIR to judge by eye.
//! Then the cost of a drop that must not land on other nodes (`spots.rs`).
//! Figures, not pass/fail.

#[path = "layout/spots.rs"]
mod spots;
#[path = "support/timing.rs"]
mod timing;
use timing::median_of;

use std::time::Duration;

use flink_studio::core::design::Design;
use flink_studio::core::diagram::{self, DiagramOptions};
use flink_studio::core::graph::Graph;
use flink_studio::core::layout::{self, Rect, SceneOptions};
use flink_studio::core::{generate, import, templates};

fn ms(d: Duration) -> String {
    format!("{:>8.2}", d.as_secs_f64() * 1000.0)
}

fn report(name: &str, design: &Design, svg_dir: Option<&str>) {
    let n = design.resources.len();
    let runs = if n > 5_000 { 5 } else { 11 };
    let graph_time = median_of(runs, || Graph::build(design));
    let graph = Graph::build(design);
    let layout_time = median_of(runs, || layout::positions(design, &graph));
    let positions = layout::positions(design, &graph);
    let frames_time = median_of(runs, || layout::frames(design, &positions));
    let options = SceneOptions::default();
    let scene_time = median_of(runs.min(5), || layout::scene(design, &graph, &positions, options));
    // What the canvas draws zoomed in: the scene of a 1280×720 view at 60 % zoom.
    let middle = layout::bounds(&positions, &layout::frames(design, &positions)).map(|b| Rect {
        x: b.x + b.width / 2.0 - 1067.0,
        y: b.y + b.height / 2.0 - 600.0,
        width: 2134.0,
        height: 1200.0,
    });
    let view = SceneOptions { area: middle, ..options };
    let view_time = median_of(runs, || layout::scene(design, &graph, &positions, view));
    let scene = layout::scene(design, &graph, &positions, options);
    let q = layout::metrics::of_scene(design, &scene);
    println!(
        "{name:<26} {n:>6} {} {} {} {} {} {:>9} {:>11.0} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6.2}",
        ms(graph_time),
        ms(layout_time),
        ms(frames_time),
        ms(scene_time),
        ms(view_time),
        q.crossings,
        q.edge_length,
        q.node_overlaps,
        q.frame_overlaps,
        q.label_overlaps,
        q.text_overflows,
        q.frame_intrusions,
        q.aspect(),
    );
    if let Some(dir) = svg_dir.filter(|_| n <= 300) {
        let path = format!("{dir}/{name}.svg");
        let options =
            DiagramOptions { title: name.to_string(), legend: true, ..Default::default() };
        std::fs::write(&path, diagram::svg(&scene, &options)).expect("write the picture");
    }
}

/// Every manifest of `../shared/corpus` in one design (real files from several
/// repositories, many references to what is not in them), when the corpus is there.
fn shared_corpus() -> Option<Design> {
    let root = flink_studio::core::shared_material::dir()?.join("corpus");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in std::fs::read_dir(&root).ok()?.flatten() {
        for f in std::fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            let p = f.path();
            if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")) {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut design = Design::new();
    for f in &files {
        let text = std::fs::read_to_string(f).ok()?;
        import::import_text(&mut design, &f.display().to_string(), &text);
    }
    design.assign_scopes(None, None);
    Some(design)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let svg_dir = args.iter().position(|a| a == "--svg").and_then(|i| args.get(i + 1)).cloned();
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![100, 2_000, 10_000];
    }
    if let Some(dir) = &svg_dir {
        std::fs::create_dir_all(dir).expect("create the picture directory");
    }
    println!(
        "{:<26} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9} {:>11} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "design",
        "res",
        "graph ms",
        "lay ms",
        "frm ms",
        "draw ms",
        "view ms",
        "crossings",
        "edge length",
        "nodeov",
        "frmov",
        "labels",
        "text",
        "intr",
        "aspect"
    );
    for t in templates::TEMPLATES {
        report(t.id, &t.design().0, svg_dir.as_deref());
    }
    if let Some(corpus) = shared_corpus() {
        report("shared-corpus", &corpus, svg_dir.as_deref());
    }
    for n in &sizes {
        report(&format!("generated-{n}"), &generate::design(*n), svg_dir.as_deref());
    }
    spots::header();
    for n in &sizes {
        spots::report(&format!("generated-{n}"), &generate::design(*n));
    }
}
