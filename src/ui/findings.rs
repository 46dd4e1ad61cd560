//! The findings panel: findings grouped by severity, worst first.

use leptos::prelude::*;

use super::state::use_state;
use crate::core::finding::{Finding, Severity};
use crate::core::model::ResourceRef;

/// Findings grouped by severity.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let state = use_state();
    view! {
        <div class="panel" data-testid="findings">
            {move || {
                state
                    .findings
                    .with(|all| {
                        if all.is_empty() {
                            return view! {
                                <p class="empty" data-testid="no-findings">
                                    "No findings: the design passes every rule."
                                </p>
                            }
                                .into_any();
                        }
                        [Severity::Error, Severity::Warning, Severity::Info]
                            .into_iter()
                            .filter_map(|sev| group(sev, all))
                            .collect_view()
                            .into_any()
                    })
            }}
        </div>
    }
}

fn group(sev: Severity, all: &[Finding]) -> Option<impl IntoView + use<>> {
    let items: Vec<Finding> = all.iter().filter(|f| f.severity == sev).cloned().collect();
    if items.is_empty() {
        return None;
    }
    let title = match sev {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Infos",
    };
    Some(view! {
        <section class=format!("group {}", sev.as_str()) data-testid=format!("group-{}", sev.as_str())>
            <h2>{title} " (" {items.len()} ")"</h2>
            <ul>{items.into_iter().map(|f| view! { <FindingItem finding=f /> }).collect_view()}</ul>
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
    let Finding { rule, severity, resource, pointer, message, hint, file, line, .. } = finding;
    let location = file.map(|file| {
        let label = match line {
            Some(l) => format!("{file}:{l}"),
            None => file.clone(),
        };
        view! {
            <button
                class="link location"
                data-testid="finding-location"
                title="Show in the editor"
                on:click=move |_| state.reveal(&file, line.unwrap_or(1))
            >
                {label}
            </button>
        }
    });
    let data_rule = rule.clone();
    view! {
        <li class="finding" data-testid="finding" data-rule=data_rule data-severity=severity.as_str()>
            <div class="finding-head">
                <span class=format!("badge {}", severity.as_str())>{severity.as_str()}</span>
                <code class="rule" data-testid="finding-rule">{rule}</code>
                {resource.map(|r| view! { <span class="resource" data-testid="finding-resource">{describe(&r)}</span> })}
                {location}
            </div>
            <p class="message" data-testid="finding-message">{message}</p>
            {(!pointer.is_empty()).then(|| view! { <p class="pointer">"at " <code data-testid="finding-pointer">{pointer}</code></p> })}
            {(!hint.is_empty()).then(|| view! { <p class="hint" data-testid="finding-hint">"Fix: " {hint}</p> })}
        </li>
    }
}
