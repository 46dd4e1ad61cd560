//! The drawing of a design: what the canvas, the exported diagram and the quality metrics
//! all draw, computed once here so they cannot disagree.
//!
//! Frames are the namespaces (titled with their name and how many resources they hold);
//! nodes carry their fitted text; each edge runs orthogonally from a port on its source's
//! border to one on its target's — a node, a namespace's frame, or the stub standing for
//! a missing target — around every node and every frame it does not enter; labels sit
//! beside their edge on free space. What the [`Layers`] hide is left out, and a scene can
//! be limited to an area (the canvas routes only what is in view).

use std::collections::HashMap;

use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use rustc_hash::{FxHashMap, FxHashSet};

use super::labels::{self, label_size, label_text};
use super::layers::Layers;
use super::node::{NodeText, node_text};
use super::route::{self, CLEARANCE, Port, Side, facing, inflate};
use super::stubs::{self, Stub};
use super::text::{self, Weight};
use super::{FRAME_HEADER, Frame, Rect, fit_frame_title, frame_of, frames_of, is_frame};
use crate::core::design::{Design, Point};
use crate::core::graph::{EdgeKind, Graph};
use crate::core::model::{Kind, ResourceId};

pub use super::{TITLE_BASELINE, TITLE_SIZE, TITLE_X};
/// Spacing of ports sharing a side.
const PORT_GAP: f64 = 20.0;
/// Cell of the obstacle index.
const CELL: f64 = 512.0;
/// More edges than this, and a limited scene routes with bounded searches.
const BIG_DESIGN: usize = 400;
/// A limited scene routes the edges with an end this near its area.
const ROUTE_MARGIN: f64 = 200.0;

/// A namespace frame as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneFrame {
    /// The frame.
    pub frame: Frame,
    /// Its title as drawn (fitted to the frame).
    pub title: String,
    /// The title's box (for collisions).
    pub title_rect: Rect,
}

/// A node as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneNode {
    /// The resource.
    pub id: ResourceId,
    /// Its kind.
    pub kind: Kind,
    /// Where it is drawn.
    pub rect: Rect,
    /// Index of the frame it is drawn in.
    pub frame: Option<usize>,
    /// Caption and name (`None` for nodes outside a limited scene's area).
    pub text: Option<NodeText>,
}

/// What an edge ends at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum End {
    /// A node.
    Node(ResourceId),
    /// A namespace's frame (index into [`Scene::frames`]).
    Frame(usize),
    /// A missing target (index into [`Scene::stubs`]).
    Stub(usize),
}

/// An edge as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneEdge {
    /// The referencing resource.
    pub from: ResourceId,
    /// What it references.
    pub to: End,
    /// Meaning.
    pub kind: EdgeKind,
    /// JSON Pointer of the referencing field (`""` when implied).
    pub field: String,
    /// Corners of the route, from the source's port to the target's.
    pub points: Vec<(f64, f64)>,
    /// Label text and box, when labels are shown and the edge has room for one.
    pub label: Option<(String, Rect)>,
    /// Fields of further references drawn as this one edge (same source and target).
    pub also: Vec<String>,
}

/// A drawing of a design.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scene {
    /// Namespace frames.
    pub frames: Vec<SceneFrame>,
    /// Nodes.
    pub nodes: Vec<SceneNode>,
    /// Edges, resolved ones first (graph order), then those to stubs.
    pub edges: Vec<SceneEdge>,
    /// Missing targets.
    pub stubs: Vec<Stub>,
}

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneOptions {
    /// Layers shown.
    pub layers: Layers,
    /// Only route and label edges near this area, and fit text only of nodes in it.
    pub area: Option<Rect>,
    /// Route the edges (off: frames, nodes and stubs only, e.g. to fit the view).
    pub edges: bool,
}

impl Default for SceneOptions {
    fn default() -> Self {
        Self { layers: Layers::ALL, area: None, edges: true }
    }
}

