//! The savepoints of one of the design's applications or statements on CMF: list them,
//! pin or unpin one, delete those of a source older than an age (after an in-page
//! confirmation; says how many were deleted). Pin, unpin and bulk delete need CMF 2.4:
//! against an older target CMF (the design's) they are refused up front, naming the
//! feature. Everything is `core::cmf::savepoints`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Session;
use crate::core::cmf::endpoints::ObjectKey;
use crate::core::cmf::plan;
use crate::core::cmf::savepoints::{self, Age, Savepoint, Source};
use crate::core::model::Kind;
use crate::core::targets::Targets;
use crate::ui::state::use_state;

/// The savepoints panel's own signals.
#[derive(Clone, Copy)]
struct Panel {
    owner: RwSignal<Option<ObjectKey>>,
    list: RwSignal<Option<Vec<Savepoint>>>,
    message: RwSignal<Option<String>>,
    source: RwSignal<Source>,
    amount: RwSignal<String>,
    hours: RwSignal<bool>,
    confirming: RwSignal<bool>,
}

fn refresh(session: Session, panel: Panel) {
    let Some(owner) = panel.owner.get_untracked() else { return };
    let client = session.client();
    session.busy.set(true);
    spawn_local(async move {
        match savepoints::list(&client, &owner).await {
            Ok(list) => panel.list.set(Some(list)),
            Err(e) => panel.message.set(Some(e.to_string())),
        }
        session.busy.set(false);
    });
}

fn pin(session: Session, panel: Panel, name: String, pinned: bool) {
    let Some(owner) = panel.owner.get_untracked() else { return };
    let client = session.client();
    session.busy.set(true);
    spawn_local(async move {
        match savepoints::set_pinned(&client, &owner, &name, pinned).await {
            Ok(s) => panel.message.set(Some(format!(
                "{} is {}.",
                s.name,
                if s.pinned { "pinned" } else { "not pinned" }
            ))),
            Err(e) => panel.message.set(Some(e.to_string())),
        }
        session.busy.set(false);
        refresh(session, panel);
    });
}

fn age(panel: Panel) -> Result<Age, String> {
    let unit = if panel.hours.get_untracked() { "h" } else { "d" };
    Age::parse(&format!("{}{unit}", panel.amount.get_untracked().trim()))
}

fn delete(session: Session, panel: Panel) {
    let Some(owner) = panel.owner.get_untracked() else { return };
    let Ok(age) = age(panel) else { return };
    let source = panel.source.get_untracked();
    let client = session.client();
    panel.confirming.set(false);
    session.busy.set(true);
    spawn_local(async move {
        match savepoints::delete_older(&client, &owner, source, age).await {
            Ok(d) => panel.message.set(Some(format!("{owner}: {d}."))),
            Err(e) => panel.message.set(Some(e.to_string())),
        }
        session.busy.set(false);
        refresh(session, panel);
    });
}

fn row(s: Savepoint, session: Session, panel: Panel, refused: bool) -> impl IntoView {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let (name, pinned) = (s.name.clone(), s.pinned);
    view! {
        <tr data-testid="savepoint" data-name=s.name.clone() data-pinned=s.pinned.to_string()>
            <td>{s.name.clone()}</td>
            <td>{show(&s.source)}</td>
            <td>{show(&s.state)}</td>
            <td>{show(&s.created)}</td>
            <td>
                <button class="button" data-testid="savepoint-pin" disabled=move || refused || session.busy.get()
                    on:click=move |_| pin(session, panel, name.clone(), !pinned)>
                    {if pinned { "Unpin" } else { "Pin" }}
                </button>
            </td>
        </tr>
    }
}

