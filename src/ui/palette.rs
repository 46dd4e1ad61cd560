//! The palette: add any kind, with defaults from `core::palette`. A click adds at the
//! centre of the view; dragging an entry onto the canvas (`canvas::drop`) adds it where it
//! is dropped, in the namespace of the frame it is dropped in. Outside a frame the new
//! resource goes into the namespace of the selected resource. Either way it lands on the
//! nearest free spot (`core::layout::Occupancy`), is selected, and one undo removes it.

use leptos::prelude::*;

use super::canvas::PaletteDrag;
use super::state::{AppState, Panel, use_state};
use crate::core::design::Point;
use crate::core::layout::{NODE_HEIGHT, NODE_WIDTH};
use crate::core::model::Kind;
use crate::core::palette::{self, Entry};

/// Adds a new resource of `entry` wanted at `at` (top-left corner), in `namespace` or else
/// in the namespace of the selected resource; selects it and opens the inspector.
pub fn add_entry(state: AppState, entry: &Entry, at: Point, namespace: Option<String>) {
    let namespace = namespace.or_else(|| selected_namespace(state));
    let doc = state.design.with_value(|d| palette::new_resource(d, entry, namespace.as_deref()));
    if state.add(doc, Some(at)).is_some() {
        let hint = entry
            .needs
            .map(|n| format!(" It needs {n}: drag from its top port to connect."))
            .unwrap_or_default();
        state.say(format!("Added {}.{hint}", entry.label), false);
        state.panel.set(Panel::Inspector);
    }
}

/// The namespace of the selected resource (a namespace's own name for a namespace).
fn selected_namespace(state: AppState) -> Option<String> {
    let s = state.selected_one()?;
    state.design.with_value(|d| {
        d.get(s).and_then(|r| {
            r.namespace()
                .map(str::to_string)
                .or_else(|| (r.kind == Kind::Namespace).then(|| r.name().to_string()))
        })
    })
}

/// The palette, as a drop-down over the canvas.
#[component]
pub fn Palette() -> impl IntoView {
    let state = use_state();
    let drag = expect_context::<PaletteDrag>();
    let open = drag.open;
    let add = move |id: &'static str| {
        let Some(entry) = palette::entry_by_id(id) else { return };
        let v = state.view.get_untracked();
        let (w, h) = state.canvas_size.get_untracked();
        let centre = v.to_world(w / 2.0, h / 2.0);
        let at = Point { x: centre.x - NODE_WIDTH / 2.0, y: centre.y - NODE_HEIGHT / 2.0 };
        add_entry(state, entry, at, None);
        open.set(false);
    };
    view! {
        <div class="palette">
            <button class="button primary" data-testid="palette-open" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>"+ Add"</button>
            <Show when=move || open.get()>
                <div class="palette-menu" data-testid="palette" role="group" aria-label="Add a resource">
                    {palette::groups()
                        .into_iter()
                        .map(|(group, entries)| view! {
                            <section>
                                <h3>{group.label()}</h3>
                                {entries
                                    .into_iter()
                                    .map(|e| view! {
                                        <button class="palette-item" data-testid="palette-item" data-entry=e.id
                                            title=e.needs.map_or_else(
                                                || "Click to add, or drag onto the canvas".to_string(),
                                                |n| format!("needs {n} · click to add, or drag onto the canvas"),
                                            )
                                            on:pointerdown=move |ev| drag.press(e.id, &ev)
                                            on:click=move |_| add(e.id)>
                                            {e.label}
                                        </button>
                                    })
                                    .collect_view()}
                            </section>
                        })
                        .collect_view()}
                </div>
            </Show>
        </div>
    }
}
