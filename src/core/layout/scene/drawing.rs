//! A drawing done in steps: what [`drawn`](super::drawn) computes at once, split into
//! small pieces of work — the ports and obstacles, one route, one label — so that a caller
//! can stop after any of them and go on later (the canvas yields to the browser between
//! slices of a big view). However the work is sliced, the finished scene is the one
//! [`drawn`](super::drawn) returns: each step does exactly what the one-shot loop did next.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::super::Rect;
use super::super::labels::{self, label_size};
use super::super::node::node_text;
use super::super::route::{self, Port, inflate};
use super::obstacles::{Obstacles, cells_of};
use super::{End, Scene, SceneOptions, edge_label, ports::ports};
use crate::core::design::Design;
use crate::core::model::ResourceId;

/// More edges than this, and a limited scene routes with bounded searches.
const BIG_DESIGN: usize = 400;
/// A limited scene routes the edges with an end this near its area.
const ROUTE_MARGIN: f64 = 200.0;
/// Obstacles bound per search in a big design's view (more: the direct elbow).
const BIG_LIMIT: usize = 40;

/// A scene being drawn for one view of a base scene (see the module documentation).
pub struct Drawing {
    /// The scene so far: frames, nodes with their text and stubs as they will be; the
    /// edges to draw, routed and labelled once the drawing is done.
    scene: Scene,
    /// Index of each node by resource id.
    index: HashMap<ResourceId, usize>,
    /// What was asked for.
    options: SceneOptions,
    /// How many edges the whole drawing has (a big design routes with bounded searches).
    total: usize,
    /// What comes next.
    stage: Stage,
    /// Steps done so far.
    steps: usize,
}

/// Where a drawing is.
enum Stage {
    /// Ports and obstacles are computed next.
    Start,
    /// Edges are being routed.
    Routing(Box<Router>),
    /// Labels are being placed.
    Labelling(Box<Labeller>),
    /// Finished.
    Done,
}

impl Drawing {
    /// The drawing of `base` (an [`unrouted`](super::unrouted) scene of the same layers)
    /// for `options`, not started: node text is fitted and the edges to draw chosen here
    /// (a limited scene keeps only the edges with an end near its area); the routes and
    /// labels come with [`Drawing::advance`].
    pub fn new(base: &Scene, design: &Design, options: SceneOptions) -> Self {
        let scene = Scene {
            frames: base.frames.clone(),
            nodes: base.nodes.clone(),
            edges: Vec::new(),
            stubs: base.stubs.clone(),
        };
        let index = scene.node_index();
        let mut out =
            Self { scene, index, options, total: base.edges.len(), stage: Stage::Done, steps: 0 };
        if !options.edges {
            return out;
        }
        let near = |r: &Rect| options.area.is_none_or(|a| inflate(&a, 400.0).intersects(r));
        for r in &design.resources {
            let Some(&i) = out.index.get(&r.id) else { continue };
            let n = &mut out.scene.nodes[i];
            if near(&n.rect) {
                n.text = Some(node_text(r.kind, r.kind_str(), r.name()));
            }
        }
        let area = options.area.map(|a| inflate(&a, ROUTE_MARGIN));
        let (scene, index) = (&out.scene, &out.index);
        let edges = base
            .edges
            .iter()
            .filter(|e| {
                // In an area: the edges with an end in it (those only passing through are
                // not drawn; the view shows where they start or end).
                let a = scene.end_rect(End::Node(e.from), index);
                let b = scene.end_rect(e.to, index);
                match (a, b, area) {
                    (Some(a), Some(b), Some(area)) => a.intersects(&area) || b.intersects(&area),
                    (Some(_), Some(_), None) => true,
                    _ => false,
                }
            })
            .cloned()
            .collect();
        out.scene.edges = edges;
        out.stage = Stage::Start;
        out
    }

    /// Does the next steps of the drawing, at least one and then as long as `more` says
    /// so; true when the drawing is done (then [`Drawing::scene`] is the drawn scene).
    pub fn advance(&mut self, mut more: impl FnMut() -> bool) -> bool {
        while !self.is_done() {
            self.step();
            if !more() {
                break;
            }
        }
        self.is_done()
    }

    /// True when every edge is routed and labelled.
    pub fn is_done(&self) -> bool {
        matches!(self.stage, Stage::Done)
    }

    /// Steps done so far (one per route and per label, and a few more).
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The scene: complete once the drawing is done, before that with edges not routed
    /// or labelled yet.
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// The drawn scene, finishing what is left.
    pub fn finish(mut self) -> Scene {
        self.advance(|| true);
        self.scene
    }

