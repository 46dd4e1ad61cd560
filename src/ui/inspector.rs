//! The inspector: the selected resource as a form (typed fields, enum selects, the Flink
//! configuration as a key/value table with completion) and as YAML; both edit the same
//! document, so they stay in step.

mod form;
mod yaml;

use leptos::prelude::*;

use super::state::use_state;
use crate::core::model::ResourceId;

/// Which tab of the inspector is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Form,
    Yaml,
}

/// The inspector panel.
#[component]
pub fn InspectorPanel() -> impl IntoView {
    let state = use_state();
    let tab = RwSignal::new(Tab::Form);
    let one = Memo::new(move |_| state.selected_one());
    // A finding's field that the form does not show is revealed in the YAML tab.
    Effect::new(move |_| {
        if let Some(f) = state.focus.get()
            && !form::shows(state, f.id, &f.pointer)
        {
            tab.set(Tab::Yaml);
        }
    });
    view! {
        <div class="panel inspector" data-testid="inspector">
            {move || match one.get() {
                Some(id) => selected(id, tab).into_any(),
                None => many().into_any(),
            }}
        </div>
    }
}

fn selected(id: ResourceId, tab: RwSignal<Tab>) -> impl IntoView {
    let state = use_state();
    let title = move || {
        state.content.track();
        state
            .design
            .with_value(|d| d.get(id).map(|r| (r.kind_str().to_string(), r.name().to_string())))
    };
    let button = move |t: Tab, label: &'static str, testid: &'static str| {
        view! {
            <button
                class="tab small"
                role="tab"
                data-testid=testid
                class:active=move || tab.get() == t
                aria-selected=move || (tab.get() == t).to_string()
                on:click=move |_| tab.set(t)
            >
                {label}
            </button>
        }
    };
    view! {
        <header class="inspector-head">
            <h2 data-testid="inspector-title">
                {move || title().map(|(k, n)| format!("{k} {n}")).unwrap_or_default()}
            </h2>
            <nav class="tabs" role="tablist">
                {button(Tab::Form, "Form", "inspector-tab-form")}
                {button(Tab::Yaml, "YAML", "inspector-tab-yaml")}
            </nav>
        </header>
        {move || match tab.get() {
            Tab::Form => form::form(id).into_any(),
            Tab::Yaml => yaml::editor(id).into_any(),
        }}
    }
}

fn many() -> impl IntoView {
    let state = use_state();
    let count = move || state.selection.with(|s| s.len());
    view! {
        <Show
            when=move || { count() > 1 }
            fallback=|| view! {
                <p class="empty" data-testid="inspector-empty">
                    "Select a node to edit it. Shift- or Ctrl-click to select several; Shift-drag on the background draws a selection box."
                </p>
            }
        >
            <p data-testid="inspector-many">{move || format!("{} resources selected.", count())}</p>
            <div class="toolbar">
                <button class="button" data-testid="selection-duplicate" on:click=move |_| state.duplicate(&state.selection.get_untracked())>
                    "Duplicate (Ctrl+D)"
                </button>
                <button class="button danger" data-testid="selection-delete" on:click=move |_| state.remove(&state.selection.get_untracked())>
                    "Delete (Del)"
                </button>
            </div>
        </Show>
    }
}
