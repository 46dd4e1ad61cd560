//! Dragging a palette entry onto the canvas (pointer events, so it works the same with
//! mouse, pen and touch and can be tested in a real browser). A press on an entry that
//! moves more than a few pixels becomes a drag: the palette closes, a ghost node follows
//! the pointer over the canvas and the namespace frame under it is highlighted; releasing
//! over the canvas adds the resource there (in that namespace), releasing anywhere else
//! or pressing Escape cancels. A press that does not move stays a click.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::core::design::Point;
use crate::core::layout::{NODE_HEIGHT, NODE_WIDTH};
use crate::core::palette::{self, Entry};
use crate::ui::state::AppState;

/// Pointer travel (pixels) that turns a press on an entry into a drag.
const DRAG_THRESHOLD: f64 = 5.0;

/// Where a dragged entry would land.
#[derive(Debug, Clone, PartialEq)]
pub struct Ghost {
    /// The entry dragged.
    pub entry: &'static Entry,
    /// World point under the pointer; `None` when the pointer is not over the canvas.
    pub at: Option<Point>,
    /// The namespace frame under the pointer.
    pub namespace: Option<String>,
}

/// The palette's drag state, shared by the palette (which starts it) and the canvas
/// (which draws the ghost); provided as a context by the canvas. `Copy`.
#[derive(Clone, Copy)]
pub struct PaletteDrag {
    state: AppState,
    svg: NodeRef<leptos::svg::Svg>,
    /// The palette menu is open.
    pub open: RwSignal<bool>,
    /// A press on an entry that has not moved enough yet: entry id and client point.
    pressed: StoredValue<Option<(&'static str, f64, f64)>>,
    /// The drag in progress.
    pub ghost: RwSignal<Option<Ghost>>,
}

impl PaletteDrag {
    /// The drag state of the canvas `svg`, listening to the window's pointer and keys.
    pub fn new(state: AppState, svg: NodeRef<leptos::svg::Svg>) -> Self {
        let this = Self {
            state,
            svg,
            open: RwSignal::new(false),
            pressed: StoredValue::new(None),
            ghost: RwSignal::new(None),
        };
        let _ = window_event_listener(leptos::ev::pointermove, move |e| this.moved(&e));
        let _ = window_event_listener(leptos::ev::pointerup, move |e| this.released(&e));
        let _ = window_event_listener(leptos::ev::pointercancel, move |_| this.cancel(None));
        this.listen_for_escape();
        this
    }

    /// Escape cancels a drag, and only that: a capturing listener on the document runs
    /// before the window's shortcuts (which would also clear the selection).
    fn listen_for_escape(self) {
        let on_key =
            Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                if e.key() == "Escape" && self.ghost.get_untracked().is_some() {
                    e.stop_propagation();
                    e.prevent_default();
                    self.cancel(Some("Cancelled: nothing added."));
                }
            });
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            let _ = doc.add_event_listener_with_callback_and_bool(
                "keydown",
                on_key.as_ref().unchecked_ref(),
                true,
            );
        }
        on_key.forget();
    }

    /// A press on the palette entry `id`.
    pub fn press(self, id: &'static str, e: &web_sys::PointerEvent) {
        if e.button() != 0 {
            return;
        }
        // No text selection or focus ring while dragging; the click still follows.
        e.prevent_default();
        self.pressed.set_value(Some((id, f64::from(e.client_x()), f64::from(e.client_y()))));
    }

    fn moved(self, e: &web_sys::PointerEvent) {
        if self.ghost.with_untracked(Option::is_none) {
            let Some((id, x, y)) = self.pressed.get_value() else { return };
            let travel = (f64::from(e.client_x()) - x).abs() + (f64::from(e.client_y()) - y).abs();
            let Some(entry) = palette::entry_by_id(id).filter(|_| travel > DRAG_THRESHOLD) else {
                return;
            };
            self.pressed.set_value(None);
            self.open.set(false);
            self.ghost.set(Some(Ghost { entry, at: None, namespace: None }));
        }
        let at = self.over_canvas(e);
        let namespace = at.and_then(|p| self.frame_at(p));
        self.ghost.update(|g| {
            if let Some(g) = g {
                g.at = at;
                g.namespace = namespace;
            }
        });
    }

    fn released(self, e: &web_sys::PointerEvent) {
        self.pressed.set_value(None);
        let Some(ghost) = self.ghost.get_untracked() else { return };
        self.ghost.set(None);
        match self.over_canvas(e) {
            Some(p) => {
                let at = Point { x: p.x - NODE_WIDTH / 2.0, y: p.y - NODE_HEIGHT / 2.0 };
                let namespace = self.frame_at(p);
                crate::ui::palette::add_entry(self.state, ghost.entry, at, namespace);
            }
            None => self
                .state
                .say(format!("Dropped outside the canvas: no {} added.", ghost.entry.label), false),
        }
    }

    fn cancel(self, message: Option<&str>) {
        self.pressed.set_value(None);
        if self.ghost.get_untracked().is_some() {
            self.ghost.set(None);
            if let Some(m) = message {
                self.state.say(m, false);
            }
        }
    }

    /// The world point under the pointer when the canvas itself is there (not a toolbar,
    /// panel or dialog over it).
    fn over_canvas(self, e: &web_sys::PointerEvent) -> Option<Point> {
        let svg = self.svg.get_untracked()?;
        let (cx, cy) = (e.client_x(), e.client_y());
        let under = web_sys::window()?.document()?.element_from_point(cx as f32, cy as f32)?;
        if !svg.contains(Some(&under)) {
            return None;
        }
        let r = svg.get_bounding_client_rect();
        let view = self.state.view.get_untracked();
        Some(view.to_world(f64::from(cx) - r.left(), f64::from(cy) - r.top()))
    }

    /// The namespace of the smallest frame holding the world point `p`.
    fn frame_at(self, p: Point) -> Option<String> {
        self.state.frames.with_untracked(|frames| {
            frames
                .iter()
                .filter(|f| {
                    p.x >= f.rect.x
                        && p.x <= f.rect.right()
                        && p.y >= f.rect.y
                        && p.y <= f.rect.bottom()
                })
                .min_by(|a, b| {
                    (a.rect.width * a.rect.height).total_cmp(&(b.rect.width * b.rect.height))
                })
                .map(|f| f.namespace.clone())
        })
    }

    /// The ghost node under the pointer, in world coordinates (drawn inside the canvas).
    pub fn ghost_view(self) -> impl IntoView {
        move || {
            let g = self.ghost.get()?;
            let p = g.at?;
            let (x, y) = (p.x - NODE_WIDTH / 2.0, p.y - NODE_HEIGHT / 2.0);
            let into = g.namespace.map(|ns| format!("into namespace {ns}")).unwrap_or_default();
            Some(view! {
                <g class="palette-ghost" data-testid="palette-ghost" transform=format!("translate({x},{y})")>
                    <rect class="node-shape" width=NODE_WIDTH height=NODE_HEIGHT rx="8"></rect>
                    <text class="node-kind" x="14" y="26">{g.entry.label}</text>
                    <text class="node-name" x="14" y="46" font-size="14">{into}</text>
                </g>
            })
        }
    }
}
