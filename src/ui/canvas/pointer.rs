//! Pointer gestures on the canvas: pan, select, rubber band, drag, connect, wheel zoom.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::design::Point;
use crate::core::layout::{self, FRAME_HEADER, NODE_WIDTH, Rect, Scene, SceneFrame};
use crate::core::model::ResourceId;
use crate::ui::state::{AppState, Shared};
use crate::ui::viewport::{DragOffset, Viewport};

/// Radius (world units) around a port that starts a connection.
const PORT_RADIUS: f64 = 10.0;

#[derive(Clone)]
enum Gesture {
    Idle,
    /// Started at client coordinates (`sx`, `sy`) with `view`.
    Pan {
        sx: f64,
        sy: f64,
        view: Viewport,
        moved: bool,
    },
    Drag {
        start: Point,
        ids: Arc<HashSet<ResourceId>>,
    },
    Band {
        start: Point,
        additive: bool,
    },
    Connect {
        from: ResourceId,
        start: Point,
    },
}

enum Hit {
    Port(ResourceId),
    Node(ResourceId),
    /// A namespace through its frame: the `Namespace` object and the namespace's name.
    Frame(ResourceId, String),
}

/// The gesture in progress and its overlays; `Copy`.
#[derive(Clone, Copy)]
pub struct Gestures {
    state: AppState,
    svg: NodeRef<leptos::svg::Svg>,
    scene: RwSignal<Shared<Scene>>,
    gesture: StoredValue<Gesture>,
    band: RwSignal<Option<Rect>>,
    link: RwSignal<Option<(Point, Point)>>,
    /// True while the space bar is held (space-drag pans).
    space: RwSignal<bool>,
    /// The nodes a drag in progress does not move, indexed for its drop.
    others: StoredValue<Option<Others>>,
}

/// The nodes a drag does not move, indexed for its drop (`layout::settle_on`) in a task of
/// its own when the drag starts, and what they were computed from.
struct Others {
    /// The dragged nodes.
    ids: Arc<HashSet<ResourceId>>,
    /// The positions when the drag started.
    positions: Shared<HashMap<ResourceId, Point>>,
    /// The other nodes.
    index: layout::Occupancy,
}

impl Gestures {
    /// Gestures of the canvas `svg` showing `scene`.
    pub fn new(
        state: AppState,
        svg: NodeRef<leptos::svg::Svg>,
        scene: RwSignal<Shared<Scene>>,
    ) -> Self {
        let space = RwSignal::new(false);
        let typing = |e: &web_sys::KeyboardEvent| {
            e.target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
        };
        let _ = window_event_listener(leptos::ev::keydown, move |e| {
            if e.code() == "Space" && !typing(&e) {
                space.set(true);
            }
        });
        let _ = window_event_listener(leptos::ev::keyup, move |e| {
            if e.code() == "Space" {
                space.set(false);
            }
        });
        Self {
            state,
            svg,
            scene,
            gesture: StoredValue::new(Gesture::Idle),
            band: RwSignal::new(None),
            link: RwSignal::new(None),
            space,
            others: StoredValue::new(None),
        }
    }

    fn screen(&self, e: &web_sys::MouseEvent) -> (f64, f64) {
        let Some(svg) = self.svg.get_untracked() else { return (0.0, 0.0) };
        let r = svg.get_bounding_client_rect();
        (f64::from(e.client_x()) - r.left(), f64::from(e.client_y()) - r.top())
    }

    /// The canvas while it draws the overview (too many nodes in view for detail).
    fn overview_svg(&self) -> Option<web_sys::SvgElement> {
        let svg = self.svg.get_untracked()?;
        svg.class_list().contains("overview").then_some(svg)
    }

    fn world(&self, e: &web_sys::MouseEvent) -> Point {
        let (sx, sy) = self.screen(e);
        self.state.view.get_untracked().to_world(sx, sy)
    }

    /// The nodes drawn (the layers shown) and their positions.
    fn drawn(&self) -> Vec<(ResourceId, Point)> {
        let layers = self.state.layers.get_untracked();
        self.state.nodes.with_untracked(|nodes| {
            self.state.positions.with_untracked(|pos| {
                nodes
                    .iter()
                    .filter(|n| layers.shows(n.kind))
                    .filter_map(|n| pos.get(&n.id).map(|p| (n.id, *p)))
                    .collect()
            })
        })
    }

