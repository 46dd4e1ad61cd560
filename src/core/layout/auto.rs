//! The automatic layout: blocks (one per namespace frame, plus one for what stands
//! outside frames), dependency layers as rows inside each block, blocks shelf-packed.

use std::collections::{BTreeMap, HashMap};

use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use super::group::{environment_namespaces, frame_of, rank};
use super::{FRAME_HEADER, FRAME_PADDING, NODE_HEIGHT, NODE_WIDTH};
use crate::core::design::{Design, Point};
use crate::core::graph::Graph;
use crate::core::model::{Form, ResourceId};

/// Horizontal space between nodes.
const GAP_X: f64 = 32.0;
/// Vertical space between rows.
const GAP_Y: f64 = 56.0;
/// Space between blocks.
const BLOCK_GAP: f64 = 72.0;
/// Deepest layer a chain of references can push a resource to.
const MAX_LAYER: u32 = 16;

/// One block laid out at the origin: node offsets and its size (frame included).
struct Block {
    framed: bool,
    nodes: Vec<(usize, Point)>,
    width: f64,
    height: f64,
}

/// Automatic positions (top-left corners) of every resource, ignoring hand placement.
pub fn auto(design: &Design, graph: &Graph) -> HashMap<ResourceId, Point> {
    let res = &design.resources;
    let index: HashMap<ResourceId, usize> =
        res.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut targets: Vec<Vec<usize>> = vec![Vec::new(); res.len()];
    for e in (&graph.graph).edge_references() {
        let (from, to) = (graph.graph[e.source()], graph.graph[e.target()]);
        if let (Some(&f), Some(&t)) = (index.get(&from), index.get(&to)) {
            targets[f].push(t);
        }
    }
    let layers = layers(design, &targets);
    let namespaces = environment_namespaces(design);
    let mut blocks: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
    for (i, r) in res.iter().enumerate() {
        blocks.entry(frame_of(r, &namespaces)).or_default().push(i);
    }
    let laid: Vec<Block> = blocks
        .into_iter()
        .map(|(ns, members)| block(design, ns.is_some(), &members, &layers, &targets))
        .collect();
    pack(design, laid)
}

/// Dependency layer of each resource: its kind's rank, pushed below whatever it
/// references (studio nodes keep their rank: an operator watching a namespace is still
/// infrastructure). Bounded relaxation, so reference cycles terminate.
fn layers(design: &Design, targets: &[Vec<usize>]) -> Vec<u32> {
    let res = &design.resources;
    let mut layer: Vec<u32> = res.iter().map(|r| rank(r.kind)).collect();
    for _ in 0..MAX_LAYER {
        let mut changed = false;
        for (i, ts) in targets.iter().enumerate() {
            if res[i].form == Form::Studio {
                continue;
            }
            for &t in ts {
                let below = (layer[t] + 1).min(MAX_LAYER);
                if layer[i] < below {
                    layer[i] = below;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    layer
}

/// Lays out one block: a row per layer (wrapped at a width that keeps the block roughly
/// square), nodes ordered by where their targets sit, then by kind and name.
fn block(
    design: &Design,
    framed: bool,
    members: &[usize],
    layers: &[u32],
    targets: &[Vec<usize>],
) -> Block {
    let res = &design.resources;
    let columns = ((members.len() as f64).sqrt() * 1.5).ceil().clamp(4.0, 14.0) as usize;
    let mut by_layer: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &i in members {
        by_layer.entry(layers[i]).or_default().push(i);
    }
    let mut placed_x: HashMap<usize, f64> = HashMap::new();
    let mut nodes = Vec::with_capacity(members.len());
    let (mut row, mut used_columns) = (0usize, 0usize);
    for mut row_members in by_layer.into_values() {
        let centre = |i: usize| {
            let xs: Vec<f64> = targets[i].iter().filter_map(|t| placed_x.get(t)).copied().collect();
            if xs.is_empty() { f64::INFINITY } else { xs.iter().sum::<f64>() / xs.len() as f64 }
        };
        let mut keyed: Vec<(f64, usize)> = row_members.drain(..).map(|i| (centre(i), i)).collect();
        keyed.sort_by(|(ca, a), (cb, b)| {
            let (ra, rb) = (&res[*a], &res[*b]);
            ca.total_cmp(cb)
                .then(ra.kind.cmp(&rb.kind))
                .then(ra.name().cmp(rb.name()))
                .then(ra.id.cmp(&rb.id))
        });
        for chunk in keyed.chunks(columns) {
            for (col, (_, i)) in chunk.iter().enumerate() {
                let p = Point {
                    x: col as f64 * (NODE_WIDTH + GAP_X),
                    y: row as f64 * (NODE_HEIGHT + GAP_Y),
                };
                placed_x.insert(*i, p.x);
                nodes.push((*i, p));
            }
            used_columns = used_columns.max(chunk.len());
            row += 1;
        }
    }
    let content_w = used_columns as f64 * (NODE_WIDTH + GAP_X) - GAP_X;
    let content_h = row as f64 * (NODE_HEIGHT + GAP_Y) - GAP_Y;
    let (inset_x, inset_y) =
        if framed { (FRAME_PADDING, FRAME_PADDING + FRAME_HEADER) } else { (0.0, 0.0) };
    for (_, p) in &mut nodes {
        p.x += inset_x;
        p.y += inset_y;
    }
    let (width, height) = if framed {
        (content_w + 2.0 * FRAME_PADDING, content_h + 2.0 * FRAME_PADDING + FRAME_HEADER)
    } else {
        (content_w, content_h)
    };
    Block { framed, nodes, width, height }
}

/// Places the blocks: the unframed block across the top, frames shelf-packed below it
/// (left to right, wrapping at a width that keeps the picture roughly 16:9).
fn pack(design: &Design, blocks: Vec<Block>) -> HashMap<ResourceId, Point> {
    let area: f64 = blocks.iter().map(|b| (b.width + BLOCK_GAP) * (b.height + BLOCK_GAP)).sum();
    let widest = blocks.iter().map(|b| b.width).fold(0.0, f64::max);
    let shelf_width = (area * 16.0 / 9.0).sqrt().max(widest).max(1200.0);
    let mut out = HashMap::with_capacity(design.resources.len());
    let (mut x, mut y, mut shelf_height) = (0.0f64, 0.0f64, 0.0f64);
    for b in blocks {
        let new_shelf = !b.framed || (x > 0.0 && x + b.width > shelf_width);
        if new_shelf && shelf_height > 0.0 {
            y += shelf_height + BLOCK_GAP;
            x = 0.0;
            shelf_height = 0.0;
        }
        for (i, p) in &b.nodes {
            out.insert(design.resources[*i].id, Point { x: x + p.x, y: y + p.y });
        }
        shelf_height = shelf_height.max(b.height);
        x += b.width + BLOCK_GAP;
        if !b.framed {
            // Nothing sits beside the band of unframed nodes.
            x = f64::INFINITY;
        }
    }
    out
}
