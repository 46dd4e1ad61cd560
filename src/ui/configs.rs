//! Effective configuration per job-bearing resource, with provenance.

use leptos::prelude::*;

use super::findings::describe;
use super::state::use_state;
use crate::core::config::{EffectiveConfig, Entry, Layer, Scope, Source};
use crate::core::model::ResourceId;

/// All effective configurations.
#[component]
pub fn ConfigPanel() -> impl IntoView {
    let state = use_state();
    view! {
        <div class="panel" data-testid="configs">
            {move || {
                state
                    .configs
                    .with(|all| {
                        if all.is_empty() {
                            return view! {
                                <p class="empty">"No job-bearing resource (deployment, application, statement, compute pool)."</p>
                            }
                                .into_any();
                        }
                        all.iter().map(config).collect_view().into_any()
                    })
            }}
        </div>
    }
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
