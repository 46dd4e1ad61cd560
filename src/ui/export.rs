//! The kubectl export with copy and download buttons.

use leptos::prelude::*;

use super::{browser, state::use_state};

/// The kubectl YAML of the design.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let state = use_state();
    let note = RwSignal::new("");
    let copy = move |_| {
        browser::copy(state.export.get_untracked(), move |ok| {
            note.set(if ok { "Copied." } else { "Copy failed: select the text and copy it." });
        });
    };
    let download = move |_| {
        let text = state.export.get_untracked();
        let ok = browser::download("flink-studio.yaml", &text, "application/yaml").is_ok();
        note.set(if ok { "Downloaded flink-studio.yaml." } else { "Download failed." });
    };
    let empty = move || state.export.with(|e| e.trim().is_empty());
    view! {
        <div class="panel" data-testid="export">
            <div class="toolbar">
                <button class="button" data-testid="export-copy" disabled=empty on:click=copy>
                    "Copy"
                </button>
                <button class="button" data-testid="export-download" disabled=empty on:click=download>
                    "Download"
                </button>
                <span class="muted" data-testid="export-note" role="status">{move || note.get()}</span>
            </div>
            <Show
                when=move || !empty()
                fallback=|| view! {
                    <p class="empty" data-testid="export-empty">"Nothing to export for this design yet."</p>
                }
            >
                <pre class="code" data-testid="export-yaml">{move || state.export.get()}</pre>
            </Show>
        </div>
    }
}
