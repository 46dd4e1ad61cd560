//! Benchmark and quality report of the canvas layout (`core::layout`).
//!
//! Run with `cargo bench --bench layout [-- SIZES…] [--svg DIR]`. Prints, for every
//! template and for generated designs of each size, the time of the automatic layout
//! (graph included, as on import), of recomputing the namespace frames from positions
//! (what a drag does), and the quality of the drawing: edge crossings, total edge length,
//! node and frame overlaps, label collisions and aspect ratio. With `--svg DIR`, writes a
//! picture of every template (and of designs up to 300 resources) to DIR to judge by eye.
//! Then the cost of a drop that must not land on other nodes (`spots.rs`).
//! Figures, not pass/fail.

#[path = "layout/spots.rs"]
mod spots;
#[path = "support/timing.rs"]
mod timing;
use timing::median_of;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Duration;

use flink_studio::core::design::{Design, Point};
use flink_studio::core::graph::Graph;
use flink_studio::core::layout::{self, NODE_HEIGHT, NODE_WIDTH, Rect};
use flink_studio::core::model::ResourceId;
use flink_studio::core::{generate, templates};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

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
    let q = layout::quality(design, &graph, &positions);
    println!(
        "{name:<26} {n:>6} {} {} {} {:>9} {:>11.0} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6.2}",
        ms(graph_time),
        ms(layout_time),
        ms(frames_time),
        q.crossings,
        q.edge_length,
        q.node_overlaps,
        q.frame_overlaps,
        q.label_collisions,
        q.text_overflows,
        q.frame_intrusions,
        q.aspect(),
    );
    if let Some(dir) = svg_dir.filter(|_| n <= 300) {
        let path = format!("{dir}/{name}.svg");
        std::fs::write(&path, svg(design, &graph, &positions)).expect("write the picture");
    }
}

/// A plain picture of the drawing: frames, nodes (kind and name), edges and their labels.
fn svg(design: &Design, graph: &Graph, pos: &HashMap<ResourceId, Point>) -> String {
    let frames = layout::frames(design, pos);
    let b =
        layout::bounds(pos, &frames).unwrap_or(Rect { x: 0.0, y: 0.0, width: 1.0, height: 1.0 });
    let mut s = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='{} {} {} {}' width='{}' height='{}' \
         font-family='sans-serif'><rect x='{}' y='{}' width='100%' height='100%' fill='white'/>",
        b.x - 20.0,
        b.y - 20.0,
        b.width + 40.0,
        b.height + 40.0,
        b.width + 40.0,
        b.height + 40.0,
        b.x - 20.0,
        b.y - 20.0
    );
    for f in &frames {
        let r = f.rect;
        let _ = write!(
            s,
            "<rect x='{}' y='{}' width='{}' height='{}' fill='#eef3fb' stroke='#89a' rx='8'/>\
             <text x='{}' y='{}' font-size='13' fill='#456'>{}</text>",
            r.x,
            r.y,
            r.width,
            r.height,
            r.x + 10.0,
            r.y + 20.0,
            escape(&f.namespace)
        );
    }
    for r in &design.resources {
        let Some(p) = pos.get(&r.id) else { continue };
        let _ = write!(
            s,
            "<rect x='{}' y='{}' width='{NODE_WIDTH}' height='{NODE_HEIGHT}' fill='#fff' stroke='#333' rx='6'/>\
             <text x='{}' y='{}' font-size='11' fill='#777'>{:?}</text>\
             <text x='{}' y='{}' font-size='13'>{}</text>",
            p.x,
            p.y,
            p.x + 10.0,
            p.y + 22.0,
            r.kind,
            p.x + 10.0,
            p.y + 44.0,
            escape(r.name())
        );
    }
    let g = &graph.graph;
    for e in g.edge_references() {
        let (Some(p), Some(q)) = (pos.get(&g[e.source()]), pos.get(&g[e.target()])) else {
            continue;
        };
        let (x1, y1) = (p.x + NODE_WIDTH / 2.0, p.y);
        let (x2, y2) = (q.x + NODE_WIDTH / 2.0, q.y + NODE_HEIGHT);
        let bend = ((y1 - y2).abs() / 2.0).max(24.0);
        let field = escape(e.weight().field.rsplit('/').next().unwrap_or_default());
        let _ = write!(
            s,
            "<path d='M{x1} {y1} C{x1} {} {x2} {} {x2} {y2}' fill='none' stroke='#c60' \
             stroke-width='1.5'/><text x='{}' y='{}' font-size='10' text-anchor='middle' \
             fill='#555'>{field}</text>",
            y1 - bend,
            y2 + bend,
            (x1 + x2) / 2.0,
            (y1 + y2) / 2.0 - 3.0
        );
    }
    s.push_str("</svg>");
    s
}

/// Text made safe to place inside SVG markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\'', "&apos;")
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
        "{:<26} {:>6} {:>8} {:>8} {:>8} {:>9} {:>11} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "design",
        "res",
        "graph ms",
        "lay ms",
        "frm ms",
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
    for n in &sizes {
        report(&format!("generated-{n}"), &generate::design(*n), svg_dir.as_deref());
    }
    spots::header();
    for n in &sizes {
        spots::report(&format!("generated-{n}"), &generate::design(*n));
    }
}
