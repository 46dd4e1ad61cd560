//! Benchmarks of the editing core (`core::edit`, `core::connect`, `core::share`) on
//! generated designs: what one user gesture costs before any re-validation.
//!
//! Run with `cargo bench --bench edit` (sizes as arguments, default 100 2000 10000).
//! Prints figures, not pass/fail: a drag step (Move) and a keystroke (SetField) must stay
//! far below the 50 ms input budget at 10,000 resources.

#[path = "support/timing.rs"]
mod timing;
use timing::{median, ms};

use std::hint::black_box;
use std::time::{Duration, Instant};

use flink_studio::core::connect::targets_for;
use flink_studio::core::design::{Design, Point};
use flink_studio::core::edit::{Edit, History};
use flink_studio::core::generate;
use flink_studio::core::share;
use serde_json::json;

/// Median of `runs` timings of `f` on a fresh copy of `design` (copy not timed).
fn time(runs: usize, design: &Design, mut f: impl FnMut(&mut Design, &mut History)) -> Duration {
    let samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let mut d = design.clone();
            let mut h = History::default();
            let start = Instant::now();
            f(&mut d, &mut h);
            black_box(&d);
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![100, 2_000, 10_000] } else { sizes };
    println!(
        "{:>9} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}",
        "resources", "move", "set field", "undo", "duplicate", "drop targets", "share"
    );
    for n in sizes {
        let design = generate::design(n);
        let mid = design.resources[design.resources.len() / 2].id;
        let runs = 7;
        let apply = |d: &mut Design, h: &mut History, e: Edit| {
            h.apply(d, e, true).expect("edit applies");
        };
        let moved = time(runs, &design, |d, h| {
            apply(d, h, Edit::Move { positions: vec![(mid, Point { x: 1.0, y: 2.0 })] })
        });
        let set = Edit::SetField {
            id: mid,
            pointer: "/metadata/labels/team".into(),
            value: Some(json!("payments")),
        };
        let set_field = time(runs, &design, |d, h| apply(d, h, set.clone()));
        let mut edited = design.clone();
        let mut history = History::default();
        history.apply(&mut edited, set.clone(), false).expect("edit applies");
        let undo = {
            let mut samples: Vec<Duration> = (0..runs)
                .map(|_| {
                    let (mut d, mut h) = (edited.clone(), history.clone());
                    let start = Instant::now();
                    h.undo(&mut d);
                    start.elapsed()
                })
                .collect();
            samples.sort();
            samples[runs / 2]
        };
        let duplicate = time(runs, &design, |d, h| apply(d, h, Edit::Duplicate { ids: vec![mid] }));
        let targets = time(runs, &design, |d, _| {
            black_box(targets_for(d, mid));
        });
        let share = time(runs, &design, |d, _| {
            black_box(share::encode(d, "bench").map(|s| s.payload.len()).ok());
        });
        println!(
            "{:>9} {} {} {} {} {} {}",
            design.resources.len(),
            ms(moved),
            ms(set_field),
            ms(undo),
            ms(duplicate),
            ms(targets),
            ms(share)
        );
    }
}
