//! The SVG canvas: the core's scene of what is in view — namespace frames (the namespaces
//! themselves), nodes with fitted text, routed and labelled edges, stubs of missing
//! targets — with pan, zoom, select, rubber-band, drag to move (a frame by its title moves
//! the whole namespace), drag from a port to connect (onto a node or a frame). Zoomed
//! out, nodes show their names alone while large enough, frame titles stay readable; very
//! many nodes in view are drawn as a few paths. The layers hide what a reader does not need.
//! Palette entries dragged onto the canvas are added where they are dropped (`drop`).

mod clip;
mod cull;
mod draw;
mod drop;
pub use crate::core::layout::family;
mod keys;
mod pointer;
mod stage;

pub use drop::{Ghost, PaletteDrag};

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use self::cull::{Area, OVERVIEW_LIMIT};
use std::collections::HashMap;

use super::state::{AppState, Shared, use_state};
use super::viewport::{DETAIL_ZOOM, NAME_ZOOM};
use crate::core::design::Point;
use crate::core::graph::Graph;
use crate::core::layout::scene::Drawing;
use crate::core::layout::{
    self, Layers, NODE_HEIGHT, Scene, SceneInputs, SceneOptions, TITLE_SIZE,
};
use crate::core::model::ResourceId;

/// How long the canvas waits after a change before it routes the view again; a newer
/// change within it replaces the older one.
const SCENE_DELAY: std::time::Duration = std::time::Duration::from_millis(40);
/// How long one slice of a drawing may take (ms) before the canvas yields to the browser.
const SLICE_MS: f64 = 12.0;
/// The most steps (routes, labels) in one slice of a drawing.
const SLICE_STEPS: usize = 250;

