//! The editor: one tab per file, a name field and the text area.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::analysis::SourceFile;
use super::state::use_state;
use crate::core::finding::Severity;

/// Line height of the text area in pixels (must match `style/main.css`).
const LINE_PX: i32 = 20;

/// The editor pane.
#[component]
pub fn Editor() -> impl IntoView {
    let state = use_state();
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let active_text = Memo::new(move |_| {
        let i = state.active.get();
        state.files.with(|f| f.get(i).map(|f| f.text.clone()).unwrap_or_default())
    });
    let active_name = Memo::new(move |_| {
        let i = state.active.get();
        state.files.with(|f| f.get(i).map(|f| f.name.clone()).unwrap_or_default())
    });
    Effect::new(move |_| {
        let Some(r) = state.reveal.get() else { return };
        let text = state.files.with_untracked(|f| f.get(r.file).map(|f| f.text.clone()));
        if let (Some(el), Some(text)) = (textarea.get_untracked(), text) {
            request_animation_frame(move || select_line(&el, &text, r.line));
        }
    });
    view! {
        <section class="editor-pane">
            <FileTabs />
            <div class="file-bar">
                <label>
                    "Name "
                    <input
                        data-testid="file-name"
                        prop:value=move || active_name.get()
                        on:change=move |e| state.rename(state.active.get_untracked(), event_target_value(&e))
                    />
                </label>
            </div>
            <textarea
                node_ref=textarea
                data-testid="editor"
                aria-label="Manifest text"
                spellcheck="false"
                autocomplete="off"
                wrap="off"
                placeholder="Paste Kubernetes, CFK or CMF manifests (YAML or JSON) here, or drop files anywhere on the page."
                prop:value=move || active_text.get()
                on:input=move |e| state.edit(event_target_value(&e))
                on:blur=move |_| state.flush()
            ></textarea>
        </section>
    }
}

/// One tab per file, with its error count, plus "New file".
#[component]
fn FileTabs() -> impl IntoView {
    let state = use_state();
    let names = Memo::new(move |_| {
        state.files.with(|f| f.iter().map(|f| f.name.clone()).collect::<Vec<_>>())
    });
    let errors_in = move |name: &str| {
        state.findings.with(|all| {
            all.iter()
                .filter(|f| f.severity == Severity::Error && f.file.as_deref() == Some(name))
                .count()
        })
    };
    view! {
        <div class="file-tabs" role="tablist">
            {move || {
                names
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let label = name.clone();
                        view! {
                            <span class="file-tab" class:active=move || state.active.get() == i>
                                <button data-testid="file-tab" on:click=move |_| state.open(i)>
                                    <span data-testid="file-tab-name">{label}</span>
                                    {move || match errors_in(&name) {
                                        0 => None,
                                        n => Some(view! { <span class="badge error">{n}</span> }),
                                    }}
                                </button>
                                <button
                                    class="close"
                                    data-testid="file-close"
                                    aria-label="Remove file"
                                    on:click=move |_| state.remove(i)
                                >
                                    "×"
                                </button>
                            </span>
                        }
                    })
                    .collect_view()
            }}
            <button
                class="file-new"
                data-testid="file-new"
                on:click=move |_| state.add_files(vec![SourceFile::new(state.fresh_name(), "")])
            >
                "+ New"
            </button>
        </div>
    }
}

/// Selects line `line` (1-based) of `text` in the text area and scrolls to it.
fn select_line(el: &web_sys::HtmlTextAreaElement, text: &str, line: u32) {
    let (start, end) = line_range(text, line);
    let el: &web_sys::HtmlElement = el.unchecked_ref();
    let _ = el.focus();
    let area: &web_sys::HtmlTextAreaElement = el.unchecked_ref();
    let _ = area.set_selection_range(start, end);
    let target = (i32::try_from(line).unwrap_or(i32::MAX) - 4).max(0) * LINE_PX;
    area.set_scroll_top(target);
}

/// UTF-16 offsets of the start and end of line `line` (1-based) of `text`.
fn line_range(text: &str, line: u32) -> (u32, u32) {
    let mut offset = 0u32;
    for (n, l) in text.split('\n').enumerate() {
        let len = u32::try_from(l.encode_utf16().count()).unwrap_or(u32::MAX);
        if n + 1 == line as usize {
            return (offset, offset.saturating_add(len));
        }
        offset = offset.saturating_add(len + 1);
    }
    (offset, offset)
}
