//! Ports: where each edge leaves its source and enters its target — the side of each end
//! facing the other, the ports sharing a side spread along it in the order of their other
//! ends.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::super::route::{Port, Side, facing};
use super::super::{FRAME_HEADER, Rect};
use super::{End, Scene};
use crate::core::model::ResourceId;

/// Spacing of ports sharing a side.
const PORT_GAP: f64 = 20.0;

fn centre(r: &Rect) -> (f64, f64) {
    (r.x + r.width / 2.0, r.y + r.height / 2.0)
}

/// The point of `r` nearest to `p`.
fn nearest(r: &Rect, p: (f64, f64)) -> (f64, f64) {
    (p.0.clamp(r.x, r.right()), p.1.clamp(r.y, r.bottom()))
}

/// A sort key of an end (deterministic port order).
fn end_key(end: End) -> (u8, usize) {
    match end {
        End::Node(id) => (0, id.0 as usize),
        End::Frame(f) => (1, f),
        End::Stub(s) => (2, s),
    }
}

/// Where ports may lie along a side of an end: `(low, high)` along the side's axis.
fn span(
    scene: &Scene,
    index: &HashMap<ResourceId, usize>,
    end: End,
    rect: &Rect,
    side: Side,
) -> (f64, f64) {
    let vertical = matches!(side, Side::Top | Side::Bottom);
    let (lo, hi) = if vertical { (rect.x, rect.right()) } else { (rect.y, rect.bottom()) };
    match end {
        End::Node(id) => {
            let kind = index.get(&id).map(|&i| scene.nodes[i].kind);
            let radius = kind
                .map_or(0.0, |k| super::super::family::Family::of(k).radius())
                .min(rect.height / 2.0);
            if vertical {
                (lo + radius.max(16.0), hi - radius.max(16.0))
            } else {
                let mid = (lo + hi) / 2.0;
                let half = (rect.height / 2.0 - radius).max(0.0);
                (mid - half, mid + half)
            }
        }
        End::Frame(f) => {
            let title = scene.frames[f].title_rect;
            match side {
                Side::Top if title.right() + 16.0 < hi - 24.0 => (title.right() + 16.0, hi - 24.0),
                Side::Left | Side::Right => (lo + FRAME_HEADER + 8.0, hi - 16.0),
                _ => (lo + 24.0, hi - 24.0),
            }
        }
        End::Stub(_) => (lo + 8.0, hi - 8.0),
    }
}

/// Ports along one side: each as near as it can be to where its edge wants it, in order,
/// [`PORT_GAP`] apart.
fn spread(desired: &[f64], lo: f64, hi: f64) -> Vec<f64> {
    let n = desired.len();
    if n == 0 {
        return Vec::new();
    }
    let gap = if n > 1 { PORT_GAP.min((hi - lo).max(0.0) / (n - 1) as f64) } else { 0.0 };
    let mut out: Vec<f64> = desired.iter().map(|d| d.clamp(lo, hi)).collect();
    for k in 1..n {
        out[k] = out[k].max(out[k - 1] + gap);
    }
    for k in (0..n).rev() {
        let ceiling = hi - gap * (n - 1 - k) as f64;
        out[k] = out[k].min(ceiling);
        if k + 1 < n {
            out[k] = out[k].min(out[k + 1] - gap);
        }
    }
    out
}

/// The ports of the edges of `scene`: by (edge index, true for its source end).
pub(super) fn ports(
    scene: &Scene,
    index: &HashMap<ResourceId, usize>,
) -> FxHashMap<(usize, bool), Port> {
    // Ends, their rectangles and sides.
    let mut ends: Vec<Option<(Rect, Rect, Side, Side)>> = Vec::with_capacity(scene.edges.len());
    for e in &scene.edges {
        let a = scene.end_rect(End::Node(e.from), index);
        let b = scene.end_rect(e.to, index);
        ends.push(match (a, b) {
            (Some(a), Some(b)) => {
                let sa = facing(&a, nearest(&b, centre(&a)));
                let sb = facing(&b, nearest(&a, centre(&b)));
                Some((a, b, sa, sb))
            }
            _ => None,
        });
    }
    // Ports: the ends sharing a side spread along it, ordered like their other ends.
    // Per side of an end: (edge, is its source, where along the side it wants its port).
    type Wants = Vec<(usize, bool, f64)>;
    let mut sides: FxHashMap<(End, Side), Wants> = FxHashMap::default();
    for (k, (e, end)) in scene.edges.iter().zip(&ends).enumerate() {
        let Some((a, b, sa, sb)) = end else { continue };
        let along = |side: Side, other: &Rect, me: &Rect| {
            let p = nearest(other, centre(me));
            if matches!(side, Side::Top | Side::Bottom) { p.0 } else { p.1 }
        };
        sides.entry((End::Node(e.from), *sa)).or_default().push((k, true, along(*sa, b, a)));
        sides.entry((e.to, *sb)).or_default().push((k, false, along(*sb, a, b)));
    }
    let mut ports: FxHashMap<(usize, bool), Port> = FxHashMap::default();
    let mut keys: Vec<&(End, Side)> = sides.keys().collect();
    keys.sort_by_key(|(end, side)| (end_key(*end), *side as u8));
    for key in keys {
        let (end, side) = *key;
        let mut list = sides[key].clone();
        list.sort_by(|x, y| x.2.total_cmp(&y.2).then(x.0.cmp(&y.0)));
        let Some(rect) = scene.end_rect(end, index) else { continue };
        let (lo, hi) = span(scene, index, end, &rect, side);
        let at = spread(&list.iter().map(|l| l.2).collect::<Vec<_>>(), lo, hi.max(lo));
        for ((k, source, _), pos) in list.into_iter().zip(at) {
            let pos = pos.round();
            let point = match side {
                Side::Top => (pos, rect.y),
                Side::Bottom => (pos, rect.bottom()),
                Side::Left => (rect.x, pos),
                Side::Right => (rect.right(), pos),
            };
            ports.insert((k, source), Port { at: point, side });
        }
    }
    ports
}
