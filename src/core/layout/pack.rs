//! Placing the clusters and the band of unframed nodes: clusters ordered so that a
//! namespace comes after those it references, packed in shelves (rows) or towers
//! (columns), whichever drawing fits a laptop's canvas at the larger zoom; the band above
//! them, each node over the mean x of what it is connected to.

use std::collections::{BTreeMap, BTreeSet};

use super::NODE_WIDTH;
use super::cluster::{Block, GAP_Y, STEP_X, STEP_Y};
use crate::core::design::{Design, Point};

/// Space between clusters, and between the band and the clusters.
const BLOCK_GAP: f64 = 60.0;
/// The aspect ratio (width / height) of the canvas the packing aims to fill: what the
/// canvas leaves beside the side column on a laptop screen (about 1000 × 780 at 1440 × 900).
const TARGET_ASPECT: f64 = 1.3;
/// Shelf widths tried between the widest cluster and all clusters in one row.
const CANDIDATES: usize = 40;

/// Absolute positions of every resource, by index.
pub fn place(
    design: &Design,
    blocks: Vec<(Vec<usize>, Block)>,
    band: &[usize],
    layers: &[u32],
    neighbours: &[Vec<usize>],
    targets: &[Vec<usize>],
) -> Vec<Point> {
    let order = dependency_order(&blocks, targets, design.resources.len());
    let sizes: Vec<(f64, f64)> =
        order.iter().map(|&b| (blocks[b].1.width, blocks[b].1.height)).collect();
    let packing = best_packing(&sizes, band.len());
    let width = packing.width;
    let mut x_of: Vec<f64> = vec![f64::NAN; design.resources.len()];
    let mut placed: Vec<(usize, Point)> = Vec::with_capacity(design.resources.len());
    for (&b, corner) in order.iter().zip(packing.corners) {
        for &(i, p) in &blocks[b].1.nodes {
            x_of[i] = corner.x + p.x;
            placed.push((i, Point { x: corner.x + p.x, y: corner.y + p.y }));
        }
    }
    let band_points = band_layout(design, band, layers, neighbours, &mut x_of, width);
    let band_bottom = band_points.iter().map(|(_, p)| p.y + STEP_Y).fold(0.0, f64::max);
    let shift = if band_points.is_empty() { 0.0 } else { band_bottom - GAP_Y + BLOCK_GAP };
    let mut out = vec![Point { x: 0.0, y: 0.0 }; design.resources.len()];
    for (i, p) in band_points {
        out[i] = p;
    }
    for (i, p) in placed {
        out[i] = Point { x: p.x, y: p.y + shift };
    }
    out
}

/// Cluster indices, each after the clusters it references where cycles allow; ties keep
/// the namespace order.
fn dependency_order(
    blocks: &[(Vec<usize>, Block)],
    targets: &[Vec<usize>],
    n: usize,
) -> Vec<usize> {
    let mut cluster_of: Vec<Option<usize>> = vec![None; n];
    for (b, (members, _)) in blocks.iter().enumerate() {
        for &i in members {
            cluster_of[i] = Some(b);
        }
    }
    let mut deps: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); blocks.len()];
    for (i, a) in cluster_of.iter().enumerate() {
        let Some(a) = *a else { continue };
        for &t in &targets[i] {
            if let Some(b) = cluster_of[t].filter(|&b| b != a) {
                deps[a].insert(b);
            }
        }
    }
    let mut done = vec![false; blocks.len()];
    let mut order = Vec::with_capacity(blocks.len());
    while order.len() < blocks.len() {
        let pending = |b: usize| deps[b].iter().filter(|&&d| !done[d]).count();
        let next = (0..blocks.len()).filter(|&b| !done[b]).min_by_key(|&b| (pending(b), b));
        let Some(next) = next else { break };
        done[next] = true;
        order.push(next);
    }
    order
}

/// Top-left corners of blocks packed in shelves of at most `width`, and the size of the
/// whole.
fn shelves(sizes: &[(f64, f64)], width: f64) -> (Vec<Point>, f64, f64) {
    let (mut x, mut y, mut shelf_h, mut total_w) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    let mut corners = Vec::with_capacity(sizes.len());
    for &(w, h) in sizes {
        if x > 0.0 && x + w > width {
            y += shelf_h + BLOCK_GAP;
            x = 0.0;
            shelf_h = 0.0;
        }
        corners.push(Point { x, y });
        total_w = total_w.max(x + w);
        shelf_h = shelf_h.max(h);
        x += w + BLOCK_GAP;
    }
    (corners, total_w, y + shelf_h)
}

/// Top-left corners of blocks stacked in columns of at most `height` (each block in the
/// first column with room for it), and the size of the whole.
fn towers(sizes: &[(f64, f64)], height: f64) -> (Vec<Point>, f64, f64) {
    // Per column: left edge, width, filled height.
    let mut columns: Vec<(f64, f64, f64)> = Vec::new();
    let mut corners = Vec::with_capacity(sizes.len());
    for &(w, h) in sizes {
        let slot = columns.iter().position(|c| c.2 + BLOCK_GAP + h <= height);
        let k = match slot {
            Some(k) => k,
            None => {
                let x = columns.last().map_or(0.0, |c| c.0 + c.1 + BLOCK_GAP);
                columns.push((x, 0.0, -BLOCK_GAP));
                columns.len() - 1
            }
        };
        let c = &mut columns[k];
        let y = c.2 + BLOCK_GAP;
        corners.push(Point { x: c.0, y });
        c.2 = y + h;
        if w > c.1 {
            // A wider block widens its column: move the columns right of it.
            let grow = w - c.1;
            c.1 = w;
            for later in columns.iter_mut().skip(k + 1) {
                later.0 += grow;
            }
            let left = columns[k].0;
            for p in corners.iter_mut().filter(|p| p.x > left + 1e-6) {
                p.x += grow;
            }
        }
    }
    let width = columns.last().map_or(0.0, |c| c.0 + c.1);
    let total_h = columns.iter().map(|c| c.2).fold(0.0, f64::max);
    (corners, width, total_h)
}

