//! Benchmark of the canvas layout (`core::layout`) on generated designs.
//!
//! Run with `cargo bench --bench layout [-- SIZES…]`. Prints, per design size, the time of
//! the automatic layout (graph included, as on import) and of recomputing the namespace
//! frames from positions (what a drag does). Figures, not pass/fail.

use std::hint::black_box;
use std::time::{Duration, Instant};

use flink_studio::core::generate;
use flink_studio::core::graph::Graph;
use flink_studio::core::layout;

fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:>9.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![100, 2_000, 10_000];
    }
    println!(
        "{:>9} {:>12} {:>12} {:>12} {:>7}",
        "resources", "graph", "layout", "frames", "frames#"
    );
    for n in sizes {
        let design = generate::design(n);
        let runs = if n > 5_000 { 5 } else { 11 };
        let graph_time = median(runs, || Graph::build(&design));
        let graph = Graph::build(&design);
        let layout_time = median(runs, || layout::positions(&design, &graph));
        let positions = layout::positions(&design, &graph);
        let frames_time = median(runs, || layout::frames(&design, &positions));
        println!(
            "{:>9} {} {} {} {:>7}",
            design.resources.len(),
            ms(graph_time),
            ms(layout_time),
            ms(frames_time),
            layout::frames(&design, &positions).len()
        );
    }
}