impl Scene {
    /// The rectangle around everything drawn.
    pub fn bounds(&self) -> Option<Rect> {
        Rect::around(
            self.nodes
                .iter()
                .map(|n| n.rect)
                .chain(self.frames.iter().map(|f| f.frame.rect))
                .chain(self.stubs.iter().map(|s| s.rect))
                .chain(self.edges.iter().filter_map(|e| e.label.as_ref().map(|l| l.1))),
        )
    }

    /// The rectangle of an edge end.
    pub fn end_rect(&self, end: End, nodes: &HashMap<ResourceId, usize>) -> Option<Rect> {
        match end {
            End::Node(id) => nodes.get(&id).map(|&i| self.nodes[i].rect),
            End::Frame(f) => self.frames.get(f).map(|f| f.frame.rect),
            End::Stub(s) => self.stubs.get(s).map(|s| s.rect),
        }
    }

    /// Index of each node by resource id.
    pub fn node_index(&self) -> HashMap<ResourceId, usize> {
        self.nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect()
    }
}

/// The drawing of `design` at `positions` (automatic or hand-placed, namespaces included).
pub fn scene(
    design: &Design,
    graph: &Graph,
    positions: &HashMap<ResourceId, Point>,
    options: SceneOptions,
) -> Scene {
    drawn(&unrouted(design, graph, positions, options.layers), design, options)
}

/// What a scene is before it is drawn for an area: frames, nodes (without text), the
/// edges (not routed yet) and the stubs, placed. It does not depend on the area, so a
/// canvas computes it once per change and draws every view of it with [`drawn`].
pub fn unrouted(
    design: &Design,
    graph: &Graph,
    positions: &HashMap<ResourceId, Point>,
    layers: Layers,
) -> Scene {
    let frames = frames_of(design, positions, |r| layers.shows(r.kind));
    let frame_index: HashMap<&str, usize> =
        frames.iter().enumerate().map(|(i, f)| (f.namespace.as_str(), i)).collect();
    let namespaces = super::environment_namespaces(design);
    let mut scene =
        Scene { frames: frames.iter().cloned().map(titled).collect(), ..Scene::default() };
    for r in &design.resources {
        if is_frame(r.kind) || !layers.shows(r.kind) {
            continue;
        }
        let Some(p) = positions.get(&r.id) else { continue };
        let rect = Rect::node(*p);
        let frame = frame_of(r, &namespaces).and_then(|ns| frame_index.get(ns.as_str()).copied());
        scene.nodes.push(SceneNode { id: r.id, kind: r.kind, rect, frame, text: None });
    }
    let index = scene.node_index();
    // Targets by id; a name is read (a JSON lookup) only for a namespace's frame.
    let resources: FxHashMap<ResourceId, &crate::core::model::Resource> =
        design.resources.iter().map(|r| (r.id, r)).collect();
    // Resolved references: to nodes, or to the frame of a namespace (unless drawn inside it).
    let g = &graph.graph;
    for e in g.edge_references() {
        let (from, to) = (g[e.source()], g[e.target()]);
        let Some(&fi) = index.get(&from) else { continue };
        let end = match resources.get(&to) {
            Some(r) if is_frame(r.kind) => {
                let Some(&f) = frame_index.get(r.name()) else { continue };
                if scene.nodes[fi].frame == Some(f) {
                    continue;
                }
                End::Frame(f)
            }
            _ if index.contains_key(&to) => End::Node(to),
            _ => continue,
        };
        let w = e.weight();
        scene.edges.push(SceneEdge {
            from,
            to: end,
            kind: w.kind,
            field: w.field.clone(),
            points: Vec::new(),
            label: None,
            also: Vec::new(),
        });
    }
    merge_parallel(&mut scene.edges);
    // Missing targets: one stub each, placed on free space near the first referencer.
    scene.stubs = stubs::gather(&graph.dangling, |d| {
        index.contains_key(&d.from) && d.reference.targets.first().is_none_or(|k| layers.shows(*k))
    });
    place_stubs(&mut scene, &index);
    let mut to_stubs: Vec<SceneEdge> = scene
        .stubs
        .iter()
        .enumerate()
        .flat_map(|(s, stub)| {
            stub.refs.iter().map(move |(from, kind, field)| SceneEdge {
                from: *from,
                to: End::Stub(s),
                kind: *kind,
                field: field.clone(),
                points: Vec::new(),
                label: None,
                also: Vec::new(),
            })
        })
        .collect();
    // An edge to a stub never shares its ends with a resolved one: merged among themselves.
    merge_parallel(&mut to_stubs);
    scene.edges.extend(to_stubs);
    scene
}