/// A packing of the clusters: their corners and the width the band above them may use.
struct Packing {
    corners: Vec<Point>,
    width: f64,
}

/// The packing (in shelves, or in towers) whose drawing, band included, fits a canvas of
/// the target aspect at the largest zoom.
fn best_packing(sizes: &[(f64, f64)], band: usize) -> Packing {
    let widest = sizes.iter().map(|s| s.0).fold(NODE_WIDTH, f64::max);
    let tallest = sizes.iter().map(|s| s.1).fold(0.0, f64::max);
    let all_w: f64 = sizes.iter().map(|s| s.0 + BLOCK_GAP).sum::<f64>().max(widest);
    let all_h: f64 = sizes.iter().map(|s| s.1 + BLOCK_GAP).sum::<f64>().max(tallest);
    let score = |(_, w, h): &(Vec<Point>, f64, f64)| {
        let w = w.max(NODE_WIDTH);
        let per_row = ((w + STEP_X - NODE_WIDTH) / STEP_X).floor().max(1.0);
        let band_h = (band as f64 / per_row).ceil() * STEP_Y + BLOCK_GAP;
        let h = h + if band > 0 { band_h } else { 0.0 };
        (w / TARGET_ASPECT).max(h)
    };
    let steps = |lo: f64, hi: f64| {
        (0..=CANDIDATES).map(move |k| lo * (hi / lo.max(1.0)).powf(k as f64 / CANDIDATES as f64))
    };
    let mut best: Option<(f64, Packing)> = None;
    let mut consider = |packed: (Vec<Point>, f64, f64)| {
        let sc = score(&packed);
        if best.as_ref().is_none_or(|(b, _)| sc < *b - 1e-6) {
            let width = packed.1.max(NODE_WIDTH);
            best = Some((sc, Packing { corners: packed.0, width }));
        }
    };
    for width in steps(widest, all_w) {
        consider(shelves(sizes, width));
    }
    if tallest > 0.0 {
        for height in steps(tallest, all_h) {
            consider(towers(sizes, height));
        }
    }
    best.map(|(_, p)| p).unwrap_or(Packing { corners: Vec::new(), width: widest })
}

/// Rows of unframed nodes by layer, wrapped at `width`, each node over the mean x of its
/// neighbours already placed (`x_of`, which gains the band's nodes).
fn band_layout(
    design: &Design,
    band: &[usize],
    layers: &[u32],
    neighbours: &[Vec<usize>],
    x_of: &mut [f64],
    width: f64,
) -> Vec<(usize, Point)> {
    let mut rows: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &i in band {
        rows.entry(layers[i]).or_default().push(i);
    }
    let per_row = ((width + STEP_X - NODE_WIDTH) / STEP_X).floor().max(1.0) as usize;
    let right = (per_row as f64 - 1.0) * STEP_X;
    let mut out = Vec::with_capacity(band.len());
    let mut y = 0.0;
    for members in rows.into_values() {
        let desired = |i: usize| {
            let xs: Vec<f64> =
                neighbours[i].iter().map(|&n| x_of[n]).filter(|x| !x.is_nan()).collect();
            (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
        };
        let mut keyed: Vec<(Option<f64>, usize)> =
            members.iter().map(|&i| (desired(i), i)).collect();
        crate::core::sort::sort_by(&mut keyed, |(da, a), (db, b)| {
            let (ra, rb) = (&design.resources[*a], &design.resources[*b]);
            let (ka, kb) = (da.unwrap_or(f64::INFINITY), db.unwrap_or(f64::INFINITY));
            ka.total_cmp(&kb)
                .then(ra.kind.cmp(&rb.kind))
                .then(ra.name().cmp(rb.name()))
                .then(a.cmp(b))
        });
        for chunk in keyed.chunks(per_row) {
            let mut xs: Vec<f64> = Vec::with_capacity(chunk.len());
            for (k, (d, _)) in chunk.iter().enumerate() {
                let floor = if k == 0 { 0.0 } else { xs[k - 1] + STEP_X };
                xs.push(d.unwrap_or(floor).max(floor));
            }
            let mut ceiling = right;
            for v in xs.iter_mut().rev() {
                *v = v.min(ceiling);
                ceiling = *v - STEP_X;
            }
            let mut floor = 0.0f64;
            for v in xs.iter_mut() {
                *v = v.max(floor);
                floor = *v + STEP_X;
            }
            for (&(_, i), &x) in chunk.iter().zip(&xs) {
                x_of[i] = x;
                out.push((i, Point { x, y }));
            }
            y += STEP_Y;
        }
    }
    out
}
