//! Straightening: the nodes of each single-line row slide towards the mean x of their
//! neighbours (top-down, then bottom-up), keeping their order, spacing and the row's
//! bounds, and stepping aside from edges that pass through the row on their way to a
//! farther row, so that no edge seems to end on a node it does not reach.

use super::cluster::STEP_X;
use super::order::{OUTSIDE, Part, Scratch};
use super::{NODE_HEIGHT, NODE_WIDTH};

/// Clearance kept between a passing edge and a node's side.
const CLEARANCE: f64 = 16.0;

/// Straightens every single-line part of a cluster loaded in `s`.
pub fn straighten(parts: &mut [Part], neighbours: &[Vec<usize>], s: &mut Scratch) {
    let sequence: Vec<usize> = (0..parts.len()).chain((0..parts.len()).rev()).collect();
    for p in sequence {
        let part = &parts[p];
        if part.members.len() > part.columns {
            continue;
        }
        let desired: Vec<f64> =
            part.members.iter().map(|&i| s.barycenter(i, neighbours).unwrap_or(s.x[i])).collect();
        let passing = passing_edges(parts, p, neighbours, s);
        let right = part.left + part.width - NODE_WIDTH;
        parts[p].placed = place(&desired, part.left, right, &passing)
            .or_else(|| place(&desired, part.left, right, &[]));
        s.store(&parts[p], p);
    }
}

/// Lefts of a row's nodes in order, each as near its desired x as spacing, bounds and the
/// passing edges (`passing`, sorted centre x) allow; `None` when they do not fit.
fn place(desired: &[f64], left: f64, right: f64, passing: &[f64]) -> Option<Vec<f64>> {
    let mut placed: Vec<f64> = Vec::with_capacity(desired.len());
    for (k, d) in desired.iter().enumerate() {
        let floor = if k == 0 { left } else { placed[k - 1] + STEP_X };
        placed.push(clear_of(d.clamp(floor, right.max(floor)), floor, passing));
    }
    let mut ceiling = right;
    for v in placed.iter_mut().rev() {
        *v = v.min(ceiling);
        ceiling = *v - STEP_X;
    }
    let fits = placed.first().is_none_or(|x| *x >= left - 1e-6);
    let clear = placed.iter().all(|x| blocked(*x, passing).is_none());
    (fits && clear).then_some(placed)
}

/// The passing edge a node whose left is `x` would sit on, if any.
fn blocked(x: f64, passing: &[f64]) -> Option<f64> {
    passing.iter().copied().find(|&e| e > x - CLEARANCE && e < x + NODE_WIDTH + CLEARANCE)
}

/// The left nearest `x`, not below `floor`, that no passing edge crosses.
fn clear_of(mut x: f64, floor: f64, passing: &[f64]) -> f64 {
    for _ in 0..=passing.len() {
        let Some(e) = blocked(x, passing) else { return x };
        let (to_left, to_right) = (e - CLEARANCE - NODE_WIDTH, e + CLEARANCE);
        x = if to_left >= floor && blocked(to_left, passing).is_none() && x - to_left < to_right - x
        {
            to_left
        } else {
            to_right
        };
    }
    x
}

/// Centre x, at the height of part `p`, of the cluster's edges that pass over it between
/// rows above and below it; sorted.
fn passing_edges(parts: &[Part], p: usize, neighbours: &[Vec<usize>], s: &Scratch) -> Vec<f64> {
    let y = parts[p].top;
    let mut out = Vec::new();
    for (k, other) in parts.iter().enumerate() {
        if k == p || other.top >= y {
            continue;
        }
        for &i in &other.members {
            for &j in &neighbours[i] {
                if s.y[i] >= y || s.part[j] == OUTSIDE || s.y[j] <= y {
                    continue;
                }
                let (ax, ay) = (s.x[i] + NODE_WIDTH / 2.0, s.y[i] + NODE_HEIGHT / 2.0);
                let (bx, by) = (s.x[j] + NODE_WIDTH / 2.0, s.y[j] + NODE_HEIGHT / 2.0);
                let t = (y + NODE_HEIGHT / 2.0 - ay) / (by - ay);
                out.push(ax + t * (bx - ax));
            }
        }
    }
    crate::core::sort::sort_by(&mut out, f64::total_cmp);
    out
}
