//! Tables of the configuration panel: one job's effective configuration with provenance,
//! and two sides compared (differences first, equal keys folded away).

use leptos::prelude::*;

use crate::core::config::{ComparedKey, Difference, EffectiveConfig, Entry, Layer, Scope, Source};
use crate::core::model::ResourceId;
use crate::ui::findings::describe;

/// `cluster` or `job`.
pub fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Cluster => "cluster",
        Scope::Job => "job",
    }
}

/// One effective configuration: every key, its value, the layer it came from, and the
/// values it overrode (struck through). `wide`: the full-width view (key, value, layer and
/// "set at" in columns of their own); else the side column's (layer and "set at" under the
/// value, so neither is squeezed into a narrow column).
pub fn config(c: &EffectiveConfig, wide: bool) -> impl IntoView + use<> {
    let entries: Vec<Entry> = c.entries.values().cloned().collect();
    let own = c.resource;
    let yaml = c.to_yaml();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        crate::ui::browser::copy(yaml.clone(), move |ok| copied.set(ok));
    };
    let head = if wide {
        view! { <tr><th>"Key"</th><th>"Value"</th><th>"Layer"</th><th>"Set at"</th></tr> }
            .into_any()
    } else {
        view! { <tr><th>"Key"</th><th>"Value " <span class="muted">"· layer · set at"</span></th></tr> }.into_any()
    };
    view! {
        <section class="config" class:wide=wide data-testid="config" data-resource=c.reference.name.clone()>
            <h2>{describe(&c.reference)} " " <small>{scope_name(c.scope)} " configuration"</small></h2>
            <div class="toolbar">
                <button class="button small" data-testid="config-copy-yaml" on:click=copy>
                    {move || if copied.get() { "Copied" } else { "Copy as YAML" }}
                </button>
            </div>
            {if entries.is_empty() {
                view! { <p class="empty">"No Flink configuration set."</p> }.into_any()
            } else {
                view! {
                    <table class="grid effective-table">
                        <thead>{head}</thead>
                        <tbody>{entries.into_iter().map(|e| entry(e, own, wide)).collect_view()}</tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}

/// `key` with line-break opportunities after its dots (a long key wraps between words).
fn breakable(key: &str) -> impl IntoView + use<> {
    let parts: Vec<String> = key.split_inclusive('.').map(str::to_string).collect();
    parts.into_iter().map(|p| view! { {p}<wbr /> }).collect_view()
}

fn entry(e: Entry, own: ResourceId, wide: bool) -> impl IntoView {
    let Entry { key, value, source, overridden, unverified } = e;
    let data_key = key.clone();
    let layer = view! {
        {layer_name(source.layer)}
        {unverified.then(|| view! {
            <span class="badge warning" title="The precedence that decided this value is not documented">"unverified"</span>
        })}
    };
    let set_at = where_set(&source, own);
    let overridden = overridden
        .into_iter()
        .map(|o| view! {
            <div class="overridden">
                <s data-testid="config-overridden">{o.value}</s>
                " " <span class="muted">{layer_name(o.source.layer)} {at_pointer(where_set(&o.source, own), false)}</span>
            </div>
        })
        .collect_view();
    let value = view! { <code class="value" data-testid="config-value">{value}</code> };
    if wide {
        view! {
            <tr data-testid="config-entry" data-key=data_key>
                <td><code>{breakable(&key)}</code></td>
                <td>{value}{overridden}</td>
                <td class="layer">{layer}</td>
                <td class="muted pointer"><span data-testid="config-set-at">{set_at}</span></td>
            </tr>
        }
        .into_any()
    } else {
        view! {
            <tr data-testid="config-entry" data-key=data_key>
                <td><code>{breakable(&key)}</code></td>
                <td>
                    {value}
                    <div class="provenance muted" data-testid="config-provenance">{layer} {at_pointer(set_at, true)}</div>
                    {overridden}
                </td>
            </tr>
        }
        .into_any()
    }
}

/// `· <pointer>` after a layer's name, or nothing when the value has no "set at" (a
/// built-in default): no separator left dangling.
fn at_pointer(set_at: String, test_id: bool) -> Option<impl IntoView> {
    (!set_at.is_empty()).then(|| {
        let id = test_id.then_some("config-set-at");
        view! { " · " <span class="pointer" data-testid=id>{set_at}</span> }
    })
}

/// The layer's name as the core serializes it (`operator-defaults`, …).
pub fn layer_name(layer: Layer) -> String {
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

/// Two sides compared: the differing keys (highlighted), then the equal ones behind a
/// toggle. Values are shown as text.
pub fn compared(left: String, right: String, keys: Vec<ComparedKey>) -> impl IntoView {
    let (differ, equal): (Vec<ComparedKey>, Vec<ComparedKey>) =
        keys.into_iter().partition(|k| k.difference != Difference::Same);
    let folded = RwSignal::new(true);
    let equal_count = equal.len();
    let summary = match (differ.len(), equal_count) {
        (0, _) => "No differences.".to_string(),
        (1, _) => "1 key differs.".to_string(),
        (n, _) => format!("{n} keys differ."),
    };
    let nothing_shown = differ.is_empty();
    view! {
        <p class="compare-summary" data-testid="compare-summary">{summary}</p>
        <table class="grid compare-table" hidden=move || nothing_shown && folded.get()>
            <thead><tr><th>"Key"</th><th>{left}</th><th>{right}</th></tr></thead>
            <tbody>{differ.into_iter().map(row).collect_view()}</tbody>
            <tbody hidden=move || folded.get() data-testid="compare-equal">
                {equal.into_iter().map(row).collect_view()}
            </tbody>
        </table>
        {(equal_count > 0).then(|| view! {
            <button class="button link" data-testid="compare-toggle-equal" on:click=move |_| folded.update(|f| *f = !*f)>
                {move || if folded.get() { format!("Show {equal_count} equal keys") } else { format!("Hide {equal_count} equal keys") }}
            </button>
        })}
    }
}

fn row(k: ComparedKey) -> impl IntoView {
    let ComparedKey { key, left, right, difference } = k;
    let differs = difference != Difference::Same;
    let cell = |v: Option<String>| match v {
        Some(v) => view! { <td><code>{v}</code></td> }.into_any(),
        None => view! { <td class="muted">"not set"</td> }.into_any(),
    };
    let data_key = key.clone();
    view! {
        <tr class:differs=differs data-testid="compare-row" data-key=data_key data-difference=difference.as_str()>
            <td><code>{key}</code></td>{cell(left)}{cell(right)}
        </tr>
    }
}