    /// What is under `p`: a port, a node, or (with `body`, anywhere inside it, else by its
    /// title band) the frame of a modelled namespace.
    fn hit(&self, p: Point, body: bool) -> Option<Hit> {
        let detailed = self.state.view.get_untracked().detailed();
        let near_port = |q: &Point| {
            let (dx, dy) = (p.x - (q.x + NODE_WIDTH / 2.0), p.y - q.y);
            dx * dx + dy * dy <= PORT_RADIUS * PORT_RADIUS
        };
        let probe = Rect { x: p.x, y: p.y, width: 0.001, height: 0.001 };
        let mut found = None;
        for (id, q) in self.drawn() {
            if detailed && near_port(&q) {
                return Some(Hit::Port(id));
            }
            if Rect::node(q).intersects(&probe) && found.is_none_or(|f: ResourceId| id.0 > f.0) {
                found = Some(id);
            }
        }
        if let Some(id) = found {
            return Some(Hit::Node(id));
        }
        self.scene.with_untracked(|s| {
            s.frames
                .iter()
                .filter(|f| {
                    let r = f.frame.rect;
                    let band = if body { r.height } else { FRAME_HEADER };
                    p.x >= r.x && p.x <= r.right() && p.y >= r.y && p.y <= r.y + band
                })
                .min_by(|a, b| {
                    let area = |f: &SceneFrame| f.frame.rect.width * f.frame.rect.height;
                    area(a).total_cmp(&area(b))
                })
                .and_then(|f| Some(Hit::Frame(f.frame.resource?, f.frame.namespace.clone())))
        })
    }

    /// A namespace and everything drawn in its frame (what dragging the frame moves).
    fn frame_members(&self, ns: ResourceId, name: &str) -> HashSet<ResourceId> {
        let mut ids: HashSet<ResourceId> = self.state.design.with_value(|d| {
            let envs = layout::environment_namespaces(d);
            d.resources
                .iter()
                .filter(|r| layout::frame_of(r, &envs).as_deref() == Some(name))
                .map(|r| r.id)
                .collect()
        });
        ids.insert(ns);
        ids
    }