/// `base` (an [`unrouted`] scene of the same layers) drawn for `options`: the text of the
/// nodes near the area, the edges routed and labelled. A scene limited to an area keeps
/// only the edges with an end near it (the ones it routes); without edges
/// (`options.edges` off) it has no edges and no node text either.
pub fn drawn(base: &Scene, design: &Design, options: SceneOptions) -> Scene {
    let mut scene = Scene {
        frames: base.frames.clone(),
        nodes: base.nodes.clone(),
        edges: Vec::new(),
        stubs: base.stubs.clone(),
    };
    if !options.edges {
        return scene;
    }
    let index = scene.node_index();
    let near = |r: &Rect| options.area.is_none_or(|a| inflate(&a, 400.0).intersects(r));
    for r in &design.resources {
        let Some(&i) = index.get(&r.id) else { continue };
        let n = &mut scene.nodes[i];
        if near(&n.rect) {
            n.text = Some(node_text(r.kind, r.kind_str(), r.name()));
        }
    }
    let area = options.area.map(|a| inflate(&a, ROUTE_MARGIN));
    scene.edges = base
        .edges
        .iter()
        .filter(|e| {
            // In an area: the edges with an end in it (those only passing through are not
            // drawn; the view shows where they start or end).
            let a = scene.end_rect(End::Node(e.from), &index);
            let b = scene.end_rect(e.to, &index);
            match (a, b, area) {
                (Some(a), Some(b), Some(area)) => a.intersects(&area) || b.intersects(&area),
                (Some(_), Some(_), None) => true,
                _ => false,
            }
        })
        .cloned()
        .collect();
    route_edges(&mut scene, &index, options, base.edges.len());
    if options.layers.labels() {
        place_labels(&mut scene, options.area);
    }
    scene
}

/// Several references from one resource to one target are drawn as one edge listing
/// them all (an environment's checkpoint and savepoint directories in one bucket).
fn merge_parallel(edges: &mut Vec<SceneEdge>) {
    let mut first: FxHashMap<(ResourceId, End), usize> = FxHashMap::default();
    let mut out: Vec<SceneEdge> = Vec::with_capacity(edges.len());
    for e in edges.drain(..) {
        match first.get(&(e.from, e.to)) {
            Some(&k) => {
                let kept = &mut out[k];
                if kept.field != e.field && !kept.also.contains(&e.field) {
                    kept.also.push(e.field);
                }
            }
            None => {
                first.insert((e.from, e.to), out.len());
                out.push(e);
            }
        }
    }
    *edges = out;
}

/// True for edges that say what an operator or service acts on (it watches, reconciles
/// or manages the target) rather than a reference one object makes to another; drawn
/// lighter.
pub fn is_control(kind: EdgeKind) -> bool {
    matches!(kind, EdgeKind::Watches | EdgeKind::Reconciles | EdgeKind::Manages)
}

/// The label of an edge: its field's word, and those of the references merged into it.
pub fn edge_label(e: &SceneEdge) -> String {
    let mut words = vec![label_text(e.kind, &e.field)];
    for f in &e.also {
        let w = label_text(e.kind, f);
        if !words.contains(&w) {
            words.push(w);
        }
    }
    text::fit(&words.join(", "), labels::LABEL_SIZE, Weight::Regular, 180.0).0
}

