//! The plan table: one row per step with its diff, its progress and the server's answer.

use leptos::prelude::*;

use super::upload::describe;
use super::{Session, StepState};
use crate::core::cmf::plan::{Action, Step};

fn state_label(s: &StepState, upload: Option<usize>) -> (&'static str, String) {
    match s {
        StepState::Waiting => ("waiting", String::new()),
        StepState::Running => match upload {
            Some(bytes) => ("running", format!("uploading {bytes} bytes…")),
            None => ("running", "sending…".into()),
        },
        StepState::Applied(a) => ("applied", a.clone()),
        StepState::Failed(e) => ("failed", e.clone()),
        StepState::Cancelled(e) => ("cancelled", e.clone()),
        StepState::NotApplied => {
            ("not-applied", "not applied (the apply stopped before this step)".into())
        }
    }
}

/// The progress bar of the upload under way (bytes and percent), on its step's card.
fn upload_bar(session: Session) -> impl IntoView {
    move || {
        session.upload.progress.get().map(|(sent, total)| {
            view! {
                <div class="upload-progress">
                    <progress data-testid="upload-progress" max=total value=sent
                        aria-label="artifact upload"></progress>
                    <span data-testid="upload-bytes" data-sent=sent data-total=total>
                        {format!("uploading {}", describe(sent, total))}
                    </span>
                </div>
            }
        })
    }
}

fn row(index: usize, step: Step, schedule: Option<String>, session: Session) -> impl IntoView {
    let action = format!("{:?}", step.action).to_lowercase();
    let call = step.method.map(|m| format!("{m} {}", step.path)).unwrap_or_default();
    let state = move || session.steps.with(|s| s.get(index).cloned().unwrap_or(StepState::Waiting));
    let diff: Vec<_> = step
        .diff
        .iter()
        .map(|c| {
            let show = |v: &Option<serde_json::Value>| {
                v.as_ref().map_or("(absent)".into(), |v| v.to_string())
            };
            format!("{}: {} → {}", c.path, show(&c.before), show(&c.after))
        })
        .collect();
    let unchanged = step.action == Action::Unchanged;
    let upload = step.upload.as_ref().map(|u| u.content.len());
    view! {
        <tr data-testid="plan-step" data-action=action.clone() data-name=step.key.name.clone()
            data-state=move || if unchanged { "unchanged" } else { state_label(&state(), upload).0 }>
            <td><span class=format!("badge action-{action}")>{action.clone()}</span></td>
            <td>{step.key.to_string()}</td>
            <td><code>{call}</code></td>
            <td>
                <ul class="plan-diff">
                    {diff.into_iter().map(|d| view! { <li data-testid="plan-diff">{d}</li> }).collect_view()}
                </ul>
                {step.note.map(|n| view! { <p class="muted">{n}</p> })}
                {schedule.map(|s| view! { <p class="muted" data-testid="plan-schedule">"On the server: "{s}</p> })}
            </td>
            <td data-testid="plan-answer">
                {move || {
                    let now = state();
                    let running_upload = upload.is_some() && now == StepState::Running;
                    if running_upload {
                        upload_bar(session).into_any()
                    } else {
                        state_label(&now, upload).1.into_any()
                    }
                }}
            </td>
        </tr>
    }
}

/// The plan, or nothing before the first plan.
#[component]
pub fn Steps(session: Session) -> impl IntoView {
    move || {
        session.plan.get().map(|plan| {
            let absent: Vec<String> = if plan.steps.iter().any(|s| s.action == Action::Delete) {
                Vec::new()
            } else {
                plan.absent.iter().map(ToString::to_string).collect()
            };
            view! {
                <table class="grid" data-testid="plan">
                    <thead><tr><th>"action"</th><th>"object"</th><th>"request"</th><th>"changes"</th><th>"server answer"</th></tr></thead>
                    <tbody>
                        {plan.steps.iter().cloned().enumerate().map(|(i, s)| {
                            let schedule = plan.schedules.iter().find(|(k, _)| *k == s.key).map(|(_, st)| st.to_string());
                            row(i, s, schedule, session)
                        }).collect_view()}
                    </tbody>
                </table>
                {(!absent.is_empty()).then(|| view! {
                    <p class="muted">"On the server but not in the design (left alone unless deletion is ticked):"</p>
                })}
                <ul data-testid="plan-absent">
                    {absent.clone().into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
                </ul>
            }
        })
    }
}
