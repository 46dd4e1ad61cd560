//! The inspector's YAML tab: the resource as text, parsed as you type, errors inline.

use std::time::Duration;

use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::export::emit::to_yaml;
use crate::core::model::ResourceId;
use crate::core::yaml;
use crate::ui::state::{AppState, use_state};

/// Typing pause after which the text is parsed and applied.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// A problem of the text: line and message.
type Problem = (Option<u32>, String);

/// Parses the text of one resource: a single mapping, or the problems.
pub fn parse(text: &str) -> Result<serde_json::Value, Vec<Problem>> {
    let loaded = yaml::load(text);
    if !loaded.problems.is_empty() {
        return Err(loaded.problems.iter().map(|p| (p.line, p.message.clone())).collect());
    }
    match loaded.documents.as_slice() {
        [one] if one.value.is_object() => Ok(one.value.clone()),
        [one] => Err(vec![(Some(one.line), "a resource must be a mapping (key: value)".into())]),
        [] => Err(vec![(None, "the text is empty: write the resource as a YAML mapping".into())]),
        _ => Err(vec![(None, "one resource only: remove the `---` separators".into())]),
    }
}

fn current(state: AppState, id: ResourceId) -> String {
    state.design.with_value(|d| d.get(id).map(|r| to_yaml(&r.doc)).unwrap_or_default())
}

/// The YAML editor of resource `id`.
pub fn editor(id: ResourceId) -> impl IntoView {
    let state = use_state();
    let text = RwSignal::new(current(state, id));
    let problems = RwSignal::new(Vec::<Problem>::new());
    let dirty = StoredValue::new(false);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let area = NodeRef::<leptos::html::Textarea>::new();
    // Edits made elsewhere (form, canvas, undo) show here unless the user is typing.
    Effect::new(move |_| {
        state.content.track();
        if !dirty.get_value() {
            text.set(current(state, id));
        }
    });
    // Cancels a pending debounced apply (on blur, which applies at once, and when the
    // editor goes away, so the timer never touches disposed signals).
    let cancel = move || {
        if let Some(t) = timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
    };
    on_cleanup(cancel);
    let apply = move || {
        if dirty.try_get_value() != Some(true) {
            return;
        }
        dirty.set_value(false);
        match parse(&text.get_untracked()) {
            Ok(doc) => {
                problems.set(Vec::new());
                state.replace(id, doc);
            }
            Err(p) => problems.set(p),
        }
    };
    let on_input = move |e: leptos::ev::Event| {
        text.set(event_target_value(&e));
        dirty.set_value(true);
        cancel();
        timer.set_value(set_timeout_with_handle(apply, DEBOUNCE).ok());
    };
    Effect::new(move |_| {
        let Some(f) = state.focus.get() else { return };
        if f.id != id {
            return;
        }
        let line = yaml::load(&text.get_untracked())
            .documents
            .first()
            .and_then(|d| d.positions.line_of(&f.pointer));
        if let (Some(line), Some(el)) = (line, area.get_untracked()) {
            request_animation_frame(move || select_line(&el, line));
        }
    });
    view! {
        <textarea
            node_ref=area
            class="yaml-editor"
            data-testid="yaml-editor"
            spellcheck="false"
            autocomplete="off"
            wrap="off"
            aria-label="Resource as YAML"
            prop:value=move || text.get()
            on:input=on_input
            on:blur=move |_| {
                cancel();
                apply();
            }
        ></textarea>
        <ul class="yaml-problems" data-testid="yaml-problems" role="status">
            {move || {
                problems
                    .get()
                    .into_iter()
                    .map(|(line, msg)| {
                        let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
                        view! { <li class="problem" data-testid="yaml-problem">{at}{msg}</li> }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

fn select_line(el: &web_sys::HtmlTextAreaElement, line: u32) {
    let text = el.value();
    let mut start = 0u32;
    for (n, l) in text.split('\n').enumerate() {
        let len = u32::try_from(l.encode_utf16().count()).unwrap_or(0);
        if n + 1 == line as usize {
            let h: &web_sys::HtmlElement = el.unchecked_ref();
            let _ = h.focus();
            let _ = el.set_selection_range(start, start + len);
            el.set_scroll_top(((line as i32) - 4).max(0) * 18);
            return;
        }
        start += len + 1;
    }
}