fn titled(frame: Frame) -> SceneFrame {
    let room = frame.rect.width - 2.0 * TITLE_X;
    let title = fit_frame_title(&frame.namespace, frame.members, TITLE_SIZE, room);
    let width = text::width(&title, TITLE_SIZE, Weight::Bold);
    let title_rect = Rect {
        x: frame.rect.x + TITLE_X,
        y: frame.rect.y + TITLE_BASELINE - 0.78 * TITLE_SIZE,
        width,
        height: TITLE_SIZE,
    };
    SceneFrame { frame, title, title_rect }
}

fn place_stubs(scene: &mut Scene, index: &HashMap<ResourceId, usize>) {
    if scene.stubs.is_empty() {
        return;
    }
    let blocked: Vec<Rect> = scene
        .nodes
        .iter()
        .map(|n| n.rect)
        .chain(scene.frames.iter().map(|f| inflate(&f.title_rect, 4.0)))
        .collect();
    let frames: Vec<Rect> = scene.frames.iter().map(|f| f.frame.rect).collect();
    let nodes = &scene.nodes;
    stubs::place(&mut scene.stubs, &stubs::Room { blocked: &blocked, frames: &frames }, |s| {
        let n = s.from.first().and_then(|id| index.get(id)).map(|&i| &nodes[i])?;
        Some((n.rect, n.frame))
    });
}

/// What an obstacle is, to decide which edges must go around it.
#[derive(Debug, Clone, Copy)]
enum Owner {
    /// A node, in a frame or not.
    Node(Option<usize>),
    /// A whole frame.
    Frame(usize),
    /// A frame's title.
    Title(usize),
    /// A stub.
    Stub,
}

struct Obstacles {
    rects: Vec<Rect>,
    owners: Vec<Owner>,
    cells: FxHashMap<(i64, i64), Vec<usize>>,
}

impl Obstacles {
    /// The obstacles of `scene` (its nodes only near `near`, when given).
    fn new(scene: &Scene, near: Option<Rect>) -> Self {
        let mut rects = Vec::new();
        let mut owners = Vec::new();
        for n in scene.nodes.iter().filter(|n| near.is_none_or(|a| a.intersects(&n.rect))) {
            rects.push(inflate(&n.rect, CLEARANCE));
            owners.push(Owner::Node(n.frame));
        }
        for (i, f) in scene.frames.iter().enumerate() {
            rects.push(inflate(&f.frame.rect, CLEARANCE));
            owners.push(Owner::Frame(i));
            rects.push(inflate(&f.title_rect, CLEARANCE));
            owners.push(Owner::Title(i));
        }
        for s in &scene.stubs {
            rects.push(inflate(&s.rect, CLEARANCE));
            owners.push(Owner::Stub);
        }
        let mut cells: FxHashMap<(i64, i64), Vec<usize>> = FxHashMap::default();
        for (i, r) in rects.iter().enumerate() {
            for c in cells_of(r) {
                cells.entry(c).or_default().push(i);
            }
        }
        Self { rects, owners, cells }
    }

    /// The obstacles an edge entering `entered` frames must avoid, near `area` (or all).
    fn for_edge(&self, entered: &[usize], area: Option<&Rect>) -> Vec<Rect> {
        let keep = |i: usize| match self.owners[i] {
            Owner::Node(None) | Owner::Stub => true,
            Owner::Node(Some(f)) | Owner::Title(f) => entered.contains(&f),
            Owner::Frame(f) => !entered.contains(&f),
        };
        match area {
            None => (0..self.rects.len()).filter(|&i| keep(i)).map(|i| self.rects[i]).collect(),
            // An area over more cells than there are obstacles (a long edge across a big
            // design): a scan of them is cheaper than a visit of every cell.
            Some(a) if cell_count(a) > self.rects.len() => (0..self.rects.len())
                .filter(|&i| keep(i) && self.rects[i].intersects(a))
                .map(|i| self.rects[i])
                .collect(),
            Some(a) => {
                let mut seen = FxHashSet::default();
                let mut out = Vec::new();
                for c in cells_of(a) {
                    for &i in self.cells.get(&c).into_iter().flatten() {
                        if seen.insert(i) && keep(i) && self.rects[i].intersects(a) {
                            out.push(self.rects[i]);
                        }
                    }
                }
                out
            }
        }
    }
}