/// The canvas with its toolbar.
#[component]
pub fn Canvas() -> impl IntoView {
    let state = use_state();
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let measure = move || {
        if let Some(el) = svg.get_untracked() {
            let r = el.get_bounding_client_rect();
            state.canvas_size.set((r.width().max(1.0), r.height().max(1.0)));
        }
    };
    // The canvas changes size with the window and with the panels around it (the apply
    // drawer): a ResizeObserver keeps the size fit-to-screen and culling use current.
    Effect::new(move |_| {
        if let Some(el) = svg.get() {
            measure();
            let on_resize = Closure::<dyn FnMut()>::new(measure);
            if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
                observer.observe(&el);
            }
            on_resize.forget();
        }
    });
    let _ = window_event_listener(leptos::ev::resize, move |_| measure());
    let area = Memo::new(move |_| Area::around(state.view.get().visible(state.canvas_size.get())));
    let detail = Memo::new(move |_| state.view.get().zoom >= DETAIL_ZOOM);
    // Below the detail zoom a node shows its name alone, as large as the node allows, once
    // the node is large enough on screen to carry a readable one.
    let name_size = Memo::new(move |_| {
        let zoom = state.view.get().zoom;
        (NAME_ZOOM..DETAIL_ZOOM)
            .contains(&zoom)
            .then(|| (13.0 / zoom).min(NODE_HEIGHT * 0.55).round() as i64)
    });
    // Frame titles stay about 13 px on screen when zoomed out (cut to the frame's width).
    let title_size = Memo::new(move |_| {
        let zoom = state.view.get().zoom;
        if zoom >= 0.6 { TITLE_SIZE as i64 } else { (13.0 / zoom).round() as i64 }
    });
    let nodes = Memo::new(move |_| {
        let (a, d, size) = (area.get().rect(), detail.get(), name_size.get());
        let layers = state.layers.get();
        super::trace::time("cull nodes", || {
            state.nodes.with(|n| {
                state.positions.with(|p| cull::nodes(n, p, a, d, size, |n| layers.shows(n.kind)))
            })
        })
    });
    // Counted without building the list: in overview mode the list is never needed.
    let in_view = Memo::new(move |_| {
        let a = area.get().rect();
        state.nodes.with(|n| state.positions.with(|p| cull::count(n, p, a)))
    });
    let overview = Memo::new(move |_| in_view.get() > OVERVIEW_LIMIT);
    // The whole design in world coordinates: panning the overview redraws nothing.
    let whole = Memo::new(move |_| {
        super::trace::time("overview", || {
            state
                .nodes
                .with(|n| state.edges.with(|e| state.positions.with(|p| cull::overview(n, e, p))))
        })
    });
    // The drawing of what is in view: frames, routed edges with labels, stubs.
    // Computed in tasks of their own after the change (an edit, a drop, a pan into new
    // space): the change's own task stays short, and the routes follow a moment later.
    // The part that does not depend on the view (frames, nodes, edges to route, stubs) is
    // kept until the design, the positions or the layers change: a pan only routes.
    let scene = RwSignal::new(super::state::shared(Scene::default()));
    let latest = super::latest::Latest::new();
    let base: StoredValue<Option<Base>> = StoredValue::new(None);
    // How many times the view-independent scene was computed (`data-scenes`, for tests).
    let scenes = RwSignal::new(0u32);
    // The routes are drawn a slice per task (`Drawer`); an edit that leaves the base as it
    // was and the view where it was draws nothing again.
    let drawer = Drawer {
        state,
        latest,
        base,
        scene,
        drawn_for: StoredValue::new(None),
        routing: RwSignal::new(false),
        finished: RwSignal::new(0),
        slices: RwSignal::new(0),
    };
    // What the drawing is computed from: when it is as it was and the view too, nothing
    // is drawn again; else the base (when it changed) and then the routes, each in a task
    // of its own, unless a newer change comes first.
    let compare = move |options: SceneOptions| {
        let key = state.graph.with_untracked(|g| {
            state.positions.with_untracked(|p| {
                let inputs = state.scene_inputs.get_untracked();
                (g.clone(), p.clone(), inputs, options.layers)
            })
        });
        if base.with_value(|b| b.as_ref().is_some_and(|b| b.key == key)) {
            if drawer.drawn_for.get_value() == Some(options) {
                // What is shown is this view's drawing (one in progress for another
                // view was stopped by this change).
                drawer.routing.set(false);
                state.drawn_again();
            } else {
                drawer.draw(options);
            }
            return;
        }
        // The base and then the routes, each in a task of its own, unless a newer
        // change comes first.
        latest.schedule(std::time::Duration::ZERO, move || {
            let unrouted = super::trace::time("scene (unrouted)", || {
                state.design.with_value(|d| layout::scene::unrouted(d, &key.0, &key.1, key.3))
            });
            base.set_value(Some(Base { key, scene: unrouted }));
            // The drawing shown is of another base: no view of this one is drawn yet.
            drawer.drawn_for.set_value(None);
            scenes.update(|n| *n += 1);
            latest.schedule(std::time::Duration::ZERO, move || drawer.draw(options));
        });
    };
    Effect::new(move |_| {
        let options = SceneOptions {
            layers: state.layers.get(),
            area: Some(area.get().rect()),
            edges: !overview.get(),
        };
        // The graph and the rest of what the drawing reads are derived in the scheduled
        // task, not in the edit's own (at 10,000 resources the graph alone is 25–30 ms).
        state.content.track();
        state.positions.track();
        // Long enough that a drag or a pan (a change every frame) routes once it pauses,
        // not on every frame; short enough not to be noticed after an edit.
        latest.schedule(SCENE_DELAY, move || {
            // The graph in a task of its own (after a rename at 10,000 resources it is
            // 25–30 ms), then the rest of the key.
            state.graph.with_untracked(|_| ());
            latest.schedule(std::time::Duration::ZERO, move || compare(options));
        });
    });
    let edges = Memo::new(move |_| scene.with(|s| cull::routed_edges(s, &area.get().rect())));
    let edges = stage::Staged::follow(edges);
    let stubs = Memo::new(move |_| scene.with(|s| cull::stubs(s, &area.get().rect())));
    let frames = move || {
        let (a, size) = (area.get().rect(), title_size.get());
        scene.with(|s| cull::frames(s, &a, size))
    };
    let transform = move || {
        let v = state.view.get();
        format!("scale({}) translate({},{})", v.zoom, -v.x, -v.y)
    };
    let gestures = pointer::Gestures::new(state, svg, scene);
    let palette_drag = PaletteDrag::new(state, svg);
    provide_context(palette_drag);
    provide_context(keys::KeyConnect::new());
    let content = move || {
        if overview.get() {
            whole.with(draw::overview).into_any()
        } else {
            view! {
                <g class="stubs">
                    <For each=move || stubs.get() key=|s| s.clone() let:s>
                        {draw::stub(s)}
                    </For>
                </g>
                <g class="edges">
                    <For each=move || edges.shown.get() key=|e| e.clone() let:e>
                        {draw::edge(state, e)}
                    </For>
                    {draw::dragged_lines(state, edges.shown, area)}
                </g>
                <g class="nodes">
                    <For each=move || nodes.get() key=|n| n.clone() let:n>
                        {draw::node(state, n)}
                    </For>
                </g>
            }
            .into_any()
        }
    };
    view! {
        <div class="canvas-wrap" class:palette-dragging=move || palette_drag.ghost.with(Option::is_some)>
            <svg
                node_ref=svg
                class="canvas"
                data-testid="canvas"
                data-zoom=move || format!("{:.3}", state.view.get().zoom)
                data-drawn=move || in_view.get().to_string()
                data-scenes=move || scenes.get().to_string()
                data-routing=move || (drawer.routing.get() || edges.behind.get()).to_string()
                data-drawings=move || drawer.finished.get().to_string()
                data-slices=move || drawer.slices.get().to_string()
                class:overview=move || overview.get()
                class:coarse=move || !detail.get()
                on:pointerdown=move |e| gestures.down(e)
                on:pointermove=move |e| gestures.moved(e)
                on:pointerup=move |e| gestures.up(e)
                on:pointercancel=move |e| gestures.up(e)
                on:wheel=move |e| gestures.wheel(e)
                tabindex="0"
                role="application"
                aria-roledescription="canvas"
                aria-label="Design canvas: arrow keys pan, + and − zoom, 0 shows 100 %, F fits; Tab goes to the nodes, C on a node connects it"
                on:keydown=move |e| keys::canvas_key(state, &e)
            >
                <defs>
                </defs>
                <g class="world" transform=transform>
                    <g class="frames">
                        <For each=frames key=|f| f.clone() let:f>
                            {draw::frame(state, f, move |ns: &str| {
                                palette_drag.ghost.with(|g| g.as_ref().and_then(|g| g.namespace.as_deref()) == Some(ns))
                            })}
                        </For>
                    </g>
                    {content}
                    {gestures.overlays()}
                    {palette_drag.ghost_view()}
                </g>
            </svg>
            <Toolbar />
            <keys::ConnectPicker />
            <Show when=move || state.nodes.with(|n| n.is_empty())>
                <div class="canvas-empty" data-testid="canvas-empty">
                    <p>"The design is empty."</p>
                    <p>"Open a template, add resources from the palette, paste manifests, or drop files and folders here."</p>
                </div>
            </Show>
        </div>
    }
}