    /// One step.
    fn step(&mut self) {
        self.steps += 1;
        self.stage = match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Start => Stage::Routing(Box::new(Router::new(
                &self.scene,
                &self.index,
                self.options,
                self.total,
            ))),
            Stage::Routing(mut router) => {
                if router.step(&self.scene, &self.index) {
                    Stage::Routing(router)
                } else {
                    for (e, r) in self.scene.edges.iter_mut().zip(router.routes) {
                        e.points = r;
                    }
                    if self.options.layers.labels() {
                        Stage::Labelling(Box::new(Labeller::new(&self.scene, self.options.area)))
                    } else {
                        Stage::Done
                    }
                }
            }
            Stage::Labelling(mut labeller) => {
                if labeller.step(&mut self.scene) {
                    Stage::Labelling(labeller)
                } else {
                    Stage::Done
                }
            }
            Stage::Done => Stage::Done,
        };
    }
}

/// The routing of a scene's edges, one at a time: short edges first (they have the fewest
/// ways, long ones go round them), each avoiding the lines of those before it.
struct Router {
    /// Ports by (edge, source end).
    ports: FxHashMap<(usize, bool), Port>,
    /// What routes go around.
    obstacles: Obstacles,
    /// The edges in the order they are routed.
    order: Vec<usize>,
    /// How many of `order` are routed.
    next: usize,
    /// The routes by edge.
    routes: Vec<Vec<(f64, f64)>>,
    /// The lines of the routes so far.
    used: route::Used,
    /// Obstacles a search may consider.
    limit: usize,
}

impl Router {
    /// Ready to route the edges of `scene` (limited to `options.area` when given);
    /// `total` is how many edges the whole drawing has.
    fn new(
        scene: &Scene,
        index: &HashMap<ResourceId, usize>,
        options: SceneOptions,
        total: usize,
    ) -> Self {
        let area = options.area.map(|a| inflate(&a, ROUTE_MARGIN));
        let ports = ports(scene, index);
        let obstacles = Obstacles::new(scene, area.map(|a| inflate(&a, 1200.0)));
        let mut order: Vec<usize> = (0..scene.edges.len()).collect();
        let span_of = |k: usize| match (ports.get(&(k, true)), ports.get(&(k, false))) {
            (Some(a), Some(b)) => (a.at.0 - b.at.0).abs() + (a.at.1 - b.at.1).abs(),
            _ => f64::INFINITY,
        };
        order.sort_by(|x, y| span_of(*x).total_cmp(&span_of(*y)).then(x.cmp(y)));
        // The canvas's view of a big design keeps each search small (for a drawing within
        // a frame): an edge with too much around it takes its direct elbow.
        let big = options.area.is_some() && total > BIG_DESIGN;
        Self {
            ports,
            obstacles,
            order,
            next: 0,
            routes: vec![Vec::new(); scene.edges.len()],
            used: route::Used::default(),
            limit: if big { BIG_LIMIT } else { route::MAX_OBSTACLES },
        }
    }

    /// Routes the next edge; false when there was none left.
    fn step(&mut self, scene: &Scene, index: &HashMap<ResourceId, usize>) -> bool {
        let Some(&k) = self.order.get(self.next) else { return false };
        self.next += 1;
        let e = &scene.edges[k];
        let (Some(a), Some(b)) = (self.ports.get(&(k, true)), self.ports.get(&(k, false))) else {
            return true;
        };
        let frame_of_end = |end: End| match end {
            End::Node(id) => index.get(&id).and_then(|&i| scene.nodes[i].frame),
            _ => None,
        };
        let (from, to) = (frame_of_end(End::Node(e.from)), frame_of_end(e.to));
        let entered: Vec<usize> = [from, to].into_iter().flatten().collect();
        let around =
            Rect::around([a.at, b.at].map(|p| Rect { x: p.0, y: p.1, width: 0.0, height: 0.0 }))
                .map(|r| inflate(&r, 260.0));
        let near = self.obstacles.for_edge(&entered, around.as_ref());
        let within = match (from, to) {
            (Some(f), Some(g)) if f == g => Some(inflate(&scene.frames[f].frame.rect, -2.0)),
            _ => None,
        };
        let obstacles = &self.obstacles;
        let r = route::route(*a, *b, &near, &self.used, within, self.limit, || {
            obstacles.for_edge(&entered, None)
        });
        self.used.add(&r);
        self.routes[k] = r;
        true
    }
}

/// The placing of labels, one edge at a time in scene order: each on the first free spot
/// beside its edge (no node, stub, frame title or earlier label), or left out.
struct Labeller {
    /// What a label may not cover.
    blocked: Vec<Rect>,
    /// The frames (a label is inside or outside each, never across its border).
    frames: Vec<Rect>,
    /// Index of `blocked` by cell.
    cells: FxHashMap<(i64, i64), Vec<usize>>,
    /// The next edge to label.
    next: usize,
}

