//! The search for the nearest clear offset of a group of nodes.
//!
//! The offsets a group may not take form a union of open rectangles, one per (member,
//! nearby node) pair. The nearest point outside such a union has its x on a vertical edge
//! of one rectangle (or is 0) and its y on a horizontal edge (or is 0). So:
//! 1. the nearest clear offsets on the two axes (moving straight up/down or left/right)
//!    are found exactly by merging intervals along the node's column / row; they always
//!    exist (beyond the last node) and bound the answer;
//! 2. the candidates nearer than that bound are visited in order of distance (a heap over
//!    the sorted edge values), within a radius that doubles up to the bound. A work
//!    budget keeps a big group over a crowded area from blocking input: past it, the
//!    straight move of step 1 is the answer. Deterministic: ties go to the smaller `|x|`,
//!    then negative before positive.

use std::cell::Cell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{EPS, Occupancy, SPAN_X, SPAN_Y, around, column, row};
use crate::core::design::Point;

/// Start radius of the search: about two nodes.
const START_RADIUS: f64 = 2.0 * SPAN_X;
/// Most forbidden rectangles gathered in one round of step 2.
const RECT_BUDGET: usize = 10_000;
/// Most position checks (member × candidate) in step 2.
const CHECK_BUDGET: usize = 40_000;

pub(super) fn free_offset(occ: &Occupancy, group: &[Point]) -> Point {
    let group: Vec<Point> =
        group.iter().copied().filter(|p| p.x.is_finite() && p.y.is_finite()).collect();
    let zero = Point { x: 0.0, y: 0.0 };
    // The member that blocked the last candidate is checked first: blocked candidates
    // come in runs.
    let (witness, checks) = (Cell::new(0), Cell::new(0usize));
    let clear = |d: Point| {
        let free = |i: usize| {
            checks.set(checks.get() + 1);
            let p = group[i];
            occ.is_free(Point { x: p.x + d.x, y: p.y + d.y })
        };
        let w = witness.get();
        if !free(w) {
            return false;
        }
        match (0..group.len()).filter(|i| *i != w).find(|i| !free(*i)) {
            Some(i) => {
                witness.set(i);
                false
            }
            None => true,
        }
    };
    if group.is_empty() || occ.is_empty() || clear(zero) {
        return zero;
    }
    let vertical = Point { x: 0.0, y: nearest_free(straight(occ, &group, true)) };
    let horizontal = Point { x: nearest_free(straight(occ, &group, false)), y: 0.0 };
    let bound = if horizontal.x.abs() < vertical.y.abs() { horizontal } else { vertical };
    let limit = bound.x.abs() + bound.y.abs();
    let mut radius = START_RADIUS.min(limit);
    loop {
        match nearest_within(occ, &group, radius, &clear, &checks) {
            Found::Yes(d) => return d,
            Found::Budget => return bound,
            Found::No if radius >= limit => return bound,
            Found::No => radius = (radius * 2.0).min(limit),
        }
    }
}

/// Forbidden intervals of a straight move: of `dy` (with `dx = 0`) when `vertical`, else
/// of `dx`. Each is open: a node exactly at the gap is clear.
fn straight(occ: &Occupancy, group: &[Point], vertical: bool) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for p in group {
        let (lines, index, across, along, span, reach) = if vertical {
            (&occ.columns, column(p.x), p.x, p.y, SPAN_Y, SPAN_X)
        } else {
            (&occ.rows, row(p.y), p.y, p.x, SPAN_X, SPAN_Y)
        };
        for q in around(index).filter_map(|i| lines.get(&i)).flatten() {
            let (q_across, q_along) = if vertical { (q.x, q.y) } else { (q.y, q.x) };
            if (q_across - across).abs() < reach - EPS {
                out.push((q_along - along - span, q_along - along + span));
            }
        }
    }
    out
}

/// The value nearest to 0 outside every open interval (negative first on a tie).
fn nearest_free(mut intervals: Vec<(f64, f64)>) -> f64 {
    crate::core::sort::sort_by(&mut intervals, |a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (lo, hi) in intervals {
        match merged.last_mut() {
            Some(last) if lo < last.1 => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    match merged.iter().find(|(lo, hi)| *lo < 0.0 && 0.0 < *hi) {
        Some((lo, hi)) if -lo <= *hi => *lo,
        Some((_, hi)) => *hi,
        None => 0.0,
    }
}

enum Found {
    Yes(Point),
    No,
    Budget,
}

/// The nearest clear offset within `radius` (strictly nearer than the straight bound is
/// the caller's business: `radius` never exceeds it).
fn nearest_within(
    occ: &Occupancy,
    group: &[Point],
    radius: f64,
    clear: &impl Fn(Point) -> bool,
    checks: &Cell<usize>,
) -> Found {
    let (rx, ry) = (radius + SPAN_X, radius + SPAN_Y);
    let (mut xs, mut ys, mut rects) = (vec![0.0], vec![0.0], 0usize);
    for p in group {
        occ.near(*p, rx, ry, |q| {
            xs.extend([q.x - p.x - SPAN_X, q.x - p.x + SPAN_X]);
            ys.extend([q.y - p.y - SPAN_Y, q.y - p.y + SPAN_Y]);
            rects += 1;
        });
        if rects > RECT_BUDGET {
            return Found::Budget;
        }
    }
    let xs = by_distance(xs, radius);
    let ys = by_distance(ys, radius);
    let d2 = |i: usize, j: usize| (xs[i] * xs[i] + ys[j] * ys[j]).to_bits();
    let mut heap: BinaryHeap<Reverse<(u64, usize, usize)>> =
        (0..xs.len()).map(|i| Reverse((d2(i, 0), i, 0))).collect();
    let limit = (radius * radius).to_bits();
    while let Some(Reverse((dist, i, j))) = heap.pop() {
        if dist > limit {
            return Found::No;
        }
        if checks.get() > CHECK_BUDGET {
            return Found::Budget;
        }
        let d = Point { x: xs[i], y: ys[j] };
        if clear(d) {
            return Found::Yes(d);
        }
        if j + 1 < ys.len() {
            heap.push(Reverse((d2(i, j + 1), i, j + 1)));
        }
    }
    Found::No
}

/// The values within `radius` of zero, nearest first (negative first on a tie), once each.
/// (Squared distances, non-negative, order like their bit patterns.)
fn by_distance(mut values: Vec<f64>, radius: f64) -> Vec<f64> {
    values.retain(|v| v.abs() <= radius);
    crate::core::sort::sort_by(&mut values, |a, b| {
        a.abs().total_cmp(&b.abs()).then(a.total_cmp(b))
    });
    values.dedup();
    values
}