/// The savepoints section of the Apply tab, folded until opened (nothing when the design
/// has no application or statement).
#[component]
pub fn Savepoints(session: Session) -> impl IntoView {
    let app = use_state();
    // The owners come from the design's CMF payloads (≈18 ms natively at 2,000 resources),
    // so they are computed only while the section is open, never on a closed one's edits.
    let open = RwSignal::new(false);
    let any = Memo::new(move |_| {
        app.content.track();
        app.design.with_value(|d| {
            d.of_kind(Kind::Application).next().is_some()
                || d.of_kind(Kind::Statement).next().is_some()
        })
    });
    let owners = Memo::new(move |_| {
        app.content.track();
        let open = open.get();
        app.design.with_value(|d| {
            let keys: Vec<ObjectKey> = if open {
                plan::desired(d)
                    .0
                    .into_iter()
                    .map(|x| x.key)
                    .filter(|k| matches!(k.kind, Kind::Application | Kind::Statement))
                    .collect()
            } else {
                Vec::new()
            };
            (keys, savepoints::refusal(Targets::of(d, d.targets).cmf))
        })
    });
    let panel = Panel {
        owner: RwSignal::new(None),
        list: RwSignal::new(None),
        message: RwSignal::new(None),
        source: RwSignal::new(Source::Schedule),
        amount: RwSignal::new("7".into()),
        hours: RwSignal::new(false),
        confirming: RwSignal::new(false),
    };
    let refused = move || owners.with(|(_, r)| r.clone());
    let choose = move |e: leptos::ev::Event| {
        let i: Option<usize> = event_target_value(&e).parse().ok();
        panel.owner.set(i.and_then(|i| owners.with_untracked(|(k, _)| k.get(i).cloned())));
        panel.list.set(None);
        panel.message.set(None);
        panel.confirming.set(false);
    };
    let question = move || {
        let owner = panel.owner.get().map(|o| o.to_string()).unwrap_or_default();
        match age(panel) {
            Ok(a) => format!(
                "Delete the {} savepoints of {owner} older than {a}? Pinned ones are kept.",
                panel.source.get().as_str()
            ),
            Err(e) => e,
        }
    };
    move || {
        let (keys, _) = owners.get();
        any.get().then(|| view! {
            <details class="apply-savepoints" data-testid="savepoints" prop:open=move || open.get()
                on:toggle=move |e| {
                    use wasm_bindgen::JsCast;
                    let now = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
                    if now != open.get_untracked() { open.set(now) }
                }>
                <summary data-testid="savepoints-open"><h3>"Savepoints on CMF"</h3></summary>
                <label>
                    "Of "
                    <select data-testid="savepoints-owner" on:change=choose>
                        <option value="">"(choose an application or statement)"</option>
                        {keys.iter().enumerate().map(|(i, k)| view! { <option value=i.to_string()>{k.to_string()}</option> }).collect_view()}
                    </select>
                </label>
                <button class="button" data-testid="savepoints-list"
                    disabled=move || panel.owner.get().is_none() || session.busy.get()
                    on:click=move |_| refresh(session, panel)>"List savepoints"</button>
                {move || refused().map(|r| view! { <p class="apply-refusal" data-testid="savepoints-refused">{r}</p> })}
                {move || panel.list.get().map(|list| {
                    let refused = refused().is_some();
                    if list.is_empty() {
                        return view! { <p class="muted" data-testid="savepoints-empty">"No savepoints."</p> }.into_any();
                    }
                    view! {
                        <table class="grid" data-testid="savepoints-table">
                            <thead><tr><th>"name"</th><th>"source"</th><th>"state"</th><th>"created"</th><th>"pinned"</th></tr></thead>
                            <tbody>{list.into_iter().map(|s| row(s, session, panel, refused)).collect_view()}</tbody>
                        </table>
                    }.into_any()
                })}
                <Show when=move || panel.list.get().is_some() && refused().is_none()>
                    <div class="toolbar" data-testid="savepoints-delete">
                        "Delete "
                        <select data-testid="savepoints-source" aria-label="Source"
                            on:change=move |e| if let Some(s) = Source::parse(&event_target_value(&e)) { panel.source.set(s) }>
                            {Source::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=move || panel.source.get() == s>{s.as_str()}</option>
                            }).collect_view()}
                        </select>
                        " savepoints older than "
                        <input type="number" min="1" size="4" data-testid="savepoints-age" aria-label="Age"
                            prop:value=move || panel.amount.get()
                            on:input=move |e| panel.amount.set(event_target_value(&e)) />
                        <select data-testid="savepoints-unit" aria-label="Unit"
                            on:change=move |e| panel.hours.set(event_target_value(&e) == "hours")>
                            <option value="days">"days"</option>
                            <option value="hours">"hours"</option>
                        </select>
                        <button class="button" data-testid="savepoints-delete-old"
                            disabled=move || session.busy.get() || age(panel).is_err()
                            on:click=move |_| panel.confirming.set(true)>"Delete…"</button>
                    </div>
                </Show>
                <Show when=move || panel.confirming.get()>
                    <p class="apply-refusal" role="alertdialog" data-testid="savepoints-confirm">
                        {question}
                        <button class="button" data-testid="savepoints-confirm-delete"
                            on:click=move |_| delete(session, panel)>"Delete"</button>
                        <button class="button" data-testid="savepoints-confirm-keep"
                            on:click=move |_| panel.confirming.set(false)>"Keep them"</button>
                    </p>
                </Show>
                {move || panel.message.get().map(|m| view! { <p role="status" data-testid="savepoints-message">{m}</p> })}
            </details>
        })
    }
}
