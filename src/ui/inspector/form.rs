//! The inspector's form: renders `core::forms` (typed inputs per kind, the Flink
//! configuration tables); it decides nothing about a kind.

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::core::forms::{self, ConfigTable, Field, Input};
use crate::core::model::ResourceId;
use crate::core::options;
use crate::core::pointer;
use crate::ui::state::{AppState, use_state};

/// Options offered for completion at most.
const COMPLETIONS: usize = 40;

/// Sets a field of resource `id` (`None` removes it).
fn set(state: AppState, id: ResourceId, pointer: &str, value: Option<Value>) {
    state.set_field(id, pointer, value);
}

/// True when the form has an input for `pointer` of resource `id`.
pub fn shows(state: AppState, id: ResourceId, pointer: &str) -> bool {
    state.design.with_value(|d| d.get(id).is_some_and(|r| forms::shows(r, pointer)))
}

/// The form of resource `id`.
pub fn form(id: ResourceId) -> impl IntoView {
    let state = use_state();
    let layout = Memo::new(move |_| {
        state.content.track();
        state.design.with_value(|d| {
            let targets = crate::ui::analysis::targets(d);
            d.get(id).map(|r| (forms::fields_for(r, &targets), forms::config_tables(r)))
        })
    });
    Effect::new(move |_| {
        let Some(f) = state.focus.get() else { return };
        if f.id == id {
            request_animation_frame(move || focus_pointer(&f.pointer));
        }
    });
    move || {
        layout.get().map(|(list, tables)| {
            view! {
                <form class="form" data-testid="form" on:submit=|e| e.prevent_default()>
                    {list.into_iter().map(|f| field(state, id, f)).collect_view()}
                </form>
                {tables
                    .into_iter()
                    .enumerate()
                    .map(|(index, table)| view! { <ConfigMapTable id=id table=table index=index /> })
                    .collect_view()}
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
            .with_value(|d| d.get(id).map(|r| forms::text_of(&r.doc, &p)).unwrap_or_default())
    });
    let commit = {
        let pointer = pointer.clone();
        move |text: String| set(state, id, &pointer, forms::parse_input(input, &text))
    };
    let control = match input {
        Input::Choice(choices) => {
            let commit = commit.clone();
            view! {
                <select data-pointer=pointer.clone() prop:value=move || value.get() on:change=move |e| commit(event_target_value(&e))>
                    <option value="">"(not set)"</option>
                    {choices.values().into_iter().map(|v| { let label = v.clone(); view! { <option value=v>{label}</option> } }).collect_view()}
                    {move || {
                        let v = value.get();
                        (!v.is_empty() && !choices.contains(&v)).then(|| view! { <option value=v.clone()>{v.clone()}</option> })
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
    let at = pointer.clone();
    let help = Memo::new(move |_| {
        state.content.track();
        let now = (js_sys::Date::now() / 1000.0) as i64;
        state.design.with_value(|d| d.get(id).and_then(|r| forms::help(r, &at, now)))
    });
    view! {
        <label class="field" data-testid="field" data-field=pointer.clone()>
            <span class="field-label">{label}</span>
            {control}
            {move || help.get().map(|text| view! { <span class="field-help" data-testid="field-help">{text}</span> })}
        </label>
    }
}

/// A Flink configuration map as an editable key/value table; new keys complete from the
/// option names of the table's Flink version, values of enum and boolean options from
/// their allowed values.
#[component]
fn ConfigMapTable(id: ResourceId, table: ConfigTable, index: usize) -> impl IntoView {
    let state = use_state();
    let ConfigTable { pointer, title, note, version } = table;
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
            .complete(&prefix, version)
            .into_iter()
            .take(COMPLETIONS)
            .map(|o| o.key.clone())
            .collect::<Vec<_>>()
    });
    let new_key_values = Memo::new(move |_| forms::value_choices(&new_key.get(), version));
    let base = StoredValue::new(pointer.clone());
    let key_pointer = move |k: &str| base.with_value(|p| pointer::push(p, k));
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
    let keys_list = format!("flink-options-{index}");
    let values_list = format!("flink-values-{index}");
    view! {
        <section class="config-table" data-testid="flink-config" data-map=pointer>
            <h3>{title}</h3>
            {note.map(|n| view! { <p class="hint-text" data-testid="flink-config-note">{n}</p> })}
            <table class="grid">
                <tbody>
                    <For each=move || entries.get() key=|e| e.clone() let:e>
                        {
                            let (k, v) = e;
                            let kp = key_pointer(&k);
                            let (kp2, kp3) = (kp.clone(), kp.clone());
                            let choices = forms::value_choices(&k, version);
                            let list = format!("flink-values-{index}-{}", k.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
                            view! {
                                <tr data-testid="config-row" data-key=k.clone()>
                                    <td><code>{k.clone()}</code></td>
                                    <td>
                                        <input data-pointer=kp.clone() prop:value=v
                                            list=(!choices.is_empty()).then(|| list.clone())
                                            on:change=move |e| set(state, id, &kp2, Some(Value::String(event_target_value(&e)))) />
                                        {(!choices.is_empty()).then(|| view! {
                                            <datalist id=list data-testid="config-value-choices">
                                                {choices.into_iter().map(|c| view! { <option value=c></option> }).collect_view()}
                                            </datalist>
                                        })}
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
                            <input list=keys_list.clone() placeholder="key" data-testid="config-new-key"
                                prop:value=move || new_key.get() on:input=move |e| new_key.set(event_target_value(&e)) />
                            <datalist id=keys_list>
                                {move || completions.get().into_iter().map(|k| view! { <option value=k></option> }).collect_view()}
                            </datalist>
                        </td>
                        <td>
                            <input list=values_list.clone() placeholder="value" data-testid="config-new-value" prop:value=move || new_value.get()
                                on:input=move |e| new_value.set(event_target_value(&e))
                                on:keydown=move |e| if e.key() == "Enter" { add.with_value(|f| f()) } />
                            <datalist id=values_list data-testid="config-new-value-choices">
                                {move || new_key_values.get().into_iter().map(|c| view! { <option value=c></option> }).collect_view()}
                            </datalist>
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
