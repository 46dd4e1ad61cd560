//! The canvas without a mouse: with the canvas focused, arrow keys pan it (Shift: further),
//! `+` / `-` zoom, `0` shows it at 100 % and `F` fits the design; with a node focused, `C`
//! starts a connection from it and a dialog lists every resource it can be connected to
//! (filter by typing, arrows to move, Enter to connect, Escape to cancel). The connection
//! is the one a drag from the node's port makes (`AppState::connect`: the same core edit,
//! undoable).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::connect;
use crate::core::graph::EdgeKind;
use crate::core::model::ResourceId;
use crate::core::pointer::dotted;
use crate::ui::state::{AppState, use_state};

/// Screen pixels one arrow key pans the canvas (Shift: four times as far).
const PAN_STEP: f64 = 80.0;

/// The keyboard connection in progress (the node it starts from); provided by the canvas.
#[derive(Clone, Copy)]
pub struct KeyConnect {
    from: RwSignal<Option<ResourceId>>,
}

impl KeyConnect {
    /// No connection in progress.
    pub fn new() -> Self {
        Self { from: RwSignal::new(None) }
    }

    /// `C` on the focused node `id` starts a connection from it; true when handled.
    pub fn node_key(self, id: ResourceId, e: &web_sys::KeyboardEvent) -> bool {
        let plain = !(e.ctrl_key() || e.meta_key() || e.alt_key());
        if plain && matches!(e.key().as_str(), "c" | "C") {
            e.prevent_default();
            self.from.set(Some(id));
            return true;
        }
        false
    }
}

/// Keys pressed while the canvas itself (not a node or frame on it) has the focus: pan and
/// zoom. Handled keys are consumed (the page's own shortcuts skip them).
pub fn canvas_key(state: AppState, e: &web_sys::KeyboardEvent) {
    let on_canvas = match (e.target(), e.current_target()) {
        (Some(t), Some(c)) => t == c,
        _ => false,
    };
    if !on_canvas || e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    let step = if e.shift_key() { 4.0 * PAN_STEP } else { PAN_STEP };
    let pan = |dx: f64, dy: f64| {
        state.view.update(|v| {
            v.x += dx / v.zoom;
            v.y += dy / v.zoom;
        })
    };
    match e.key().as_str() {
        "ArrowLeft" => pan(-step, 0.0),
        "ArrowRight" => pan(step, 0.0),
        "ArrowUp" => pan(0.0, -step),
        "ArrowDown" => pan(0.0, step),
        "+" | "=" => state.zoom_by(1.25),
        "-" => state.zoom_by(0.8),
        "0" => {
            let zoom = state.view.get_untracked().zoom;
            state.zoom_by(1.0 / zoom);
        }
        "f" | "F" => state.fit(),
        _ => return,
    }
    e.prevent_default();
}

/// One resource the connection can go to.
#[derive(Clone, PartialEq)]
struct Target {
    id: ResourceId,
    /// Kind and name.
    name: String,
    /// What connecting does (the field it sets).
    effect: String,
}

/// What a connection changes, in a few words.
fn effect(c: &connect::Connection) -> String {
    match (c.edge, c.field.as_str()) {
        (None, _) => "moves it into this namespace".to_string(),
        (Some(EdgeKind::Catalog), "") => "sets its catalog".to_string(),
        (Some(_), "") => "sets its environment".to_string(),
        (Some(_), field) => format!("sets {}", dotted(field)),
    }
}

/// Every resource `from` can be connected to, nearest first.
fn targets(state: AppState, from: ResourceId) -> (String, Vec<Target>) {
    let positions = state.positions.get_untracked();
    let at = |id: &ResourceId| positions.get(id).copied();
    let origin = at(&from);
    state.design.with_value(|d| {
        let source =
            d.get(from).map(|r| format!("{} {}", r.kind_str(), r.name())).unwrap_or_default();
        let mut list: Vec<(f64, Target)> = connect::targets_for(d, from)
            .into_iter()
            .filter_map(|to| {
                let r = d.get(to)?;
                let c = connect::connection(d, from, to).ok()?;
                let distance = match (origin, at(&to)) {
                    (Some(a), Some(b)) => (a.x - b.x).hypot(a.y - b.y),
                    _ => f64::INFINITY,
                };
                let name = format!("{} {}", r.kind_str(), r.name());
                Some((distance, Target { id: to, name, effect: effect(&c) }))
            })
            .collect();
        list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.name.cmp(&b.1.name)));
        (source, list.into_iter().map(|(_, t)| t).collect())
    })
}

