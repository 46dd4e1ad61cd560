//! The Review tab: compare the design with a baseline (the design as deployed) and read,
//! for every changed job, what the operator or CMF does, what happens to its state, the
//! evidence and the safe sequence. Everything shown comes from `core::review`; the canvas
//! marks changed nodes through `AppState::review_marks` (`canvas::draw`).

use leptos::ev;
use leptos::prelude::*;

use super::browser;
use super::preflight::PreflightSection;
use super::state::{AppState, Panel, shared, use_state};
use crate::core::finding::Finding;
use crate::core::review::{Baseline, ChangeKind, ResourceChange, Review, steps, verdict::Which};
use crate::core::templates;

/// Sets the baseline from opened files (manifests, a design file, kubectl output).
pub fn compare_with(state: AppState, files: Vec<super::analysis::SourceFile>) {
    if files.is_empty() {
        return;
    }
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    let mut b = Baseline::new(names.join(", "));
    for f in &files {
        b.add_text(&f.name, &f.text);
    }
    b.finish(None, None);
    let problems = b.findings.len();
    state.baseline.set(Some(shared(b)));
    state.panel.set(Panel::Review);
    let note = if problems > 0 { format!(" ({problems} import problems)") } else { String::new() };
    state.say(format!("Comparing with {}{note}.", names.join(", ")), problems > 0);
}

/// Loads a change scenario: its changed design, with its template as the baseline.
pub fn load_scenario(state: AppState, id: &str) -> bool {
    let Some(s) = templates::scenario_by_id(id) else { return false };
    let (design, findings) = s.design();
    state.load(design, s.id);
    state.import_findings.set(findings);
    state.baseline.set(Some(shared(s.baseline())));
    state.panel.set(Panel::Review);
    state.say(s.description, false);
    true
}

fn word<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The Review tab.
#[component]
pub fn ReviewPanel() -> impl IntoView {
    let state = use_state();
    let on_pick = move |e: ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&e);
        if let Some(list) = input.files() {
            browser::read_files(list, move |files| compare_with(state, files));
        }
        input.set_value("");
    };
    view! {
        <div class="review" data-testid="review-panel">
            <div class="review-bar">
                <label class="button" title="The design as deployed: exported manifests, a design file, or kubectl get … -o yaml output">
                    "Compare with baseline…"
                    <input type="file" multiple accept=".yaml,.yml,.json" class="visually-hidden" data-testid="baseline-input" on:change=on_pick />
                </label>
                <Show when=move || state.baseline.with(Option::is_some)>
                    <button class="button" data-testid="baseline-clear" on:click=move |_| state.baseline.set(None)>"Clear"</button>
                </Show>
            </div>
            {move || match state.review.get() {
                None => view! {
                    <p class="hint" data-testid="review-empty">
                        "Open the design as it is deployed (the last exported manifests, a saved design file, or "
                        <code>"kubectl get flinkdeployments,flinksessionjobs -o yaml"</code>
                        ") to see, for every changed job, what the operator or CMF will do and whether its state survives. Or pick a change scenario from Templates…"
                    </p>
                }.into_any(),
                Some(r) => view! { <ReviewBody review=r.0.clone() /> }.into_any(),
            }}
            <PreflightSection />
        </div>
    }
}

#[component]
fn ReviewBody(review: std::sync::Arc<Review>) -> impl IntoView {
    let s = review.summary;
    let summary = format!(
        "{} changed, {} added, {} removed ({} unchanged) · {} refused or rejected · {} with state lost, replaced or at risk",
        s.changed, s.added, s.removed, s.unchanged, s.refused, s.state_at_risk
    );
    let cards = review
        .changes
        .iter()
        .map(|c| {
            let findings: Vec<Finding> = review
                .findings
                .iter()
                .filter(|f| f.resource.as_ref() == Some(&c.resource))
                .cloned()
                .collect();
            view! { <ChangeCard change=c.clone() findings=findings /> }
        })
        .collect_view();
    view! {
        <p class="review-baseline" data-testid="review-baseline">"Baseline: " {review.baseline.clone()}</p>
        <p class="review-summary" data-testid="review-summary"
            data-refused=s.refused.to_string() data-at-risk=s.state_at_risk.to_string()>{summary}</p>
        <Show when=move || s.changed + s.added + s.removed == 0>
            <p class="hint">"The design is the same as the baseline."</p>
        </Show>
        <ul class="review-list">{cards}</ul>
    }
}