impl Labeller {
    /// Ready to label the edges of `scene` (routed; limited to `area` when given).
    fn new(scene: &Scene, area: Option<Rect>) -> Self {
        let blocked: Vec<Rect> = scene
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
        Self { blocked, frames, cells, next: 0 }
    }

    /// How many blocked rectangles and frame borders `r` meets.
    fn hits(&self, r: &Rect) -> usize {
        let mut n = 0;
        let mut seen = rustc_hash::FxHashSet::default();
        for c in cells_of(r) {
            for &i in self.cells.get(&c).into_iter().flatten() {
                if seen.insert(i) && self.blocked[i].intersects(r) {
                    n += 1;
                }
            }
        }
        n + self.frames.iter().filter(|f| f.intersects(r) && !f.contains(r)).count()
    }

    /// Labels the next edge; false when there was none left.
    fn step(&mut self, scene: &mut Scene) -> bool {
        let Some(e) = scene.edges.get_mut(self.next) else { return false };
        self.next += 1;
        if e.points.len() < 2 {
            return true;
        }
        let text = edge_label(e);
        let size = label_size(&text);
        let candidates = labels::candidates(&e.points, size);
        // A label that has no free spot is left out (the edge's tooltip still names it)
        // rather than drawn over something.
        let Some(rect) = candidates.iter().find(|r| self.hits(r) == 0).copied() else {
            return true;
        };
        let i = self.blocked.len();
        self.blocked.push(rect);
        for c in cells_of(&rect) {
            self.cells.entry(c).or_default().push(i);
        }
        e.label = Some((text, rect));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::generate;
    use crate::core::graph::Graph;
    use crate::core::layout::{Layer, Layers, positions};

    /// A generated design of `n` resources and its unrouted scene with every layer.
    fn design_and_base(n: usize) -> (Design, Scene) {
        let d = generate::design(n);
        let graph = Graph::build(&d);
        let pos = positions(&d, &graph);
        let base = super::super::unrouted(&d, &graph, &pos, Layers::ALL);
        (d, base)
    }

    /// The drawing of `base` for `options`, `slice` steps at a time; also how many slices.
    fn sliced(base: &Scene, d: &Design, options: SceneOptions, slice: usize) -> (Scene, usize) {
        let mut drawing = Drawing::new(base, d, options);
        let mut slices = 0;
        loop {
            slices += 1;
            let mut steps = 0;
            let done = drawing.advance(|| {
                steps += 1;
                steps < slice
            });
            if done {
                return (drawing.finish(), slices);
            }
            assert_eq!(drawing.steps(), slices * slice, "a slice is as long as asked");
        }
    }

    #[test]
    fn a_drawing_done_in_slices_is_the_drawing_done_at_once() {
        let (d, base) = design_and_base(600);
        let whole = super::super::drawn(&base, &d, SceneOptions::default());
        let b = whole.bounds().expect("drawn");
        let area =
            Rect { x: b.x + b.width * 0.3, y: b.y + b.height * 0.3, width: 3000.0, height: 2000.0 };
        for options in [
            SceneOptions::default(),
            SceneOptions { area: Some(area), ..SceneOptions::default() },
            SceneOptions {
                area: Some(area),
                layers: Layers::ALL.with(Layer::Labels, false),
                edges: true,
            },
        ] {
            let at_once = super::super::drawn(&base, &d, options);
            assert!(at_once.edges.iter().all(|e| e.points.len() >= 2), "every edge routed");
            for slice in [1, 7, 100] {
                let (scene, slices) = sliced(&base, &d, options, slice);
                assert_eq!(scene, at_once, "{slice} steps at a time");
                assert!(slices > at_once.edges.len() / slice, "{slices} slices of {slice}");
            }
        }
    }

    #[test]
    fn a_drawing_not_done_yet_has_its_edges_unrouted() {
        let (d, base) = design_and_base(100);
        let mut drawing = Drawing::new(&base, &d, SceneOptions::default());
        assert!(!drawing.advance(|| false), "one step is not the whole drawing");
        assert_eq!(drawing.steps(), 1);
        assert!(drawing.scene().edges.iter().all(|e| e.points.is_empty()));
        assert!(drawing.advance(|| true) && drawing.is_done());
        // Without edges there is nothing to do.
        let options = SceneOptions { edges: false, ..SceneOptions::default() };
        assert!(Drawing::new(&base, &d, options).is_done());
    }
}