/// How many cells `r` covers.
fn cell_count(r: &Rect) -> usize {
    let span = |lo: f64, hi: f64| ((hi / CELL).floor() - (lo / CELL).floor() + 1.0).max(0.0);
    (span(r.x, r.right()) * span(r.y, r.bottom())).min(usize::MAX as f64) as usize
}

fn cells_of(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
    let (x0, x1) = ((r.x / CELL).floor() as i64, (r.right() / CELL).floor() as i64);
    let (y0, y1) = ((r.y / CELL).floor() as i64, (r.bottom() / CELL).floor() as i64);
    (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
}

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
            let radius =
                kind.map_or(0.0, |k| super::family::Family::of(k).radius()).min(rect.height / 2.0);
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

/// Routes every edge of `scene` (those of a limited scene: the ones near its area, see
/// [`drawn`]); `total` is how many edges the whole drawing has.
fn route_edges(
    scene: &mut Scene,
    index: &HashMap<ResourceId, usize>,
    options: SceneOptions,
    total: usize,
) {
    let area = options.area.map(|a| inflate(&a, ROUTE_MARGIN));
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
    let obstacles = Obstacles::new(scene, area.map(|a| inflate(&a, 1200.0)));
    let frame_of_end = |end: End| match end {
        End::Node(id) => index.get(&id).and_then(|&i| scene.nodes[i].frame),
        _ => None,
    };
    let mut routes = vec![Vec::new(); scene.edges.len()];
    // The canvas's view of a big design: searches bounded, for a drawing within a frame.
    let big = options.area.is_some() && total > BIG_DESIGN;
    let mut used = route::Used::default();
    // Short edges first: they have the fewest ways, long ones go round them.
    let mut order: Vec<usize> = (0..scene.edges.len()).collect();
    let span_of = |k: usize| match (ports.get(&(k, true)), ports.get(&(k, false))) {
        (Some(a), Some(b)) => (a.at.0 - b.at.0).abs() + (a.at.1 - b.at.1).abs(),
        _ => f64::INFINITY,
    };
    order.sort_by(|x, y| span_of(*x).total_cmp(&span_of(*y)).then(x.cmp(y)));
    for k in order {
        let e = &scene.edges[k];
        let (Some(a), Some(b)) = (ports.get(&(k, true)), ports.get(&(k, false))) else {
            continue;
        };
        let entered: Vec<usize> =
            [frame_of_end(End::Node(e.from)), frame_of_end(e.to)].into_iter().flatten().collect();
        let around =
            Rect::around([a.at, b.at].map(|p| Rect { x: p.0, y: p.1, width: 0.0, height: 0.0 }))
                .map(|r| inflate(&r, 260.0));
        let near = obstacles.for_edge(&entered, around.as_ref());
        let within = match (frame_of_end(End::Node(e.from)), frame_of_end(e.to)) {
            (Some(f), Some(g)) if f == g => Some(inflate(&scene.frames[f].frame.rect, -2.0)),
            _ => None,
        };
        // A limited scene (the canvas) keeps each search small: an edge with too much around
        // it takes its direct elbow.
        let limit = if big { 40 } else { route::MAX_OBSTACLES };
        let r = route::route(*a, *b, &near, &used, within, limit, || {
            obstacles.for_edge(&entered, None)
        });
        used.add(&r);
        routes[k] = r;
    }
    for (e, r) in scene.edges.iter_mut().zip(routes) {
        e.points = r;
    }
}

fn place_labels(scene: &mut Scene, area: Option<Rect>) {
    let mut blocked: Vec<Rect> = scene
        .nodes
        .iter()
        .filter(|n| area.is_none_or(|a| inflate(&a, 600.0).intersects(&n.rect)))
        .map(|n| inflate(&n.rect, 2.0))
        .chain(scene.stubs.iter().map(|s| inflate(&s.rect, 2.0)))
        .chain(scene.frames.iter().map(|f| inflate(&f.title_rect, 2.0)))
        .collect();
    let frames: Vec<Rect> = scene.frames.iter().map(|f| f.frame.rect).collect();
    let mut cells: FxHashMap<(i64, i64), Vec<usize>> = FxHashMap::default();
    for (i, r) in blocked.iter().enumerate() {
        for c in cells_of(r) {
            cells.entry(c).or_default().push(i);
        }
    }
    for e in &mut scene.edges {
        if e.points.len() < 2 {
            continue;
        }
        let text = edge_label(e);
        let size = label_size(&text);
        let hits = |r: &Rect, blocked: &[Rect], cells: &FxHashMap<(i64, i64), Vec<usize>>| {
            let mut n = 0;
            let mut seen = FxHashSet::default();
            for c in cells_of(r) {
                for &i in cells.get(&c).into_iter().flatten() {
                    if seen.insert(i) && blocked[i].intersects(r) {
                        n += 1;
                    }
                }
            }
            n + frames.iter().filter(|f| f.intersects(r) && !f.contains(r)).count()
        };
        let candidates = labels::candidates(&e.points, size);
        // A label that has no free spot is left out (the edge's tooltip still names it)
        // rather than drawn over something.
        let Some(rect) = candidates.iter().find(|r| hits(r, &blocked, &cells) == 0).copied() else {
            continue;
        };
        let i = blocked.len();
        blocked.push(rect);
        for c in cells_of(&rect) {
            cells.entry(c).or_default().push(i);
        }
        e.label = Some((text, rect));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::generate;
    use crate::core::layout::positions;

    #[test]
    fn every_view_drawn_from_one_kept_base_is_the_scene_of_that_view() {
        let d = generate::design(300);
        let graph = Graph::build(&d);
        let pos = positions(&d, &graph);
        let base = unrouted(&d, &graph, &pos, Layers::ALL);
        let whole = scene(&d, &graph, &pos, SceneOptions::default());
        assert_eq!(drawn(&base, &d, SceneOptions::default()), whole, "the export's scene");
        let b = whole.bounds().expect("drawn");
        for (x, y) in [(0.0, 0.0), (0.5, 0.3), (0.9, 0.8)] {
            let area =
                Rect { x: b.x + b.width * x, y: b.y + b.height * y, width: 2000.0, height: 1200.0 };
            let options = SceneOptions { area: Some(area), ..SceneOptions::default() };
            let view = drawn(&base, &d, options);
            assert_eq!(view, scene(&d, &graph, &pos, options));
            // A view keeps the edges it routes, all of them routed.
            assert!(view.edges.len() < whole.edges.len());
            assert!(view.edges.iter().all(|e| e.points.len() >= 2), "an unrouted edge kept");
        }
    }

    #[test]
    fn a_scene_without_edges_has_neither_edges_nor_node_text() {
        let d = generate::design(50);
        let graph = Graph::build(&d);
        let pos = positions(&d, &graph);
        let s = scene(&d, &graph, &pos, SceneOptions { edges: false, ..SceneOptions::default() });
        assert!(s.edges.is_empty() && s.nodes.iter().all(|n| n.text.is_none()));
        assert!(!s.nodes.is_empty() && !s.frames.is_empty());
    }
}