    /// Pointer pressed.
    pub fn down(self, e: web_sys::PointerEvent) {
        if e.button() != 0 && e.button() != 1 {
            return;
        }
        // No text selection while dragging on the canvas; a field being edited commits and
        // lets go of the keyboard, so shortcuts apply to the canvas.
        e.prevent_default();
        if let Some(active) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .filter(|a| matches!(a.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
            .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = active.blur();
        }
        if let Some(svg) = self.svg.get_untracked() {
            let _ = svg.set_pointer_capture(e.pointer_id());
        }
        let p = self.world(&e);
        let toggle = e.ctrl_key() || e.meta_key() || e.shift_key();
        let (cx, cy) = client(&e);
        let pan =
            Gesture::Pan { sx: cx, sy: cy, view: self.state.view.get_untracked(), moved: false };
        let next = match (e.button() == 1 || self.space.get_untracked(), self.hit(p, false)) {
            (true, _) => pan,
            (false, Some(Hit::Port(from))) => {
                self.link.set(Some((port_of(self.state, from), p)));
                Gesture::Connect { from, start: p }
            }
            (false, Some(Hit::Node(id))) => {
                let sel = self.state.selection;
                if toggle {
                    sel.update(|s| {
                        if !s.remove(&id) {
                            s.insert(id);
                        }
                    });
                } else if !sel.with_untracked(|s| s.contains(&id)) {
                    sel.set(BTreeSet::from([id]));
                }
                let ids: HashSet<ResourceId> = sel.with_untracked(|s| s.iter().copied().collect());
                Gesture::Drag { start: p, ids: Arc::new(ids) }
            }
            (false, Some(Hit::Frame(ns, name))) => {
                let sel = self.state.selection;
                if toggle {
                    sel.update(|s| {
                        if !s.remove(&ns) {
                            s.insert(ns);
                        }
                    });
                    Gesture::Idle
                } else {
                    sel.set(BTreeSet::from([ns]));
                    Gesture::Drag { start: p, ids: Arc::new(self.frame_members(ns, &name)) }
                }
            }
            (false, None) if e.shift_key() || e.ctrl_key() => {
                self.band.set(Some(Rect { x: p.x, y: p.y, width: 0.0, height: 0.0 }));
                Gesture::Band { start: p, additive: e.ctrl_key() || e.meta_key() }
            }
            (false, None) => pan,
        };
        self.gesture.set_value(next);
    }

    /// Pointer moved.
    pub fn moved(self, e: web_sys::PointerEvent) {
        let g = self.gesture.get_value();
        match g {
            Gesture::Idle => {}
            Gesture::Pan { sx, sy, view, .. } => {
                let (x, y) = client(&e);
                let (dx, dy) = (x - sx, y - sy);
                if dx.abs() + dy.abs() > 3.0 {
                    self.gesture.set_value(Gesture::Pan { sx, sy, view, moved: true });
                    match self.overview_svg() {
                        // The overview is one picture of the whole design: it moves as a
                        // composited layer (nothing is drawn again) and the view follows on
                        // release. At 10,000 resources redrawing it cost ~55 ms a frame.
                        // Through the CSS object model: the page's content security policy
                        // refuses `style` attributes.
                        Some(svg) => {
                            let shift = format!("translate({dx}px, {dy}px)");
                            let _ = svg.style().set_property("transform", &shift);
                        }
                        None => self.state.view.set(panned(view, dx, dy)),
                    }
                }
            }
            Gesture::Drag { start, ids } => {
                let p = self.world(&e);
                let (dx, dy) = (p.x - start.x, p.y - start.y);
                if self
                    .state
                    .dragged
                    .with_untracked(|d| d.as_ref().is_none_or(|d| !Arc::ptr_eq(d, &ids)))
                {
                    self.index_others(ids.clone());
                }
                self.state.set_drag(Some(DragOffset { ids, dx, dy, dropped: false }));
            }
            Gesture::Band { start, .. } => {
                let p = self.world(&e);
                self.band.set(Some(Rect {
                    x: start.x.min(p.x),
                    y: start.y.min(p.y),
                    width: (p.x - start.x).abs(),
                    height: (p.y - start.y).abs(),
                }));
            }
            Gesture::Connect { from, .. } => {
                self.link.set(Some((port_of(self.state, from), self.world(&e))));
            }
        }
    }

    /// Pointer released: commit the gesture.
    pub fn up(self, e: web_sys::PointerEvent) {
        let g = self.gesture.get_value();
        self.gesture.set_value(Gesture::Idle);
        match g {
            Gesture::Idle => {}
            Gesture::Pan { sx, sy, view, moved } => {
                if let Some(svg) = self.svg.get_untracked() {
                    let _ = svg.style().remove_property("transform");
                }
                if moved {
                    let (x, y) = client(&e);
                    self.state.view.set(panned(view, x - sx, y - sy));
                } else {
                    self.state.selection.set(BTreeSet::new());
                }
            }
            Gesture::Drag { ids, .. } => {
                let others = self.others.try_update_value(Option::take).flatten().filter(|o| {
                    Arc::ptr_eq(&o.ids, &ids) && self.state.positions.get_untracked() == o.positions
                });
                let others = others.as_ref().map(|o| &o.index);
                let Some(d) = self.state.drag.get_untracked() else { return };
                match self.state.drop_by(&ids, d.dx, d.dy, others) {
                    Some(landed) => self.dropped(ids, (d.dx, d.dy), landed),
                    None => self.state.set_drag(None),
                }
            }
            Gesture::Band { additive, .. } => {
                let band = self.band.get_untracked();
                self.band.set(None);
                let Some(band) = band else { return };
                let inside: BTreeSet<ResourceId> = self
                    .drawn()
                    .into_iter()
                    .filter(|(_, p)| band.intersects(&Rect::node(*p)))
                    .map(|(id, _)| id)
                    .collect();
                self.state.selection.update(|s| {
                    if !additive {
                        s.clear();
                    }
                    s.extend(inside);
                });
            }
            Gesture::Connect { from, start } => {
                self.link.set(None);
                let p = self.world(&e);
                let far = (p.x - start.x).abs() + (p.y - start.y).abs() > 4.0;
                match self.hit(p, true) {
                    Some(Hit::Node(to) | Hit::Port(to) | Hit::Frame(to, _)) if to != from => {
                        self.state.connect(from, to)
                    }
                    _ if far => {
                        self.state.say("Drop the connection on another node or a namespace.", false)
                    }
                    _ => self.state.selection.set(BTreeSet::from([from])),
                }
            }
        }
    }

    /// After the drop of `ids` released at `at` (offset) and landed at `landed`: what the
    /// canvas's last drawing shows of them (edges, a dragged frame) stays where it was let
    /// go, and follows the nodes to where they landed in a task of its own, until the view
    /// is drawn again (`AppState::drawn_again`): the drop's own task redraws none of it.
    fn dropped(self, ids: Arc<HashSet<ResourceId>>, at: (f64, f64), landed: (f64, f64)) {
        let (dx, dy) = at;
        self.state.set_drag(Some(DragOffset { ids: ids.clone(), dx, dy, dropped: true }));
        if landed == at {
            return;
        }
        set_timeout(
            move || {
                let same = self.state.drag.with_untracked(|d| {
                    d.as_ref().is_some_and(|d| d.dropped && Arc::ptr_eq(&d.ids, &ids))
                });
                if same {
                    let (dx, dy) = landed;
                    self.state.set_drag(Some(DragOffset { ids, dx, dy, dropped: true }));
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// Indexes the nodes the drag of `ids` does not move, in a task of its own: the drop
    /// then only searches (at 10,000 resources the index is ~10 ms).
    fn index_others(self, ids: Arc<HashSet<ResourceId>>) {
        self.others.set_value(None);
        set_timeout(
            move || {
                let dragging = matches!(self.gesture.get_value(), Gesture::Drag { ids: now, .. } if Arc::ptr_eq(&now, &ids));
                if !dragging {
                    return;
                }
                let positions = self.state.positions.get_untracked();
                let index = crate::ui::trace::time("index nodes for the drop", || {
                    layout::Occupancy::excluding(&positions, &ids)
                });
                self.others.set_value(Some(Others { ids, positions, index }));
            },
            std::time::Duration::ZERO,
        );
    }

    /// Wheel: zoom around the pointer.
    pub fn wheel(self, e: web_sys::WheelEvent) {
        e.prevent_default();
        let (sx, sy) = self.screen(&e);
        let factor = (-e.delta_y() * 0.0015).exp().clamp(0.5, 2.0);
        self.state.view.update(|v| *v = v.zoom_at(factor, sx, sy));
    }

    /// The rubber band and the connection being drawn.
    pub fn overlays(self) -> impl IntoView {
        let band = move || {
            self.band.get().map(|r| {
                view! { <rect class="band" data-testid="band" x=r.x y=r.y width=r.width height=r.height></rect> }
            })
        };
        let link = move || {
            self.link.get().map(|(a, b)| {
                view! { <line class="link" data-testid="link" x1=a.x y1=a.y x2=b.x y2=b.y></line> }
            })
        };
        view! { {band} {link} }
    }
}

fn port_of(state: AppState, id: ResourceId) -> Point {
    state.positions.with_untracked(|pos| {
        pos.get(&id)
            .map_or(Point { x: 0.0, y: 0.0 }, |p| Point { x: p.x + NODE_WIDTH / 2.0, y: p.y })
    })
}

/// The pointer's position in the page (unlike [`Gestures::screen`], independent of where
/// the canvas is while its overview is moved as a layer).
fn client(e: &web_sys::MouseEvent) -> (f64, f64) {
    (f64::from(e.client_x()), f64::from(e.client_y()))
}

/// `view` moved by a pan of (`dx`, `dy`) screen pixels.
fn panned(view: Viewport, dx: f64, dy: f64) -> Viewport {
    Viewport { x: view.x - dx / view.zoom, y: view.y - dy / view.zoom, zoom: view.zoom }
}
