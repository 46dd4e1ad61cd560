//! The SVG canvas: namespace frames, nodes and edges of the design; pan, zoom, select,
//! rubber-band, drag to move, drag from a port to connect. Only what is in view is drawn,
//! without text when zoomed out, and as a few paths when very many nodes are in view.
//! Palette entries dragged onto the canvas are added where they are dropped (`drop`).

mod cull;
mod draw;
mod drop;
pub use crate::core::layout::family;
mod pointer;

pub use drop::{Ghost, PaletteDrag};

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use self::cull::{Area, OVERVIEW_LIMIT};
use super::state::use_state;
use super::viewport::DETAIL_ZOOM;
use crate::core::layout::FRAME_HEADER;

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
    let nodes = Memo::new(move |_| {
        let (a, d) = (area.get().rect(), detail.get());
        super::trace::time("cull nodes", || {
            state.nodes.with(|n| state.positions.with(|p| cull::nodes(n, p, a, d)))
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
    let edges = Memo::new(move |_| {
        let (a, d) = (area.get().rect(), detail.get() && !overview.get());
        super::trace::time("cull edges", || {
            state.edges.with(|e| state.positions.with(|p| cull::edges(e, p, a, d)))
        })
    });
    let frames = move || {
        let a = area.get().rect();
        state.frames.with(|f| {
            f.iter()
                .filter(|f| f.rect.intersects(&a))
                .map(|f| {
                    (
                        f.namespace.clone(),
                        [f.rect.x, f.rect.y, f.rect.width, f.rect.height].map(|v| v as i64),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let transform = move || {
        let v = state.view.get();
        format!("scale({}) translate({},{})", v.zoom, -v.x, -v.y)
    };
    let gestures = pointer::Gestures::new(state, svg);
    let palette_drag = PaletteDrag::new(state, svg);
    provide_context(palette_drag);
    let drop_target = move |ns: &str| {
        palette_drag.ghost.with(|g| g.as_ref().and_then(|g| g.namespace.as_deref()) == Some(ns))
    };
    let content = move || {
        if overview.get() {
            whole.with(draw::overview).into_any()
        } else {
            view! {
                <g class="edges">
                    <For each=move || edges.get() key=|e| e.clone() let:e>
                        {draw::edge(state, e)}
                    </For>
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
                class:overview=move || overview.get()
                class:coarse=move || !detail.get()
                on:pointerdown=move |e| gestures.down(e)
                on:pointermove=move |e| gestures.moved(e)
                on:pointerup=move |e| gestures.up(e)
                on:pointercancel=move |e| gestures.up(e)
                on:wheel=move |e| gestures.wheel(e)
            >
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0L10 5L0 10z" class="arrow-head"></path>
                    </marker>
                    <marker id="arrow-broken" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0L10 5L0 10z" class="arrow-head broken"></path>
                    </marker>
                </defs>
                <g class="world" transform=transform>
                    <g class="frames">
                        <For each=frames key=|f| f.clone() let:f>
                            <g class="frame" data-testid="frame" data-namespace=f.0.clone()
                                class:drop-target={
                                    let ns = f.0.clone();
                                    move || drop_target(&ns)
                                }>
                                <rect x=f.1[0] y=f.1[1] width=f.1[2] height=f.1[3] rx="10"></rect>
                                <text class="frame-title" x=f.1[0] + 14 y=f.1[1] as f64 + FRAME_HEADER * 0.7>
                                    {format!("namespace {}", f.0)}
                                </text>
                            </g>
                        </For>
                    </g>
                    {content}
                    {gestures.overlays()}
                    {palette_drag.ghost_view()}
                </g>
            </svg>
            <Toolbar />
            <Show when=move || state.nodes.with(|n| n.is_empty())>
                <div class="canvas-empty" data-testid="canvas-empty">
                    <p>"The design is empty."</p>
                    <p>"Open a template, add resources from the palette, paste manifests, or drop files and folders here."</p>
                </div>
            </Show>
        </div>
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
            <span class="zoom-level" data-testid="zoom-level">{move || format!("{:.0}%", state.view.get().zoom * 100.0)}</span>
        </div>
    }
}
