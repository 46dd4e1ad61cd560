//! The inspector's form: typed inputs per kind and the Flink configuration table.

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::fields::{self, Field, Input};
use crate::core::model::ResourceId;
use crate::core::options::{self, FlinkVersion};
use crate::ui::state::{AppState, use_state};

/// Options offered for completion at most.
const COMPLETIONS: usize = 40;

/// Sets a field of resource `id` (`None` removes it).
fn set(state: AppState, id: ResourceId, pointer: &str, value: Option<Value>) {
    state.set_field(id, pointer, value);
}

/// True when the form has an input for `pointer` of resource `id`.
pub fn shows(state: AppState, id: ResourceId, pointer: &str) -> bool {
    state.design.with_value(|d| {
        d.get(id).is_some_and(|r| {
            fields::fields(r).iter().any(|f| f.pointer == pointer)
                || fields::flink_configuration(r)
                    .is_some_and(|(c, _)| pointer.starts_with(&format!("{c}/")))
        })
    })
}

/// The form of resource `id`.
pub fn form(id: ResourceId) -> impl IntoView {
    let state = use_state();
    let layout = Memo::new(move |_| {
        state.content.track();
        state
            .design
            .with_value(|d| d.get(id).map(|r| (fields::fields(r), fields::flink_configuration(r))))
    });
    Effect::new(move |_| {
        let Some(f) = state.focus.get() else { return };
        if f.id == id {
            request_animation_frame(move || focus_pointer(&f.pointer));
        }
    });
    move || {
        layout.get().map(|(list, config)| {
            view! {
                <form class="form" data-testid="form" on:submit=|e| e.prevent_default()>
                    {list.into_iter().map(|f| field(state, id, f)).collect_view()}
                </form>
                {config.map(|(c, title)| view! { <ConfigTable id=id pointer=c title=title /> })}
            }
        })
    }
}

fn field(state: AppState, id: ResourceId, f: Field) -> impl IntoView {
    let Field { pointer, label, input } = f;
    let p = pointer.clone();
    let value = Memo::new(move |_| {
        state.content.track();
        state
            .design
            .with_value(|d| d.get(id).map(|r| fields::text_of(&r.doc, &p)).unwrap_or_default())
    });
    let commit = {
        let pointer = pointer.clone();
        move |text: String| set(state, id, &pointer, fields::parse_input(input, &text))
    };
    let control = match input {
        Input::Choice(values) => {
            let commit = commit.clone();
            view! {
                <select data-pointer=pointer.clone() prop:value=move || value.get() on:change=move |e| commit(event_target_value(&e))>
                    <option value="">"(not set)"</option>
                    {values.iter().map(|v| view! { <option value=*v>{*v}</option> }).collect_view()}
                    {move || {
                        let v = value.get();
                        (!v.is_empty() && !values.contains(&v.as_str())).then(|| view! { <option value=v.clone()>{v.clone()}</option> })
                    }}
                </select>
            }
            .into_any()
        }
        Input::Bool => view! {
            <input type="checkbox" data-pointer=pointer.clone() prop:checked=move || value.get() == "true"
                on:change=move |e| commit(event_target_checked(&e).to_string()) />
        }
        .into_any(),
        Input::Long => view! {
            <textarea rows="4" data-pointer=pointer.clone() prop:value=move || value.get()
                on:change=move |e| commit(event_target_value(&e))></textarea>
        }
        .into_any(),
        Input::Number | Input::Text => view! {
            <input type=if input == Input::Number { "number" } else { "text" } data-pointer=pointer.clone()
                prop:value=move || value.get() on:change=move |e| commit(event_target_value(&e)) />
        }
        .into_any(),
    };
    view! {
        <label class="field" data-testid="field" data-field=pointer.clone()>
            <span class="field-label">{label}</span>
            {control}
        </label>
    }
}

