//! `<App/>`: builds the state, provides it, and lays out the page.

use leptos::ev;
use leptos::prelude::*;

use super::apply::ApplyPanel;
use super::browser;
use super::configs::ConfigPanel;
use super::editor::Editor;
use super::export::ExportPanel;
use super::findings::FindingsPanel;
use super::header::Header;
use super::resources::ResourcesPanel;
use super::state::{AppState, Panel};

/// The studio page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::restore();
    provide_context(state);
    state.autosave();
    // Keystrokes still waiting for the debounce are saved when the page goes away.
    let _ = window_event_listener(ev::pagehide, move |_| state.flush());
    let dragging = RwSignal::new(false);
    let on_drop = move |e: ev::DragEvent| {
        e.prevent_default();
        dragging.set(false);
        if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
            browser::read_files(list, move |files| state.add_files(files));
        }
    };
    view! {
        <div
            class="app"
            class:dragging=move || dragging.get()
            data-testid="app"
            on:dragover=move |e: ev::DragEvent| {
                e.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <Header />
            <main class="workspace">
                <Editor />
                <Results />
            </main>
            <ApplyPanel />
        </div>
    }
}

/// The results column: tabs over findings, resources, configuration and export.
#[component]
fn Results() -> impl IntoView {
    let state = super::state::use_state();
    let tab =
        move |panel: Panel, id: &'static str, label: &'static str, count: Option<Signal<usize>>| {
            view! {
                <button
                    class="tab"
                    role="tab"
                    data-testid=format!("tab-{id}")
                    aria-selected=move || (state.panel.get() == panel).to_string()
                    class:active=move || state.panel.get() == panel
                    on:click=move |_| state.panel.set(panel)
                >
                    {label}
                    {count.map(|c| view! { <span class="count">{move || c.get()}</span> })}
                </button>
            }
        };
    let findings = Signal::derive(move || state.findings.with(Vec::len));
    let resources = Signal::derive(move || state.imported.with(|i| i.design.resources.len()));
    let configs = Signal::derive(move || state.configs.with(Vec::len));
    view! {
        <section class="results">
            <nav class="tabs" role="tablist">
                {tab(Panel::Findings, "findings", "Findings", Some(findings))}
                {tab(Panel::Resources, "resources", "Resources", Some(resources))}
                {tab(Panel::Config, "config", "Configuration", Some(configs))}
                {tab(Panel::Export, "export", "kubectl YAML", None)}
            </nav>
            <div class="panel-body">
                {move || match state.panel.get() {
                    Panel::Findings => view! { <FindingsPanel /> }.into_any(),
                    Panel::Resources => view! { <ResourcesPanel /> }.into_any(),
                    Panel::Config => view! { <ConfigPanel /> }.into_any(),
                    Panel::Export => view! { <ExportPanel /> }.into_any(),
                }}
            </div>
        </section>
    }
}
