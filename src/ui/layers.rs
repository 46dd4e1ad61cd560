//! The layers control: show or hide RBAC plumbing, secrets and volumes, installs,
//! external systems and edge labels on the canvas and in the exported diagram, with a
//! "documentation" preset. Layers are view state: remembered in this browser's
//! `localStorage`, never written into the design.

use leptos::prelude::*;

use super::state::use_state;
use crate::core::layout::{Layer, Layers};

/// Storage key of the hidden layers (`rbac,labels`).
const KEY: &str = "flink-studio/layers/v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The layers remembered in this browser (all shown on a first visit).
pub fn load() -> Layers {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map_or(Layers::ALL, |t| Layers::from_text(&t))
}

fn save(layers: Layers) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, &layers.to_text());
    }
}

/// The "Layers" button of the canvas toolbar and its menu.
#[component]
pub fn LayersControl() -> impl IntoView {
    let state = use_state();
    let open = RwSignal::new(false);
    let set = move |layers: Layers| {
        state.layers.set(layers);
        save(layers);
    };
    let rows = move || {
        Layer::ALL
            .into_iter()
            .map(|layer| {
                view! {
            <label class="layer-row">
                <input
                    type="checkbox"
                    data-testid=format!("layer-{}", layer.key())
                    prop:checked=move || state.layers.get().shown(layer)
                    on:change=move |e| set(state.layers.get_untracked().with(layer, event_target_checked(&e)))
                />
                " " {layer.label()}
            </label>
                }
            })
            .collect_view()
    };
    let hidden = move || Layer::ALL.iter().filter(|l| !state.layers.get().shown(**l)).count();
    view! {
        <div class="layers">
            <button
                class="icon-button layers-button"
                title="Layers: what the canvas and the diagram show"
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                data-testid="layers"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Layers"
                {move || (hidden() > 0).then(|| view! { <span class="count">{format!("−{}", hidden())}</span> })}
            </button>
            <Show when=move || open.get()>
                <div class="layers-menu" data-testid="layers-menu" role="group" aria-label="Layers">
                    {rows}
                    <div class="layer-presets">
                        <button class="button" data-testid="layers-documentation"
                            title="Hide RBAC plumbing and edge labels, for architecture documents"
                            on:click=move |_| set(Layers::DOCUMENTATION)>"Documentation"</button>
                        <button class="button" data-testid="layers-all" on:click=move |_| set(Layers::ALL)>"Show all"</button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