/// The Flink configuration at `pointer` as an editable key/value table; new keys
/// complete from the real option names.
#[component]
fn ConfigTable(id: ResourceId, pointer: String, title: &'static str) -> impl IntoView {
    let state = use_state();
    let p = pointer.clone();
    let entries = Memo::new(move |_| {
        state.content.track();
        state.design.with_value(|d| {
            d.get(id)
                .and_then(|r| r.doc.pointer(&p))
                .and_then(Value::as_object)
                .map(|m| m.iter().map(|(k, v)| (k.clone(), scalar_text(v))).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let new_key = RwSignal::new(String::new());
    let new_value = RwSignal::new(String::new());
    let completions = Memo::new(move |_| {
        let prefix = new_key.get();
        if prefix.len() < 2 {
            return Vec::new();
        }
        options::catalog()
            .complete(&prefix, FlinkVersion::LATEST)
            .into_iter()
            .take(COMPLETIONS)
            .map(|o| o.key.clone())
            .collect::<Vec<_>>()
    });
    let base = StoredValue::new(pointer);
    let key_pointer = move |k: &str| {
        base.with_value(|p| format!("{p}/{}", k.replace('~', "~0").replace('/', "~1")))
    };
    let add = move || {
        let (k, v) = (new_key.get_untracked(), new_value.get_untracked());
        if k.trim().is_empty() {
            return;
        }
        set(state, id, &key_pointer(k.trim()), Some(Value::String(v)));
        new_key.set(String::new());
        new_value.set(String::new());
    };
    let add = StoredValue::new(add);
    view! {
        <section class="config-table" data-testid="flink-config">
            <h3>{title}</h3>
            <table class="grid">
                <tbody>
                    <For each=move || entries.get() key=|e| e.clone() let:e>
                        {
                            let (k, v) = e;
                            let kp = key_pointer(&k);
                            let (kp2, kp3) = (kp.clone(), kp.clone());
                            view! {
                                <tr data-testid="config-row" data-key=k.clone()>
                                    <td><code>{k.clone()}</code></td>
                                    <td>
                                        <input data-pointer=kp.clone() prop:value=v
                                            on:change=move |e| set(state, id, &kp2, Some(Value::String(event_target_value(&e)))) />
                                    </td>
                                    <td>
                                        <button class="icon-button" title="Remove" data-testid="config-remove"
                                            on:click=move |_| set(state, id, &kp3, None)>"×"</button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                    <tr>
                        <td>
                            <input list="flink-options" placeholder="key" data-testid="config-new-key"
                                prop:value=move || new_key.get() on:input=move |e| new_key.set(event_target_value(&e)) />
                            <datalist id="flink-options">
                                {move || completions.get().into_iter().map(|k| view! { <option value=k></option> }).collect_view()}
                            </datalist>
                        </td>
                        <td>
                            <input placeholder="value" data-testid="config-new-value" prop:value=move || new_value.get()
                                on:input=move |e| new_value.set(event_target_value(&e))
                                on:keydown=move |e| if e.key() == "Enter" { add.with_value(|f| f()) } />
                        </td>
                        <td><button class="button" data-testid="config-add" on:click=move |_| add.with_value(|f| f())>"Add"</button></td>
                    </tr>
                </tbody>
            </table>
        </section>
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

/// Focuses the input editing `pointer` (or its nearest ancestor field).
fn focus_pointer(pointer: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(list) = doc.query_selector_all("[data-pointer]") else { return };
    let mut best: Option<(usize, web_sys::HtmlElement)> = None;
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) else {
            continue;
        };
        let p = el.get_attribute("data-pointer").unwrap_or_default();
        if (pointer == p || pointer.starts_with(&format!("{p}/")))
            && best.as_ref().is_none_or(|b| p.len() > b.0)
        {
            best = Some((p.len(), el));
        }
    }
    if let Some((_, el)) = best {
        let _ = el.focus();
        let _ = el.class_list().add_1("flash");
    }
}
