//! The findings panel: findings grouped by severity, filtered by severity and rule;
//! clicking one selects its node and focuses the field in the inspector.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::state::{AppState, use_state};
use crate::core::edit::Edit;
use crate::core::finding::{Finding, Severity};
use crate::core::model::ResourceRef;

/// Findings drawn per group at most (the rest are counted).
const SHOWN: usize = 300;

/// Findings grouped by severity, with filters.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let state = use_state();
    let hidden = RwSignal::new(BTreeSet::<Severity>::new());
    let rule = RwSignal::new(String::new());
    let rules = Memo::new(move |_| {
        state.findings.with(|f| {
            f.iter()
                .map(|f| f.rule.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        })
    });
    let toggle = move |sev: Severity| {
        view! {
            <label class=format!("chip {}", sev.as_str())>
                <input type="checkbox" data-testid=format!("filter-{}", sev.as_str())
                    prop:checked=move || !hidden.with(|h| h.contains(&sev))
                    on:change=move |_| hidden.update(|h| if !h.remove(&sev) { h.insert(sev); }) />
                {sev.as_str()}
            </label>
        }
    };
    view! {
        <div class="panel" data-testid="findings">
            <div class="toolbar filters">
                {toggle(Severity::Error)}
                {toggle(Severity::Warning)}
                {toggle(Severity::Info)}
                <select data-testid="filter-rule" aria-label="Show findings of rule" on:change=move |e| rule.set(event_target_value(&e))>
                    <option value="">"All rules"</option>
                    {move || rules.get().into_iter().map(|r| view! { <option value=r.clone()>{r.clone()}</option> }).collect_view()}
                </select>
                <CompleteToggle state />
            </div>
            {move || {
                state.findings.with(|all| {
                    if all.is_empty() {
                        return view! {
                            <p class="empty" data-testid="no-findings">"No findings: the design passes every rule."</p>
                        }
                        .into_any();
                    }
                    let r = rule.get();
                    let h = hidden.get();
                    [Severity::Error, Severity::Warning, Severity::Info]
                        .into_iter()
                        .filter(|s| !h.contains(s))
                        .filter_map(|sev| group(sev, all.iter().filter(|f| r.is_empty() || f.rule == r)))
                        .collect_view()
                        .into_any()
                })
            }}
        </div>
    }
}

/// The reference policy of the design: open (a reference to something not in the design
/// is a warning naming what must exist) or complete (it is an error). Templates are
/// complete; imported manifests are open. Toggling it is an undoable edit.
#[component]
fn CompleteToggle(state: AppState) -> impl IntoView {
    let complete = move || {
        state.content.track();
        state.design.with_value(|d| d.targets.complete)
    };
    let toggle = move |_| {
        let mut targets = state.design.with_value(|d| d.targets);
        targets.complete = !targets.complete;
        state.apply(Edit::SetTargets(targets), false);
    };
    view! {
        <label class="chip policy" data-testid="complete-design"
            title="Complete design: everything the design references is in it, so a reference to something missing is an error. Off: the design is part of a bigger repository or cluster, so such a reference is a warning naming what must exist there.">
            <input type="checkbox" data-testid="complete-toggle" prop:checked=complete on:change=toggle />
            "complete design"
        </label>
    }
}

fn group<'a, I: Iterator<Item = &'a Finding>>(
    sev: Severity,
    all: I,
) -> Option<impl IntoView + use<I>> {
    let items: Vec<&Finding> = all.filter(|f| f.severity == sev).collect();
    if items.is_empty() {
        return None;
    }
    let title = match sev {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Infos",
    };
    let more = items.len().saturating_sub(SHOWN);
    Some(view! {
        <section class=format!("group {}", sev.as_str()) data-testid=format!("group-{}", sev.as_str())>
            <h2>{title} " (" {items.len()} ")"</h2>
            <ul>{items.iter().take(SHOWN).map(|f| view! { <FindingItem finding=(*f).clone() /> }).collect_view()}</ul>
            {(more > 0).then(|| view! { <p class="muted">{format!("… and {more} more (filter by rule to see them)")}</p> })}
        </section>
    })
}

/// `Kind namespace/name` of a resource.
pub fn describe(r: &ResourceRef) -> String {
    match &r.namespace {
        Some(ns) => format!("{} {ns}/{}", r.kind, r.name),
        None => format!("{} {}", r.kind, r.name),
    }
}

/// One finding.
#[component]
fn FindingItem(
    /// The finding shown.
    finding: Finding,
) -> impl IntoView {
    let state = use_state();
    let Finding { rule, severity, resource, pointer, message, hint, file, line, resource_id } =
        finding;
    let location = file.map(|file| match line {
        Some(l) => format!("{file}:{l}"),
        None => file,
    });
    let data_rule = rule.clone();
    let target = pointer.clone();
    let select = move |_| {
        if let Some(id) = resource_id {
            state.reveal(id, &target);
        }
    };
    view! {
        <li class="finding" class:clickable=resource_id.is_some() data-testid="finding" data-rule=data_rule
            data-severity=severity.as_str() on:click=select title="Select the resource and show the field">
            <div class="finding-head">
                <span class=format!("badge {}", severity.as_str())>{severity.as_str()}</span>
                <code class="rule" data-testid="finding-rule">{rule}</code>
                {resource.map(|r| view! { <span class="resource" data-testid="finding-resource">{describe(&r)}</span> })}
                {location.map(|l| view! { <span class="muted location" data-testid="finding-location">{l}</span> })}
            </div>
            <p class="message" data-testid="finding-message">{message}</p>
            {(!pointer.is_empty()).then(|| view! { <p class="pointer">"at " <code data-testid="finding-pointer">{pointer}</code></p> })}
            {(!hint.is_empty()).then(|| view! { <p class="hint" data-testid="finding-hint">"Fix: " {hint}</p> })}
        </li>
    }
}
