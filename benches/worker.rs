//! What validation in a Web Worker costs the page (the main thread) per edit, on generated
//! designs: finding what changed (`Replicator::delta`) and writing it as JSON, then
//! reading the worker's reply (all findings). The worker's own time is the incremental
//! validator's (`cargo bench --bench core`).
//!
//! Run with `cargo bench --bench worker` (sizes as arguments, default 100 2000 10000).
//! Prints figures, not pass/fail: the page's share must stay far below the 50 ms input
//! budget (wasm runs roughly 1.5–2.5× slower than these native figures).

#[path = "support/timing.rs"]
mod timing;
use timing::{median, ms};

use std::hint::black_box;
use std::time::Instant;

use flink_studio::core::generate;
use flink_studio::core::replica::{Replicator, Reply, Request, ValidationService, findings_of};
use serde_json::json;

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![100, 2_000, 10_000] } else { sizes };
    println!(
        "{:>9} {:>12} {:>12} {:>10} {:>12} {:>10} {:>12} {:>12}",
        "resources",
        "no change",
        "one edit",
        "edit JSON",
        "reset",
        "reset JSON",
        "reply JSON",
        "read reply"
    );
    for n in sizes {
        let mut design = generate::design(n);
        let mid = design.resources.len() / 2;
        let mut replicator = Replicator::new();
        let start = Instant::now();
        let reset = replicator.delta(&design).expect("first delta");
        let reset_text = serde_json::to_string(&Request { seq: 1, delta: Some(reset), save: None })
            .expect("json");
        let reset_time = start.elapsed();
        let idle = median(
            (0..7)
                .map(|_| {
                    let t = Instant::now();
                    black_box(replicator.delta(&design));
                    t.elapsed()
                })
                .collect(),
        );
        let mut edit_text = String::new();
        let edit = median(
            (0..7)
                .map(|i| {
                    design.resources[mid].doc["metadata"]["labels"] = json!({ "run": i });
                    let t = Instant::now();
                    let delta = replicator.delta(&design).expect("an edit");
                    edit_text =
                        serde_json::to_string(&Request { seq: 2, delta: Some(delta), save: None })
                            .expect("json");
                    t.elapsed()
                })
                .collect(),
        );
        let mut service = ValidationService::new();
        let reply = service.handle_json(&reset_text);
        let read = median(
            (0..5)
                .map(|_| {
                    let t = Instant::now();
                    let r: Reply = serde_json::from_str(&reply).expect("reply");
                    black_box(findings_of(r.findings.unwrap_or_default()));
                    t.elapsed()
                })
                .collect(),
        );
        println!(
            "{:>9} {} {} {:>8} B {} {:>8} kB {:>9} kB {}",
            design.resources.len(),
            ms(idle),
            ms(edit),
            edit_text.len(),
            ms(reset_time),
            reset_text.len() / 1024,
            reply.len() / 1024,
            ms(read)
        );
    }
}
