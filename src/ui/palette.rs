//! The palette: add any kind, with defaults from `core::palette`, at the centre of the
//! view and in the namespace of the selected resource.

use leptos::prelude::*;

use super::state::use_state;
use crate::core::design::Point;
use crate::core::layout::{NODE_HEIGHT, NODE_WIDTH};
use crate::core::palette;

/// The palette, as a drop-down over the canvas.
#[component]
pub fn Palette() -> impl IntoView {
    let state = use_state();
    let open = RwSignal::new(false);
    let add = move |id: &'static str| {
        let Some(entry) = palette::entry_by_id(id) else { return };
        let namespace = state.selected_one().and_then(|s| {
            state.design.with_value(|d| {
                d.get(s).and_then(|r| {
                    r.namespace().map(str::to_string).or_else(|| {
                        (r.kind == crate::core::model::Kind::Namespace)
                            .then(|| r.name().to_string())
                    })
                })
            })
        });
        let doc =
            state.design.with_value(|d| palette::new_resource(d, entry, namespace.as_deref()));
        let v = state.view.get_untracked();
        let (w, h) = state.canvas_size.get_untracked();
        let centre = v.to_world(w / 2.0, h / 2.0);
        let at = Point { x: centre.x - NODE_WIDTH / 2.0, y: centre.y - NODE_HEIGHT / 2.0 };
        if state.add(doc, Some(at)).is_some() {
            let hint = entry
                .needs
                .map(|n| format!(" It needs {n}: drag from its top port to connect."))
                .unwrap_or_default();
            state.say(format!("Added {}.{hint}", entry.label), false);
            state.panel.set(super::state::Panel::Inspector);
        }
        open.set(false);
    };
    view! {
        <div class="palette">
            <button class="button primary" data-testid="palette-open" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>"+ Add"</button>
            <Show when=move || open.get()>
                <div class="palette-menu" data-testid="palette" role="menu">
                    {palette::groups()
                        .into_iter()
                        .map(|(group, entries)| view! {
                            <section>
                                <h3>{group.label()}</h3>
                                {entries
                                    .into_iter()
                                    .map(|e| view! {
                                        <button class="palette-item" role="menuitem" data-testid="palette-item" data-entry=e.id
                                            title=e.needs.map(|n| format!("needs {n}")).unwrap_or_default()
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
