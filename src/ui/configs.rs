//! Effective configuration per job-bearing resource, with provenance.

use leptos::prelude::*;

use super::findings::describe;
use super::state::use_state;
use crate::core::config::{EffectiveConfig, Entry, Layer, Scope, Source};
use crate::core::model::ResourceId;

/// The effective configuration of the selected job, and a side-by-side compare.
#[component]
pub fn ConfigPanel() -> impl IntoView {
    let state = use_state();
    let left = RwSignal::new(String::new());
    let right = RwSignal::new(String::new());
    let selected = move || {
        let one = state.selected_one();
        state.configs.with(|all| {
            let mine: Vec<&EffectiveConfig> = all.iter().filter(|c| Some(c.resource) == one).collect();
            match (one, mine.is_empty()) {
                (None, _) => view! {
                    <p class="empty" data-testid="config-hint">
                        "Select a job on the canvas (deployment, application, statement, session job or compute pool) to see its effective configuration."
                    </p>
                }
                .into_any(),
                (Some(_), true) => view! {
                    <p class="empty" data-testid="config-hint">"The selected resource runs no Flink job."</p>
                }
                .into_any(),
                (Some(_), false) => mine.into_iter().map(config).collect_view().into_any(),
            }
        })
    };
    let labels =
        Memo::new(move |_| state.configs.with(|all| all.iter().map(label).collect::<Vec<_>>()));
    let picker = move |side: RwSignal<String>, testid: &'static str| {
        view! {
            <select data-testid=testid on:change=move |e| side.set(event_target_value(&e))>
                <option value="">"Choose a job…"</option>
                {move || labels.get().into_iter().map(|l| view! { <option value=l.clone()>{l.clone()}</option> }).collect_view()}
            </select>
        }
    };
    view! {
        <div class="panel" data-testid="configs">
            {selected}
            <section class="compare" data-testid="config-compare">
                <h2>"Compare"</h2>
                <div class="toolbar">{picker(left, "compare-left")} {picker(right, "compare-right")}</div>
                {move || compare(&left.get(), &right.get())}
            </section>
        </div>
    }
}

fn label(c: &EffectiveConfig) -> String {
    let scope = match c.scope {
        Scope::Cluster => "cluster",
        Scope::Job => "job",
    };
    format!("{} ({scope})", describe(&c.reference))
}

fn compare(left: &str, right: &str) -> Option<impl IntoView + use<>> {
    let state = use_state();
    if left.is_empty() || right.is_empty() {
        return None;
    }
    let pick =
        |l: &str| state.configs.with_untracked(|all| all.iter().find(|c| label(c) == l).cloned());
    let (a, b) = (pick(left)?, pick(right)?);
    let keys: std::collections::BTreeSet<&String> =
        a.entries.keys().chain(b.entries.keys()).collect();
    let rows: Vec<(String, String, String)> = keys
        .into_iter()
        .map(|k| {
            (k.clone(), a.value(k).unwrap_or("").to_string(), b.value(k).unwrap_or("").to_string())
        })
        .collect();
    Some(view! {
        <table class="grid compare-table">
            <thead><tr><th>"Key"</th><th>{left.to_string()}</th><th>{right.to_string()}</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|(k, x, y)| {
                    let differs = x != y;
                    let key = k.clone();
                    view! {
                        <tr class:differs=differs data-testid="compare-row" data-key=key>
                            <td><code>{k}</code></td><td><code>{x}</code></td><td><code>{y}</code></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    })
}

fn config(c: &EffectiveConfig) -> impl IntoView + use<> {
    let scope = match c.scope {
        Scope::Cluster => "cluster",
        Scope::Job => "job",
    };
    let entries: Vec<Entry> = c.entries.values().cloned().collect();
    let own = c.resource;
    view! {
        <section class="config" data-testid="config" data-resource=c.reference.name.clone()>
            <h2>{describe(&c.reference)} " " <small>{scope} " configuration"</small></h2>
            {if entries.is_empty() {
                view! { <p class="empty">"No Flink configuration set."</p> }.into_any()
            } else {
                view! {
                    <table class="grid">
                        <thead>
                            <tr><th>"Key"</th><th>"Value"</th><th>"Layer"</th><th>"Set at"</th></tr>
                        </thead>
                        <tbody>{entries.into_iter().map(|e| entry(e, own)).collect_view()}</tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}

fn entry(e: Entry, own: ResourceId) -> impl IntoView {
    let Entry { key, value, source, overridden, unverified } = e;
    let data_key = key.clone();
    view! {
        <tr data-testid="config-entry" data-key=data_key>
            <td><code>{key}</code></td>
            <td>
                <code data-testid="config-value">{value}</code>
                {overridden
                    .into_iter()
                    .map(|o| view! {
                        <div class="overridden">
                            <s data-testid="config-overridden">{o.value}</s>
                            " " <span class="muted">{layer_name(o.source.layer)} " · " {where_set(&o.source, own)}</span>
                        </div>
                    })
                    .collect_view()}
            </td>
            <td>
                {layer_name(source.layer)}
                {unverified.then(|| view! {
                    <span class="badge warning" title="The precedence that decided this value is not documented">"unverified"</span>
                })}
            </td>
            <td class="muted">{where_set(&source, own)}</td>
        </tr>
    }
}

/// The layer's name as the core serializes it (`operator-defaults`, …).
fn layer_name(layer: Layer) -> String {
    serde_json::to_value(layer)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Where a value was set; the resource is named only when it is another one.
fn where_set(s: &Source, own: ResourceId) -> String {
    match &s.resource {
        Some(_) if s.resource_id == Some(own) => s.path.clone(),
        Some(r) if s.path.is_empty() => describe(r),
        Some(r) => format!("{} {}", describe(r), s.path),
        None => s.path.clone(),
    }
}