#[component]
fn ChangeCard(change: ResourceChange, findings: Vec<Finding>) -> impl IntoView {
    let state = use_state();
    let r = &change.resource;
    let ns = r.namespace.as_deref().map(|n| format!("{n}/")).unwrap_or_default();
    let title = format!("{} {ns}{}", r.kind, r.name);
    let kind = match change.change {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Changed => "changed",
    };
    let id = change.after;
    let select = move |_| {
        if let Some(id) = id {
            state.selection.set(std::collections::BTreeSet::from([id]));
            state.center_on(id);
        }
    };
    let verdict = change.verdict.clone();
    let (action, fate) = verdict
        .as_ref()
        .map_or((String::new(), String::new()), |v| (word(v.action), word(v.state)));
    let body = match verdict {
        None => view! { <p class="review-line">"No job affected: " {change.fields.iter().map(|f| f.path.clone()).collect::<Vec<_>>().join(", ")}</p> }.into_any(),
        Some(v) => {
            let evidence = v
                .evidence
                .iter()
                .map(|e| {
                    let side = if e.side == Which::Before { "baseline" } else { "new" };
                    let at = e.resource.as_ref().map(|r| format!(" — {}/{} {}", r.kind, r.name, e.pointer)).unwrap_or_default();
                    view! { <li><span class="side">{side}</span>" " {e.fact.clone()}<span class="at">{at}</span></li> }
                })
                .collect_view();
            let script = steps::script(&v.steps);
            let has_steps = !v.steps.is_empty();
            let copy_text = script.clone();
            let copy = move |_| {
                let text = copy_text.clone();
                browser::copy(text, move |ok| {
                    state.say(if ok { "Safe sequence copied." } else { "Copy it from the panel." }, !ok)
                });
            };
            view! {
                <p class="review-line" data-testid="review-summary-line">{v.summary.clone()}</p>
                <p class="review-line"><b>"State: "</b>{v.state_reason.clone()}</p>
                <p class="review-line"><b>"Risk: "</b>{format!("downtime {}; rollback: {}", word(v.risk.downtime), v.risk.rollback.note)}</p>
                <details class="review-evidence"><summary>"Evidence"</summary><ul>{evidence}</ul></details>
                <Show when=move || has_steps>
                    <div class="review-steps">
                        <div class="review-steps-bar"><b>"Safe sequence"</b>
                            <button class="button small" data-testid="review-copy" on:click=copy.clone()>"Copy"</button>
                        </div>
                        <pre data-testid="review-steps">{script.clone()}</pre>
                    </div>
                </Show>
            }
            .into_any()
        }
    };
    let verdict_badge = (!action.is_empty()).then(|| {
        let class = format!("verdict tone-{fate}");
        view! { <span class=class data-testid="review-verdict">{format!("{action} · {fate}")}</span> }
    });
    let findings = findings
        .into_iter()
        .map(|f| view! { <li class=format!("sev {}", f.severity.as_str()) data-testid="review-finding" data-rule=f.rule.clone()><b>{f.rule.clone()}</b>" " {f.message.clone()}</li> })
        .collect_view();
    view! {
        <li class=format!("review-change {kind}") data-testid="review-change" data-name=r.name.clone()
            data-change=kind data-action=action.clone() data-state=fate.clone()>
            <div class="review-head">
                <button class="link" on:click=select>{title}</button>
                <span class="review-kind">{kind}</span>
                {verdict_badge}
            </div>
            {body}
            <ul class="review-findings">{findings}</ul>
        </li>
    }
}
