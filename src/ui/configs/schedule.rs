//! The effective savepoint schedule of the selected statement or application, shown like
//! the effective configuration: each field, its value, where it was set, and the job's own
//! value struck through where the environment's default replaced it. The merge and the
//! places are `core::schedule::effective`'s.

use leptos::prelude::*;

use crate::core::model::ResourceId;
use crate::core::schedule::effective::{EffectiveSchedule, Field, SetAt};

fn set_at(s: &SetAt, own: ResourceId) -> String {
    if s.resource == own { s.pointer.clone() } else { format!("{} {}", s.label, s.pointer) }
}

fn layer(s: &SetAt, own: ResourceId) -> &'static str {
    if s.resource == own { "own" } else { "environment default" }
}

fn field(f: Field, own: ResourceId) -> impl IntoView {
    let overridden = f.overridden.map(|(v, at)| {
        view! {
            <div class="overridden">
                <s data-testid="schedule-overridden">{v.to_string()}</s>
                " " <span class="muted">{layer(&at, own)} " · " <span class="pointer">{set_at(&at, own)}</span></span>
            </div>
        }
    });
    view! {
        <tr data-testid="schedule-entry" data-key=f.key.clone()>
            <td><code>{f.key.clone()}</code></td>
            <td>
                <code class="value" data-testid="schedule-value">{f.value.to_string()}</code>
                <div class="provenance muted">
                    {layer(&f.set_at, own)} " · "
                    <span class="pointer" data-testid="schedule-set-at">{set_at(&f.set_at, own)}</span>
                </div>
                {overridden}
            </td>
        </tr>
    }
}

/// The section, for the job `own`.
pub fn schedule(s: EffectiveSchedule, own: ResourceId) -> impl IntoView {
    view! {
        <section class="config" data-testid="schedule">
            <h2>"Effective savepoint schedule"</h2>
            <p class="muted">"CMF merges the environment's defaults over the job's own schedule, field by field: a field the environment sets wins."</p>
            <table class="grid effective-table">
                <thead><tr><th>"Field"</th><th>"Value " <span class="muted">"· from · set at"</span></th></tr></thead>
                <tbody>{s.fields.into_iter().map(|f| field(f, own)).collect_view()}</tbody>
            </table>
        </section>
    }
}
