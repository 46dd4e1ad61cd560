//! Figures for free spots (`layout::Occupancy`): what a drop on the canvas costs.
//!
//! For a laid-out design, drops a node (and groups of 10 and 100 nodes, as a
//! multi-selection drag does) onto other nodes spread over the design, as the studio does
//! at the end of a drag: build the occupancy of the nodes that stay, then search the
//! nearest clear offset. Prints the median and the worst drop and how far drops were
//! nudged.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use flink_studio::core::design::{Design, Point};
use flink_studio::core::graph::Graph;
use flink_studio::core::layout::{self, Occupancy};
use flink_studio::core::model::ResourceId;

/// Header of the table printed by [`report`].
pub fn header() {
    println!(
        "\n{:<26} {:>6} {:>6} {:>8} {:>9} {:>9} {:>10}",
        "free spots", "res", "group", "drops", "median ms", "worst ms", "mean nudge"
    );
}

/// Times drops of groups of 1, 10 and 100 nodes onto nodes spread over `design`.
pub fn report(name: &str, design: &Design) {
    let graph = Graph::build(design);
    let positions = layout::positions(design, &graph);
    let mut ids: Vec<ResourceId> = positions.keys().copied().collect();
    ids.sort();
    let n = ids.len();
    for size in [1, 10, 100].into_iter().filter(|s| s * 4 <= n) {
        let drops = if size == 100 { 20 } else { 100 };
        let (mut times, mut nudge) = (Vec::new(), 0.0);
        for k in 0..drops {
            // A run of `size` neighbours (consecutive ids lie close together) dropped so
            // that its first node lands exactly on a node far away in the id order.
            let start = (k * 7919) % (n - size);
            let group = &ids[start..start + size];
            let target = positions[&ids[(start + n / 2) % n]];
            let first = positions[&group[0]];
            let (dx, dy) = (target.x - first.x, target.y - first.y);
            let moved: Vec<(ResourceId, Point)> = group
                .iter()
                .map(|id| (*id, Point { x: positions[id].x + dx, y: positions[id].y + dy }))
                .collect();
            let t = Instant::now();
            let moving: HashSet<ResourceId> = group.iter().copied().collect();
            let occupied = Occupancy::excluding(&positions, &moving);
            let wanted: Vec<Point> = moved.iter().map(|(_, p)| *p).collect();
            let d = occupied.free_offset(&wanted);
            times.push(t.elapsed());
            nudge += d.x.hypot(d.y);
            check(&positions, &moving, &wanted, d);
        }
        times.sort();
        println!(
            "{name:<26} {n:>6} {size:>6} {drops:>8} {:>9.3} {:>9.3} {:>10.1}",
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1]),
            nudge / drops as f64
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Fails loudly if a drop was left on another node (a figure about a wrong answer is
/// worthless).
fn check(
    positions: &HashMap<ResourceId, Point>,
    moving: &HashSet<ResourceId>,
    wanted: &[Point],
    d: Point,
) {
    let gap = layout::NODE_GAP;
    for p in wanted {
        let p = Point { x: p.x + d.x, y: p.y + d.y };
        for (id, q) in positions {
            let apart = (p.x - q.x).abs() >= layout::NODE_WIDTH + gap - 1e-6
                || (p.y - q.y).abs() >= layout::NODE_HEIGHT + gap - 1e-6;
            assert!(moving.contains(id) || apart, "dropped node at {p:?} overlaps {q:?}");
        }
    }
}
