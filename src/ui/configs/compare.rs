//! The compare section: two jobs (effective configurations) or two environments (the
//! defaults they impose), chosen with a toggle and two pickers.

use std::cell::RefCell;

use leptos::prelude::*;

use super::environment;
use super::table::{compared, scope_name};
use crate::core::config::{self, EnvironmentComparison, Scope};
use crate::core::model::{Kind, ResourceId};
use crate::ui::analysis;
use crate::ui::findings::describe;
use crate::ui::state::{AppState, use_state};
use crate::ui::trace;

/// What is compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Mode {
    #[default]
    Jobs,
    Environments,
}

/// A picker entry: the option's value and its label.
type Choice = (String, String);

/// The choices of the last compare, so that it survives switching panels (the panel is
/// rebuilt each time it is shown). A remembered choice is restored only while the design
/// still offers it under the same label (ids restart in another design).
#[derive(Debug, Clone, Default)]
struct Remembered {
    mode: Mode,
    jobs: [Choice; 2],
    environments: [Choice; 2],
}

thread_local! {
    static REMEMBERED: RefCell<Remembered> = RefCell::default();
}

/// The remembered value of one picker, if the design still offers it.
fn restored(saved: &Choice, offered: impl FnOnce() -> Vec<Choice>) -> String {
    if saved.0.is_empty() || !offered().contains(saved) { String::new() } else { saved.0.clone() }
}

/// The value of a job picker entry: `<id>:<scope>`.
fn job_value(id: ResourceId, scope: Scope) -> String {
    format!("{}:{}", id.0, scope_name(scope))
}

fn parse_job(value: &str) -> Option<(ResourceId, Scope)> {
    let (id, scope) = value.split_once(':')?;
    let scope = match scope {
        "cluster" => Scope::Cluster,
        "job" => Scope::Job,
        _ => return None,
    };
    Some((ResourceId(id.parse().ok()?), scope))
}

fn parse_id(value: &str) -> Option<ResourceId> {
    value.parse().ok().map(ResourceId)
}

/// Every configuration of the design's job-bearing resources, named, without computing any.
fn job_choices(state: AppState) -> Vec<Choice> {
    state.design.with_value(|d| {
        d.resources
            .iter()
            .flat_map(|r| {
                config::scopes_of(r).iter().map(move |s| {
                    (
                        job_value(r.id, *s),
                        format!("{} ({})", describe(&r.reference()), scope_name(*s)),
                    )
                })
            })
            .collect()
    })
}

fn environment_choices(state: AppState) -> Vec<Choice> {
    state.design.with_value(|d| {
        d.of_kind(Kind::Environment)
            .map(|r| (r.id.0.to_string(), describe(&r.reference())))
            .collect()
    })
}

/// The result of a compare, recomputed when the design or a picker changes.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// A side is not chosen yet.
    Incomplete,
    /// A chosen item is no longer in the design.
    Gone,
    /// Two jobs.
    Jobs(String, String, Vec<config::ComparedKey>),
    /// Two environments.
    Environments(Box<EnvironmentComparison>),
}

fn outcome(state: AppState, mode: Mode, left: &str, right: &str) -> Outcome {
    if left.is_empty() || right.is_empty() {
        return Outcome::Incomplete;
    }
    let graph = state.graph.get();
    state.content.track();
    trace::time("configs compare", || {
        state.design.with_value(|d| match mode {
            Mode::Jobs => {
                let (Some((l, ls)), Some((r, rs))) = (parse_job(left), parse_job(right)) else {
                    return Outcome::Gone;
                };
                let all = config::effective_configs_of(d, &graph, &analysis::targets(d), &[l, r]);
                let pick = |id, scope| all.iter().find(|c| c.resource == id && c.scope == scope);
                let (Some(a), Some(b)) = (pick(l, ls), pick(r, rs)) else { return Outcome::Gone };
                let title = |c: &config::EffectiveConfig| {
                    format!("{} ({})", describe(&c.reference), scope_name(c.scope))
                };
                Outcome::Jobs(title(a), title(b), config::compare_configs(a, b))
            }
            Mode::Environments => {
                let (Some(l), Some(r)) = (parse_id(left), parse_id(right)) else {
                    return Outcome::Gone;
                };
                config::compare_environments(d, &graph, l, r)
                    .map_or(Outcome::Gone, |c| Outcome::Environments(Box::new(c)))
            }
        })
    })
}

