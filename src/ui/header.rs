//! The top bar: title, example loader, file picker and the validation summary.

use leptos::ev;
use leptos::prelude::*;

use super::examples::{self, EXAMPLES};
use super::{browser, state::use_state};
use crate::core::finding::Summary;

/// The top bar.
#[component]
pub fn Header() -> impl IntoView {
    let state = use_state();
    let on_example = move |e: ev::Event| {
        let select = event_target::<web_sys::HtmlSelectElement>(&e);
        if let Some(files) = examples::files(&select.value()) {
            state.replace_all(files);
        }
        select.set_value("");
    };
    let on_pick = move |e: ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&e);
        if let Some(list) = input.files() {
            browser::read_files(list, move |files| state.add_files(files));
        }
        input.set_value("");
    };
    view! {
        <header class="topbar">
            <h1>"Flink Studio"</h1>
            <select class="button" data-testid="example-select" on:change=on_example>
                <option value="">"Load example…"</option>
                {EXAMPLES
                    .iter()
                    .map(|e| view! { <option value=e.id>{e.title}</option> })
                    .collect_view()}
            </select>
            <label class="button">
                "Open files…"
                <input
                    type="file"
                    multiple
                    accept=".yaml,.yml,.json"
                    class="visually-hidden"
                    data-testid="file-input"
                    on:change=on_pick
                />
            </label>
            <span class="hint-text">"or drop files anywhere"</span>
            <SummaryBar />
        </header>
    }
}

/// Counts per severity and whether the shown results are up to date.
#[component]
fn SummaryBar() -> impl IntoView {
    let state = use_state();
    let summary = Memo::new(move |_| state.findings.with(|f| Summary::of(f)));
    // Re-read whenever the design changes; reading the findings runs validation if needed,
    // so the count is current (it does not grow when an edit leaves the design unchanged).
    let runs = move || {
        state.imported.track();
        state.findings.with(|_| ());
        state.validations.get_value()
    };
    view! {
        <div class="summary" data-testid="summary">
            <span class="sev error" data-testid="count-error">
                {move || summary.get().errors}
                " errors"
            </span>
            <span class="sev warning" data-testid="count-warning">
                {move || summary.get().warnings}
                " warnings"
            </span>
            <span class="sev info" data-testid="count-info">
                {move || summary.get().infos}
                " infos"
            </span>
            <span
                class="status"
                data-testid="status"
                data-state=move || if state.typing.get() { "typing" } else { "checked" }
                data-validations=runs
            >
                {move || if state.typing.get() { "editing…" } else { "checked" }}
            </span>
        </div>
    }
}
