//! The top bar: examples, open files / folder, paste, save, theme, help, and the
//! validation summary.

use leptos::ev;
use leptos::prelude::*;

use super::examples::{self, EXAMPLES};
use super::persist::design_of;
use super::secrets::RememberSecrets;
use super::{browser, state::use_state};
use crate::core::finding::Summary;
use crate::core::{design_file, templates};

/// The top bar.
#[component]
pub fn Header(
    /// Whether the paste dialog is open.
    paste: RwSignal<bool>,
) -> impl IntoView {
    let state = use_state();
    let on_example = move |e: ev::Event| {
        let select = event_target::<web_sys::HtmlSelectElement>(&e);
        let id = select.value();
        if super::review::load_scenario(state, &id) {
        } else if let Some(t) = templates::by_id(&id) {
            let (d, findings) = t.design();
            state.load(d, t.id);
            state.import_findings.set(findings);
            state.say(t.description, false);
        } else if let Some(files) = examples::files(&id) {
            let (d, findings) = design_of(&files);
            state.load(d, &id);
            state.import_findings.set(findings);
        }
        select.set_value("");
    };
    let on_pick = move |e: ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&e);
        if let Some(list) = input.files() {
            browser::read_files(list, move |files| open(state, files));
        }
        input.set_value("");
    };
    let save = move |_| state.download_design_file();
    let share = move |_| match state.share_link() {
        Ok((link, notice)) => {
            let shown = link.clone();
            browser::copy(link, move |ok| {
                let what = if ok {
                    "Share link copied"
                } else {
                    "Share link (copy it from the address bar)"
                };
                let extra = notice.map(|n| format!(" Note: {n}.")).unwrap_or_default();
                state.say(format!("{what}: {} characters, no secrets.{extra}", shown.len()), false);
            });
        }
        Err(e) => state.say(format!("No share link: {e}."), true),
    };
    let folder = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = folder.get() {
            el.set_webkitdirectory(true);
        }
    });
    view! {
        <header class="topbar">
            <h1>"Flink Studio"</h1>
            <select class="button" data-testid="example-select" aria-label="Open a template" on:change=on_example>
                <option value="">"Templates…"</option>
                <optgroup label="Templates">
                    {templates::TEMPLATES.iter().filter(|t| !t.is_broken()).map(|t| view! { <option value=t.id>{t.title}</option> }).collect_view()}
                </optgroup>
                <optgroup label="Broken, for learning">
                    {templates::TEMPLATES.iter().filter(|t| t.is_broken()).map(|t| view! { <option value=t.id>{t.title}</option> }).collect_view()}
                </optgroup>
                <optgroup label="Change scenarios (review)">
                    {templates::SCENARIOS.iter().map(|s| view! { <option value=s.id>{s.title}</option> }).collect_view()}
                </optgroup>
                <optgroup label="Examples">
                    {EXAMPLES.iter().map(|e| view! { <option value=e.id>{e.title}</option> }).collect_view()}
                </optgroup>
            </select>
            <label class="button" title="Open manifests or a design file">
                "Open…"
                <input type="file" multiple accept=".yaml,.yml,.json" class="visually-hidden" data-testid="file-input" on:change=on_pick />
            </label>
            <label class="button" title="Import every manifest of a folder">
                "Folder…"
                <input node_ref=folder type="file" multiple class="visually-hidden" data-testid="folder-input" on:change=on_pick />
            </label>
            <button class="button" data-testid="paste-open" on:click=move |_| paste.set(true)>"Paste…"</button>
            <button class="button" data-testid="save-design" on:click=save>"Save"</button>
            <button class="button" data-testid="share" on:click=share>"Share link"</button>
            <RememberSecrets />
            <SummaryBar />
            <button class="icon-button" data-testid="theme" title="Light / dark theme" on:click=move |_| state.dark.update(|d| *d = !*d)>
                {move || if state.dark.get() { "☀" } else { "☾" }}
            </button>
            <button class="icon-button" data-testid="help-open" title="Keyboard shortcuts (?)" on:click=move |_| state.help.set(true)>"?"</button>
        </header>
    }
}

/// Opens picked files: a lone design file replaces the design, anything else is imported
/// into it.
fn open(state: super::state::AppState, files: Vec<super::analysis::SourceFile>) {
    match files.as_slice() {
        [one] if design_file::is_design_file(&one.text) => {
            let loaded = design_file::load(&one.name, &one.text);
            let name = one.name.trim_end_matches(".yaml").trim_end_matches(".fstudio").to_string();
            state.load(loaded.design, &name);
            state.import_findings.set(loaded.findings);
            state.say(format!("Opened {}.", one.name), false);
        }
        _ => state.import(files),
    }
}

/// Counts per severity and whether the shown results are up to date.
#[component]
fn SummaryBar() -> impl IntoView {
    let state = use_state();
    let summary = Memo::new(move |_| state.findings.with(|f| Summary::of(f)));
    let runs = move || state.validations.get();
    // Counted on the design, not on the graph: the canvas builds its graph after the edit.
    let resources = move || {
        state.content.track();
        state.design.with_value(|d| d.resources.len())
    };
    // "checking" while the worker validates a newer revision than the one shown.
    let checked = move || {
        if !state.restored.get() {
            "restoring"
        } else if state.checked.get() == state.content.get() {
            "checked"
        } else {
            "checking"
        }
    };
    view! {
        <div class="summary" data-testid="summary">
            <span class="sev error" data-testid="count-error">{move || summary.get().errors}" errors"</span>
            <span class="sev warning" data-testid="count-warning">{move || summary.get().warnings}" warnings"</span>
            <span class="sev info" data-testid="count-info">{move || summary.get().infos}" infos"</span>
            <span class="status" data-testid="status" data-state=checked data-validations=runs
                data-validator=move || state.validator_at.get()
                data-resources=move || resources().to_string()
                data-saved=move || state.saved.get().map(|s| s.to_string()).unwrap_or_default()>
                {move || format!("{} resources", resources())}
            </span>
            // Shown only when checking lasts (CSS delay): quick edits do not flicker.
            <Show when=move || checked() == "checking">
                <span class="checking" data-testid="checking" title="The rules are running on the latest edit; the counts follow.">"checking…"</span>
            </Show>
        </div>
    }
}
