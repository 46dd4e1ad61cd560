//! The automatic layout: one cluster per namespace frame (its resources in dependency
//! rows, plus the CMF-level objects only it uses as satellites beside it), clusters
//! ordered by the references between namespaces and packed towards a 16:10 drawing, and a
//! band above them for what belongs to no frame (studio nodes, cluster-scoped objects),
//! each placed over what it is connected to.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use super::NODE_HEIGHT;
use super::cluster;
use super::group::{environment_namespaces, frame_of, is_frame, rank};
use super::order::Scratch;
use super::pack;
use super::refine;
use crate::core::design::{Design, Point};
use crate::core::graph::Graph;
use crate::core::model::{Form, ResourceId};

/// Deepest layer a chain of references can push a resource to.
const MAX_LAYER: u32 = 16;
/// Rounds of spreading a satellite's frame along chains of unframed objects.
const ATTACH_ROUNDS: usize = 4;
/// Kind ranks sharing a starting row in the kind-band assignment: one rank per row.
const KIND_BANDS: u32 = 1;
/// Kind ranks sharing a starting row in the compact assignment (ranks 0–2, 3–5, 6–7).
const COMPACT_BANDS: u32 = 3;

/// Automatic positions (top-left corners) of every resource, ignoring hand placement.
pub fn auto(design: &Design, graph: &Graph) -> HashMap<ResourceId, Point> {
    let res = &design.resources;
    let index: HashMap<ResourceId, usize> =
        res.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let namespaces = environment_namespaces(design);
    let frames: Vec<Option<String>> = res.iter().map(|r| frame_of(r, &namespaces)).collect();
    // A namespace is its frame: it takes a slot only when nothing else is drawn in it, and
    // otherwise (an anchor) plays no part in ordering.
    let filled: BTreeSet<&str> = (0..res.len())
        .filter(|&i| !is_frame(res[i].kind))
        .filter_map(|i| frames[i].as_deref())
        .collect();
    let anchor = |i: usize| {
        is_frame(res[i].kind) && frames[i].as_deref().is_some_and(|ns| filled.contains(ns))
    };
    let mut targets: Vec<Vec<usize>> = vec![Vec::new(); res.len()];
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); res.len()];
    for e in (&graph.graph).edge_references() {
        let (from, to) = (graph.graph[e.source()], graph.graph[e.target()]);
        if let (Some(&f), Some(&t)) = (index.get(&from), index.get(&to))
            && f != t
            && !anchor(f)
            && !anchor(t)
        {
            targets[f].push(t);
            neighbours[f].push(t);
            neighbours[t].push(f);
        }
    }
    for n in &mut neighbours {
        n.sort_unstable();
        n.dedup();
    }
    let homes = attach(design, &frames, &neighbours);
    let mut clusters: BTreeMap<&str, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    let mut band = Vec::new();
    let mut anchors = Vec::new();
    for i in 0..res.len() {
        match (&frames[i], &homes[i]) {
            (Some(_), _) if anchor(i) => anchors.push(i),
            (Some(ns), _) => clusters.entry(ns).or_default().0.push(i),
            (None, Some(ns)) => clusters.entry(ns).or_default().1.push(i),
            (None, None) => band.push(i),
        }
    }
    let links = Links { targets: &targets, neighbours: &neighbours };
    let mut scratch = Scratch::new(res.len());
    // Two row assignments, and the drawing with the shorter edges wins: compact rows suit
    // small documentation diagrams, kind bands suit large regular designs.
    // The drawing that fits the canvas at a clearly larger zoom wins; else the one with
    // the shorter edges.
    let mut best: Option<(f64, f64, Vec<Point>)> = None;
    for band_size in [KIND_BANDS, COMPACT_BANDS] {
        let layers = layers(design, &targets, band_size);
        let at = arrange(design, &clusters, &band, &layers, &links, &mut scratch);
        let length = edge_length(&targets, &at);
        let size = fit_size(&at);
        let better = best.as_ref().is_none_or(|(s, l, _)| {
            size < *s * (1.0 - FIT_MARGIN)
                || (size <= *s * (1.0 + FIT_MARGIN) && length < *l - 1e-6)
        });
        if better {
            best = Some((size, length, at));
        }
    }
    let mut at = best.map(|(_, _, at)| at).unwrap_or_default();
    if res.len() <= refine::REFINE_MAX {
        let groups: Vec<Vec<usize>> = clusters
            .values()
            .flat_map(|(framed, side)| [framed.clone(), side.clone()])
            .chain([band.clone()])
            .collect();
        let regions = refine::regions(&groups, &at);
        refine::refine(design, graph, &targets, &mut at, &regions);
    }
    for i in anchors {
        // The top-left slot of the frame's content: where an emptied frame stays.
        let corner = clusters.get(frames[i].as_deref().unwrap_or_default()).and_then(|(f, _)| {
            let xs = f.iter().map(|&j| at[j].x).reduce(f64::min)?;
            let ys = f.iter().map(|&j| at[j].y).reduce(f64::min)?;
            Some(Point { x: xs, y: ys })
        });
        at[i] = corner.unwrap_or(Point { x: 0.0, y: 0.0 });
    }
    res.iter().zip(at).map(|(r, p)| (r.id, p)).collect()
}