/// Moves the focus to the node `id` on the canvas, and again while the node is drawn anew
/// after the change (its new findings), unless the focus went elsewhere meanwhile.
fn focus_node(id: ResourceId) {
    for ms in [0u64, 150, 500, 1200, 2500] {
        set_timeout(
            move || {
                let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
                let lost =
                    doc.active_element().is_none_or(|a| Some(a) == doc.body().map(Into::into));
                if !lost {
                    return;
                }
                let node = doc
                    .query_selector(&format!("[data-testid=\"node\"][data-id=\"{}\"]", id.0))
                    .ok()
                    .flatten()
                    .and_then(|el| el.dyn_into::<web_sys::SvgElement>().ok());
                if let Some(el) = node {
                    let _ = el.focus();
                }
            },
            std::time::Duration::from_millis(ms),
        );
    }
}

/// Moves the focus `by` buttons along the target list (from the filter: to the first).
fn step_focus(list: &web_sys::Element, by: i32) {
    let Ok(buttons) = list.query_selector_all("button") else { return };
    let n = buttons.length() as i32;
    if n == 0 {
        return;
    }
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let current = (0..n).find(|&k| {
        buttons
            .get(k as u32)
            .zip(active.as_ref())
            .is_some_and(|(b, a)| b.dyn_ref::<web_sys::Element>().is_some_and(|b| b == a))
    });
    let next = match current {
        Some(k) => (k + by).clamp(0, n - 1),
        None if by < 0 => n - 1,
        None => 0,
    };
    if let Some(b) =
        buttons.get(next as u32).and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = b.focus();
    }
}

/// The dialog of a keyboard connection: the resources the focused node can be connected
/// to, filtered by what is typed.
#[component]
pub fn ConnectPicker() -> impl IntoView {
    let state = use_state();
    let keys = expect_context::<KeyConnect>();
    let filter = RwSignal::new(String::new());
    let listed = Memo::new(move |_| keys.from.get().map(|from| (from, targets(state, from))));
    let input = NodeRef::<leptos::html::Input>::new();
    let list = NodeRef::<leptos::html::Ul>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let close = move |connect_to: Option<ResourceId>| {
        let Some(from) = keys.from.get_untracked() else { return };
        keys.from.set(None);
        filter.set(String::new());
        if let Some(to) = connect_to {
            state.connect(from, to);
        }
        focus_node(from);
    };
    let keydown = move |e: leptos::ev::KeyboardEvent| {
        let by = match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                close(None);
                return;
            }
            "ArrowDown" => 1,
            "ArrowUp" => -1,
            "Home" => -10_000,
            "End" => 10_000,
            _ => return,
        };
        e.prevent_default();
        if let Some(l) = list.get_untracked() {
            step_focus(&l, by);
        }
    };
    let body = move || {
        let (_, (source, all)) = listed.get()?;
        let wanted = filter.get().to_lowercase();
        let shown: Vec<Target> =
            all.into_iter().filter(|t| t.name.to_lowercase().contains(&wanted)).collect();
        let empty = shown.is_empty();
        let items = shown
            .into_iter()
            .map(|t| {
                let to = t.id;
                view! {
                    <li>
                        <button class="connect-target" data-testid="connect-target" data-id=to.0.to_string()
                            on:click=move |_| close(Some(to))>
                            <span class="name">{t.name}</span>
                            " " <span class="muted">{t.effect}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <h2 id="connect-title">"Connect " {source} " to…"</h2>
            <input class="input" type="search" node_ref=input data-testid="connect-filter"
                aria-label="Filter the targets" placeholder="Filter by kind or name"
                prop:value=move || filter.get() on:input=move |e| filter.set(event_target_value(&e)) />
            {empty.then(|| view! { <p class="empty" data-testid="connect-none">"Nothing it can be connected to."</p> })}
            <ul class="connect-list" node_ref=list aria-labelledby="connect-title">{items}</ul>
            <p class="muted hint">"↑ ↓ choose, Enter connects, Escape cancels."</p>
            <button class="button" data-testid="connect-cancel" on:click=move |_| close(None)>"Cancel"</button>
        })
    };
    view! {
        <Show when=move || keys.from.with(Option::is_some)>
            <div class="overlay" data-testid="connect-picker" role="dialog" aria-modal="true"
                aria-labelledby="connect-title" on:click=move |_| close(None) on:keydown=keydown>
                <div class="dialog connect-dialog" on:click=|e| e.stop_propagation()>{body}</div>
            </div>
        </Show>
    }
}
