//! Environments in the configuration panel: what one imposes on its jobs, and two
//! compared section by section.

use leptos::prelude::*;

use super::table::compared;
use crate::core::config::{
    ENVIRONMENT_PRECEDENCE, EnvironmentComparison, EnvironmentDefaults, GOVERNED_KINDS,
};
use crate::core::model::Kind;
use crate::ui::findings::describe;

/// `2 applications (a, b)`-style counts of the jobs an environment governs.
fn governs(e: &EnvironmentDefaults) -> String {
    let parts: Vec<String> = GOVERNED_KINDS
        .iter()
        .filter_map(|k| {
            let names = e.governed(*k);
            let noun = match (k, names.len()) {
                (_, 0) => return None,
                (Kind::Application, 1) => "application",
                (Kind::Application, _) => "applications",
                (Kind::ComputePool, 1) => "compute pool",
                (Kind::ComputePool, _) => "compute pools",
                (_, 1) => "statement",
                _ => "statements",
            };
            Some(format!("{} {noun} ({})", names.len(), names.join(", ")))
        })
        .collect();
    if parts.is_empty() {
        "Governs no application, compute pool or statement of the design.".into()
    } else {
        format!("Governs {}.", parts.join(", "))
    }
}

/// The defaults of one environment, section by section, with where each value is set.
pub fn defaults(e: &EnvironmentDefaults) -> impl IntoView + use<> {
    let sections: Vec<_> = e.sections.iter().filter(|s| !s.entries.is_empty()).cloned().collect();
    view! {
        <section class="environment" data-testid="environment-defaults" data-resource=e.reference.name.clone()>
            <h2>{describe(&e.reference)} " " <small>"defaults it imposes on its jobs"</small></h2>
            <p class="muted" data-testid="environment-governs">{governs(e)}</p>
            <p class="precedence" data-testid="environment-precedence">{ENVIRONMENT_PRECEDENCE}</p>
            {sections.is_empty().then(|| view! {
                <p class="empty">"This environment sets no defaults: its jobs keep their own configuration."</p>
            })}
            {sections.into_iter().map(|s| view! {
                <h3 data-testid="defaults-section">{s.section.title()}</h3>
                <p class="muted">{s.section.precedence()}</p>
                <table class="grid">
                    <thead><tr><th>"Key"</th><th>"Value"</th><th>"Set at"</th></tr></thead>
                    <tbody>
                        {s.entries.into_iter().map(|(key, v)| {
                            let data_key = key.clone();
                            view! {
                            <tr data-testid="default-entry" data-key=data_key>
                                <td><code>{key}</code></td>
                                <td><code data-testid="default-value">{v.value}</code></td>
                                <td class="muted">{v.path}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            }).collect_view()}
        </section>
    }
}

/// Two environments compared: whom each governs, who wins, then each section.
pub fn comparison(c: EnvironmentComparison) -> impl IntoView {
    let (left, right) = (describe(&c.left.reference), describe(&c.right.reference));
    let none = c.sections.is_empty();
    view! {
        <div data-testid="compare-environments">
            <ul class="governs">
                <li data-testid="compare-governs-left"><strong>{left.clone()}</strong> ": " {governs(&c.left)}</li>
                <li data-testid="compare-governs-right"><strong>{right.clone()}</strong> ": " {governs(&c.right)}</li>
            </ul>
            <p class="precedence">{c.precedence}</p>
            {none.then(|| view! { <p class="empty">"Neither environment sets any default."</p> })}
            {c.sections.into_iter().map(|s| {
                let (l, r) = (left.clone(), right.clone());
                view! {
                    <section class="compare-section" data-testid="compare-section" data-section=s.section.title()>
                        <h3>{s.section.title()}</h3>
                        <p class="muted">{s.section.precedence()}</p>
                        {compared(l, r, s.keys)}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}