/// References as index lists: what each resource references, and its neighbours.
struct Links<'a> {
    targets: &'a [Vec<usize>],
    neighbours: &'a [Vec<usize>],
}

/// Positions (by resource index) for one row assignment.
fn arrange(
    design: &Design,
    clusters: &BTreeMap<&str, (Vec<usize>, Vec<usize>)>,
    band: &[usize],
    layers: &[u32],
    links: &Links,
    scratch: &mut Scratch,
) -> Vec<Point> {
    let blocks: Vec<(Vec<usize>, cluster::Block)> = clusters
        .iter()
        .map(|(ns, (framed, side))| {
            let block =
                cluster::layout(design, ns, framed, side, layers, links.neighbours, scratch);
            (framed.iter().chain(side).copied().collect(), block)
        })
        .collect();
    pack::place(design, blocks, band, layers, links.neighbours, links.targets)
}

/// How much bigger one drawing must be than another to lose on size alone.
const FIT_MARGIN: f64 = 0.08;

/// The size a drawing needs on a canvas of the packing's target aspect (node boxes only).
fn fit_size(at: &[Point]) -> f64 {
    let b = super::Rect::around(at.iter().map(|p| super::Rect::node(*p)));
    b.map_or(0.0, |b| (b.width / 1.3).max(b.height))
}

/// Total length of the edges as drawn (top centre of the referencing node to the bottom
/// centre of the referenced one).
fn edge_length(targets: &[Vec<usize>], at: &[Point]) -> f64 {
    let mut total = 0.0;
    for (i, ts) in targets.iter().enumerate() {
        for &t in ts {
            total += (at[i].x - at[t].x).hypot(at[i].y - at[t].y - NODE_HEIGHT);
        }
    }
    total
}

/// Dependency layer of each resource: its kind's rank divided by `band_size` (1: a row
/// per rank; 3: infrastructure and environments, then workloads, then snapshots), pushed
/// one row below the deepest thing it references. Studio nodes keep the row of their
/// kind's rank in the band above the frames (an operator watching a namespace is still
/// infrastructure). Bounded relaxation, so reference cycles terminate.
fn layers(design: &Design, targets: &[Vec<usize>], band_size: u32) -> Vec<u32> {
    let res = &design.resources;
    let mut layer: Vec<u32> = res
        .iter()
        .map(|r| if r.form == Form::Studio { rank(r.kind) } else { rank(r.kind) / band_size })
        .collect();
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

/// The frame each unframed, non-studio resource is drawn beside: the one its neighbours
/// are most often in (ties to the first namespace by name), spread along chains of
/// unframed objects. `None` for studio nodes and objects connected to no frame.
fn attach(
    design: &Design,
    frames: &[Option<String>],
    neighbours: &[Vec<usize>],
) -> Vec<Option<String>> {
    let mut homes: Vec<Option<String>> = vec![None; frames.len()];
    for _ in 0..ATTACH_ROUNDS {
        let mut next = homes.clone();
        let mut changed = false;
        for (i, r) in design.resources.iter().enumerate() {
            if frames[i].is_some() || homes[i].is_some() || r.form == Form::Studio {
                continue;
            }
            let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
            for &n in &neighbours[i] {
                if let Some(ns) = frames[n].as_deref().or(homes[n].as_deref()) {
                    *votes.entry(ns).or_default() += 1;
                }
            }
            let best = votes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
            if let Some((ns, _)) = best {
                next[i] = Some(ns.to_string());
                changed = true;
            }
        }
        homes = next;
        if !changed {
            break;
        }
    }
    homes
}