/// What the view-independent scene is computed from: the graph, the positions, the rest
/// of what it reads of the design, and the layers (compared by allocation).
type BaseKey = (Shared<Graph>, Shared<HashMap<ResourceId, Point>>, Shared<SceneInputs>, Layers);

/// The view-independent part of the canvas's scene and what it was computed from.
struct Base {
    /// The graph, the positions, the rest of what it reads of the design and the layers it
    /// was computed from.
    key: BaseKey,
    /// Frames, nodes, edges to route and stubs (`layout::scene::unrouted`).
    scene: Scene,
}

/// Where the canvas's drawing is: the signals its attributes show and what the drawing of
/// the current view reads and writes. `Copy`.
#[derive(Clone, Copy)]
struct Drawer {
    state: AppState,
    /// The newest change's scheduler (a newer change stops a drawing in progress).
    latest: super::latest::Latest,
    /// The view-independent scene and what it was computed from.
    base: StoredValue<Option<Base>>,
    /// The drawing shown: the last one finished.
    scene: RwSignal<Shared<Scene>>,
    /// The view the drawing shown was finished for.
    drawn_for: StoredValue<Option<SceneOptions>>,
    /// True while a drawing is in progress (`data-routing`).
    routing: RwSignal<bool>,
    /// Drawings finished so far (`data-drawings`, for tests).
    finished: RwSignal<u32>,
    /// The slices the last one took (`data-slices`, for tests).
    slices: RwSignal<u32>,
}

