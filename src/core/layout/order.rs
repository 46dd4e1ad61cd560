//! Ordering inside rows: barycenter sweeps (each row sorted by the mean x of its nodes'
//! neighbours, alternately top-down and bottom-up, keeping the order with the fewest
//! crossings), then straightening (nodes of a row slide towards their neighbours' x while
//! keeping their order, spacing and the row's bounds).

use super::cluster::{STEP_X, STEP_Y};
use super::metrics::segments_cross;
use super::{NODE_HEIGHT, NODE_WIDTH};
use crate::core::design::Point;

/// Sweeps tried before keeping the best order.
const SWEEPS: usize = 6;
/// Passes of neighbour swaps after the sweeps.
const TRANSPOSE_PASSES: usize = 2;
/// Largest cluster refined by neighbour swaps (each swap recounts every crossing).
const TRANSPOSE_MAX_NODES: usize = 16;

/// One row of nodes (wrapped in a grid when longer than `columns`).
pub struct Part {
    /// Resource indices, in order.
    pub members: Vec<usize>,
    pub(super) left: f64,
    pub(super) width: f64,
    pub(super) columns: usize,
    pub(super) top: f64,
    /// Explicit x of each member once straightened (single-line rows only).
    pub(super) placed: Option<Vec<f64>>,
}

impl Part {
    /// A row of `members` in `[left, left + width]`, wrapping at `columns`, at `top`.
    pub fn new(members: Vec<usize>, left: f64, width: f64, columns: usize, top: f64) -> Self {
        Part { members, left, width, columns: columns.max(1), top, placed: None }
    }

    /// Top-left corner of each member.
    pub fn points(&self) -> impl Iterator<Item = (usize, Point)> + '_ {
        self.members.iter().enumerate().map(move |(k, &i)| {
            let (row, col) = (k / self.columns, k % self.columns);
            let x = match &self.placed {
                Some(xs) => xs[k],
                None => self.left + col as f64 * STEP_X,
            };
            (i, Point { x, y: self.top + row as f64 * STEP_Y })
        })
    }
}

/// Per-resource working state shared by every cluster (sized to the design, reset after
/// each cluster), so ordering needs no hashing.
pub struct Scratch {
    pub(super) x: Vec<f64>,
    pub(super) y: Vec<f64>,
    pub(super) part: Vec<usize>,
}

/// Marks a resource outside the cluster being laid out.
pub(super) const OUTSIDE: usize = usize::MAX;

impl Scratch {
    /// State for a design of `n` resources.
    pub fn new(n: usize) -> Self {
        Scratch { x: vec![0.0; n], y: vec![0.0; n], part: vec![OUTSIDE; n] }
    }

    fn load(&mut self, parts: &[Part]) {
        for (k, p) in parts.iter().enumerate() {
            self.store(p, k);
        }
    }

    pub(super) fn store(&mut self, part: &Part, k: usize) {
        for (i, pt) in part.points() {
            self.x[i] = pt.x;
            self.y[i] = pt.y;
            self.part[i] = k;
        }
    }

    fn clear(&mut self, parts: &[Part]) {
        for i in parts.iter().flat_map(|p| p.members.iter()) {
            self.part[*i] = OUTSIDE;
        }
    }

    /// Mean x of the neighbours of `i` in other parts of the cluster.
    pub(super) fn barycenter(&self, i: usize, neighbours: &[Vec<usize>]) -> Option<f64> {
        let (mut sum, mut count) = (0.0, 0usize);
        for &n in &neighbours[i] {
            if self.part[n] != OUTSIDE && self.part[n] != self.part[i] {
                sum += self.x[n];
                count += 1;
            }
        }
        (count > 0).then(|| sum / count as f64)
    }
}

/// Reorders every part by barycenter sweeps, keeping the order with the fewest crossings.
pub fn sweep(parts: &mut [Part], neighbours: &[Vec<usize>], s: &mut Scratch) {
    s.load(parts);
    let mut best: Vec<Vec<usize>> = parts.iter().map(|p| p.members.clone()).collect();
    let mut best_crossings = crossings(parts, neighbours, s);
    for round in 0..SWEEPS {
        if best_crossings == 0 {
            break;
        }
        let sequence: Vec<usize> = if round % 2 == 0 {
            (0..parts.len()).collect()
        } else {
            (0..parts.len()).rev().collect()
        };
        for p in sequence {
            let mut keyed: Vec<(f64, usize)> = parts[p]
                .members
                .iter()
                .map(|&i| (s.barycenter(i, neighbours).unwrap_or(s.x[i]), i))
                .collect();
            crate::core::sort::sort_by(&mut keyed, |a, b| a.0.total_cmp(&b.0));
            parts[p].members = keyed.into_iter().map(|(_, i)| i).collect();
            s.store(&parts[p], p);
        }
        let now = crossings(parts, neighbours, s);
        if now < best_crossings {
            best_crossings = now;
            best = parts.iter().map(|p| p.members.clone()).collect();
        }
    }
    for (k, (part, members)) in parts.iter_mut().zip(best).enumerate() {
        part.members = members;
        s.store(part, k);
    }
    let size: usize = parts.iter().map(|p| p.members.len()).sum();
    if size <= TRANSPOSE_MAX_NODES {
        transpose(parts, neighbours, s, best_crossings);
    }
    super::straighten::straighten(parts, neighbours, s);
    s.clear(parts);
}

/// Swaps neighbouring nodes of a row while that removes crossings (what barycenters
/// miss when they tie).
fn transpose(parts: &mut [Part], neighbours: &[Vec<usize>], s: &mut Scratch, mut now: usize) {
    for _ in 0..TRANSPOSE_PASSES {
        let mut improved = false;
        for p in 0..parts.len() {
            for k in 0..parts[p].members.len().saturating_sub(1) {
                if now == 0 {
                    return;
                }
                parts[p].members.swap(k, k + 1);
                s.store(&parts[p], p);
                let after = crossings(parts, neighbours, s);
                if after < now {
                    now = after;
                    improved = true;
                } else {
                    parts[p].members.swap(k, k + 1);
                    s.store(&parts[p], p);
                }
            }
        }
        if !improved {
            return;
        }
    }
}

/// Crossings between centre-to-centre segments of the cluster's neighbour pairs.
fn crossings(parts: &[Part], neighbours: &[Vec<usize>], s: &Scratch) -> usize {
    let mut segments: Vec<(usize, usize)> = Vec::new();
    for i in parts.iter().flat_map(|p| p.members.iter().copied()) {
        for &j in &neighbours[i] {
            if i < j && s.part[j] != OUTSIDE {
                segments.push((i, j));
            }
        }
    }
    let at = |i: usize| (s.x[i] + NODE_WIDTH / 2.0, s.y[i] + NODE_HEIGHT / 2.0);
    let mut count = 0;
    for (k, &(a, b)) in segments.iter().enumerate() {
        for &(c, d) in &segments[k + 1..] {
            let shared = a == c || a == d || b == c || b == d;
            if !shared && segments_cross(at(a), at(b), at(c), at(d)) {
                count += 1;
            }
        }
    }
    count
}
