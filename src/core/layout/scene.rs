//! The drawing of a design: what the canvas, the exported diagram and the quality metrics
//! all draw, computed once here so they cannot disagree.
//!
//! Frames are the namespaces (titled with their name and how many resources they hold);
//! nodes carry their fitted text; each edge runs orthogonally from a port on its source's
//! border to one on its target's — a node, a namespace's frame, or the stub standing for
//! a missing target — around every node and every frame it does not enter; labels sit
//! beside their edge on free space. What the [`Layers`] hide is left out, and a scene can
//! be limited to an area (the canvas routes only what is in view).

mod drawing;
mod obstacles;
mod ports;

use std::collections::HashMap;

use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use rustc_hash::FxHashMap;

pub use self::drawing::Drawing;
use super::labels::{self, label_text};
use super::layers::Layers;
use super::node::NodeText;
use super::route::inflate;
use super::stubs::{self, Stub};
use super::text::{self, Weight};
use super::{Frame, Rect, fit_frame_title, frame_of, frames_of, is_frame};
use crate::core::design::{Design, Point};
use crate::core::graph::{EdgeKind, Graph};
use crate::core::model::{Kind, ResourceId};

pub use super::{TITLE_BASELINE, TITLE_SIZE, TITLE_X};

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
    Drawing::new(base, design, options).finish()
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