impl Drawer {
    /// Starts drawing the view `options` of the cached base: node text, routes and labels,
    /// a slice per task; the drawing shown stays until the new one is finished.
    fn draw(self, options: SceneOptions) {
        let drawing = self.base.with_value(|b| {
            let b = b.as_ref()?;
            Some(super::trace::time("scene (prepare)", || {
                self.state.design.with_value(|d| Drawing::new(&b.scene, d, options))
            }))
        });
        if let Some(drawing) = drawing {
            self.routing.set(true);
            self.latest
                .schedule(std::time::Duration::ZERO, move || self.slice(drawing, options, 1));
        }
    }

    /// Draws the next slice of `drawing` (the `n`th), and schedules the one after; a
    /// finished drawing is shown in a task of its own.
    fn slice(self, mut drawing: Drawing, options: SceneOptions, n: u32) {
        let start = super::trace::now();
        let mut steps = 0;
        let done = super::trace::time("scene (route slice)", || {
            drawing.advance(|| {
                steps += 1;
                steps < SLICE_STEPS && super::trace::now() - start < SLICE_MS
            })
        });
        let next: Box<dyn FnOnce()> = if done {
            Box::new(move || {
                let scene = drawing.finish();
                super::trace::note(|| {
                    format!("scene (routes) in {n} slices, {} edges", scene.edges.len())
                });
                self.scene.try_set(super::state::shared(scene));
                // In the next task: by then the edges drawn anew have replaced those that
                // followed a drop, which are not drawn back along their old routes first.
                let state = self.state;
                set_timeout(move || state.drawn_again(), std::time::Duration::ZERO);
                self.drawn_for.set_value(Some(options));
                self.routing.set(false);
                self.slices.set(n);
                self.finished.update(|f| *f += 1);
            })
        } else {
            Box::new(move || self.slice(drawing, options, n + 1))
        };
        self.latest.schedule(std::time::Duration::ZERO, next);
    }
}

/// Zoom, fit and layout buttons over the canvas.
#[component]
fn Toolbar() -> impl IntoView {
    let state = use_state();
    view! {
        <div class="canvas-toolbar" role="toolbar" aria-label="Canvas">
            <super::palette::Palette />
            <button class="icon-button" title="Undo (Ctrl+Z)" data-testid="undo" on:click=move |_| state.undo()>"↶"</button>
            <button class="icon-button" title="Redo (Ctrl+Shift+Z)" data-testid="redo" on:click=move |_| state.redo()>"↷"</button>
            <button class="icon-button" title="Zoom in" data-testid="zoom-in" on:click=move |_| state.zoom_by(1.25)>"+"</button>
            <button class="icon-button" title="Zoom out" data-testid="zoom-out" on:click=move |_| state.zoom_by(0.8)>"−"</button>
            <button class="icon-button" title="Fit to screen (F)" data-testid="fit" on:click=move |_| state.fit()>"⤢"</button>
            <button class="icon-button" title="Automatic layout" data-testid="relayout" on:click=move |_| state.relayout()>"▦"</button>
            <super::layers::LayersControl />
            <span class="zoom-level" data-testid="zoom-level">{move || format!("{:.0}%", state.view.get().zoom * 100.0)}</span>
        </div>
    }
}