/// The compare section of the configuration panel.
#[component]
pub fn Compare() -> impl IntoView {
    let state = use_state();
    let saved = REMEMBERED.with_borrow(Remembered::clone);
    let mode = RwSignal::new(saved.mode);
    let restore = |c: &Choice, env: bool| {
        let value = if env {
            restored(c, || environment_choices(state))
        } else {
            restored(c, || job_choices(state))
        };
        RwSignal::new(value)
    };
    let jobs = (restore(&saved.jobs[0], false), restore(&saved.jobs[1], false));
    let environments =
        (restore(&saved.environments[0], true), restore(&saved.environments[1], true));
    let sides = move || if mode.get() == Mode::Jobs { jobs } else { environments };
    let choices = Memo::new(move |_| {
        state.content.track();
        let m = mode.get();
        trace::time("config pickers", || match m {
            Mode::Jobs => job_choices(state),
            Mode::Environments => environment_choices(state),
        })
    });
    let result = Memo::new(move |_| {
        let (l, r) = sides();
        l.with(|l| r.with(|r| outcome(state, mode.get(), l, r)))
    });
    let toggle = move |m: Mode, label: &'static str, testid: &'static str| {
        view! {
            <button class="button" class:active=move || mode.get() == m aria-pressed=move || (mode.get() == m).to_string()
                data-testid=testid on:click=move |_| {
                    mode.set(m);
                    REMEMBERED.with_borrow_mut(|r| r.mode = m);
                }>{label}</button>
        }
    };
    let picker = move |left: bool, testid: &'static str| {
        let side = move || if left { sides().0 } else { sides().1 };
        view! {
            <select data-testid=testid aria-label=if left { "Compare" } else { "with" } on:change=move |e| {
                let value = event_target_value(&e);
                let label = choices.with_untracked(|c| {
                    c.iter().find(|(v, _)| *v == value).map(|(_, l)| l.clone()).unwrap_or_default()
                });
                let at = usize::from(!left);
                REMEMBERED.with_borrow_mut(|r| match mode.get_untracked() {
                    Mode::Jobs => r.jobs[at] = (value.clone(), label),
                    Mode::Environments => r.environments[at] = (value.clone(), label),
                });
                side().set(value);
            }>
                <option value="">{move || if mode.get() == Mode::Jobs { "Choose a job…" } else { "Choose an environment…" }}</option>
                {move || {
                    let chosen = side().get();
                    choices.get().into_iter().map(|(value, label)| {
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{label}</option> }
                    }).collect_view()
                }}
            </select>
        }
    };
    view! {
        <section class="compare" data-testid="config-compare">
            <h2>"Compare"</h2>
            <div class="toolbar compare-mode" role="group" aria-label="Compare">
                {toggle(Mode::Jobs, "Two jobs", "compare-mode-jobs")}
                {toggle(Mode::Environments, "Two environments", "compare-mode-environments")}
            </div>
            <div class="toolbar">{picker(true, "compare-left")} {picker(false, "compare-right")}</div>
            {move || match result.get() {
                Outcome::Incomplete => None,
                Outcome::Gone => Some(view! {
                    <p class="empty" data-testid="compare-hint">"A compared item is no longer in the design; choose another."</p>
                }.into_any()),
                Outcome::Jobs(l, r, keys) => Some(view! { <div data-testid="compare-jobs">{compared(l, r, keys)}</div> }.into_any()),
                Outcome::Environments(c) => Some(environment::comparison(*c).into_any()),
            }}
        </section>
    }
}
