//! `<App/>`: builds the state, provides it, lays out the page and handles shortcuts and
//! dropped files.

use std::collections::{BTreeSet, HashSet};

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::apply::{ApplyPanel, Session};
use super::browser;
use super::canvas::Canvas;
use super::configs::ConfigPanel;
use super::export::ExportPanel;
use super::findings::FindingsPanel;
use super::header::Header;
use super::imports::ImportDetails;
use super::inspector::InspectorPanel;
use super::overlays::{Help, PasteDialog};
use super::resize::SideResizer;
use super::review::ReviewPanel;
use super::secrets::SecretsBanner;
use super::state::{AppState, Panel, use_state};

/// The studio page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    // Validation runs in a worker; every content change sends it what changed.
    super::validation::start_worker(state);
    Effect::new(move |_| {
        state.content.track();
        state.check();
    });
    // The CMF session outlives the Apply tab (plan, statuses and token survive a tab switch).
    Session::provide(state);
    // Reads the saved design (asynchronously), then opens a share link if there is one.
    state.restore();
    state.autosave();
    let prefers_dark = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    state.dark.set(prefers_dark);
    let _ = window_event_listener(ev::pagehide, move |_| state.save_now());
    let _ = window_event_listener(ev::keydown, move |e| shortcut(state, &e));
    let paste = RwSignal::new(false);
    let dragging = RwSignal::new(false);
    let on_drop = move |e: ev::DragEvent| {
        e.prevent_default();
        dragging.set(false);
        if let Some(data) = e.data_transfer() {
            browser::read_drop(data, move |files| state.import(files));
        }
    };
    view! {
        <div
            class="app"
            class:dark=move || state.dark.get()
            class:dragging=move || dragging.get()
            data-testid="app"
            data-theme=move || if state.dark.get() { "dark" } else { "light" }
            on:dragover=move |e: ev::DragEvent| {
                e.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <Header paste=paste />
            <SecretsBanner />
            <main class="workspace" style:--side-width=move || format!("{}px", state.side_width.get())>
                <Canvas />
                <SideResizer />
                <SidePanel />
            </main>
            <StatusLine />
            <Help />
            <PasteDialog open=paste />
        </div>
    }
}

/// The side column: tabs over inspector, findings, configuration, export and apply.
#[component]
fn SidePanel() -> impl IntoView {
    let state = use_state();
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
    let findings = Signal::derive(move || state.findings.with(|f| f.len()));
    let reviewed =
        Signal::derive(move || state.review.with(|r| r.as_ref().map_or(0, |r| r.changes.len())));
    view! {
        <section class="side">
            <nav class="tabs" role="tablist">
                {tab(Panel::Inspector, "inspector", "Inspector", None)}
                {tab(Panel::Findings, "findings", "Findings", Some(findings))}
                {tab(Panel::Config, "config", "Configuration", None)}
                {tab(Panel::Export, "export", "Export", None)}
                {tab(Panel::Apply, "apply", "Apply", None)}
                {tab(Panel::Review, "review", "Review", Some(reviewed))}
            </nav>
            <div class="panel-body">
                {move || match state.panel.get() {
                    Panel::Inspector => view! { <InspectorPanel /> }.into_any(),
                    Panel::Findings => view! { <FindingsPanel /> }.into_any(),
                    Panel::Config => view! { <ConfigPanel /> }.into_any(),
                    Panel::Export => view! { <ExportPanel /> }.into_any(),
                    Panel::Apply => view! { <ApplyPanel /> }.into_any(),
                    Panel::Review => view! { <ReviewPanel /> }.into_any(),
                }}
            </div>
        </section>
    }
}

/// The last message (import results, refusals, autosave problems) on one line, with a
/// button to dismiss it and, after an import, one to list the files; while the browser
/// refuses to store the design, a button to save the design file instead.
#[component]
fn StatusLine() -> impl IntoView {
    let state = use_state();
    let details = RwSignal::new(false);
    let text = move || state.message.with(|m| m.as_ref().map(|m| m.0.clone()).unwrap_or_default());
    view! {
        <footer class="statusline" class:error=move || state.message.with(|m| m.as_ref().is_some_and(|m| m.1))>
            <span role="status" class="message" data-testid="message" title=text>{text}</span>
            <Show when=move || state.import_report.with(Option::is_some)>
                <button class="button link" data-testid="import-details-open" on:click=move |_| details.set(true)>
                    "Details"
                </button>
            </Show>
            <Show when=move || state.message.with(Option::is_some)>
                <button class="button link" data-testid="message-dismiss" aria-label="Dismiss the message"
                    title="Dismiss" on:click=move |_| {
                        state.message.set(None);
                        state.import_report.set(None);
                    }>
                    "Dismiss"
                </button>
            </Show>
            <Show when=move || state.storage_problem.with(Option::is_some)>
                <span class="storage-problem" data-testid="storage-problem"
                    title=move || state.storage_problem.get().unwrap_or_default()>
                    "Not saved in this browser. "
                    <button class="button" data-testid="storage-save"
                        on:click=move |_| state.download_design_file()>
                        "Save the design file"
                    </button>
                </span>
            </Show>
            <ImportDetails open=details />
        </footer>
    }
}

fn in_text_field(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Keyboard shortcuts (not while typing in a field).
fn shortcut(state: AppState, e: &web_sys::KeyboardEvent) {
    // Keys a focused element consumed (the canvas pans with the arrows) are not shortcuts.
    if e.default_prevented() || in_text_field(e) {
        return;
    }
    let ctrl = e.ctrl_key() || e.meta_key();
    let selection = || state.selection.get_untracked();
    match (ctrl, e.key().as_str()) {
        (false, "Delete" | "Backspace") => state.remove(&selection()),
        (true, "d" | "D") => {
            e.prevent_default();
            state.duplicate(&selection());
        }
        (true, "a") => {
            e.prevent_default();
            let all: BTreeSet<_> = state.nodes.with_untracked(|n| n.iter().map(|n| n.id).collect());
            state.selection.set(all);
        }
        (true, "z" | "Z") if e.shift_key() => {
            e.prevent_default();
            state.redo();
        }
        (true, "z") => {
            e.prevent_default();
            state.undo();
        }
        (true, "y") => {
            e.prevent_default();
            state.redo();
        }
        (false, "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown") => {
            // Arrows move the selection (Shift: further), as a drag does.
            let ids: HashSet<_> = selection().into_iter().collect();
            if ids.is_empty() {
                return;
            }
            e.prevent_default();
            let step = if e.shift_key() { 100.0 } else { 20.0 };
            let (dx, dy) = match e.key().as_str() {
                "ArrowLeft" => (-step, 0.0),
                "ArrowRight" => (step, 0.0),
                "ArrowUp" => (0.0, -step),
                _ => (0.0, step),
            };
            let _ = state.drop_by(&ids, dx, dy, None);
        }
        (false, "f" | "F") => state.fit(),
        (false, "+" | "=") => state.zoom_by(1.25),
        (false, "-") => state.zoom_by(0.8),
        (false, "?") => state.help.set(true),
        (false, "Escape") => {
            if state.help.get_untracked() {
                state.help.set(false);
            } else {
                state.selection.set(BTreeSet::new());
            }
        }
        _ => {}
    }
}
