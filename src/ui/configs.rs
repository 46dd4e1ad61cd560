//! The configuration panel: the effective configuration of the selected job (or, for a
//! selected environment, what it imposes on its jobs), and a side-by-side compare of two
//! jobs or two environments.
//!
//! The panel computes only what it shows (the selected resource and the two compared
//! items) through the core's per-resource entry points, never every job of the design.

mod compare;
mod environment;
mod schedule;
mod table;

use leptos::prelude::*;

use super::analysis;
use super::state::{AppState, use_state};
use super::trace;
use crate::core::config::{self, EffectiveConfig, EnvironmentDefaults};
use crate::core::graph::EdgeKind;
use crate::core::model::ResourceId;
use crate::core::schedule::effective::{self, EffectiveSchedule};

/// What the panel shows for the current selection.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    /// Nothing or several resources selected.
    Nothing,
    /// A resource that carries no Flink configuration.
    NoJob,
    /// The configurations of the selected job, and its effective savepoint schedule.
    Job(Vec<EffectiveConfig>, Option<EffectiveSchedule>, ResourceId),
    /// The defaults of the selected environment.
    Environment(Box<EnvironmentDefaults>),
}

/// The configurations (or environment defaults) of `id`, computed on their own.
fn shown(state: AppState, id: ResourceId) -> Shown {
    let graph = state.graph.get();
    state.content.track();
    trace::time("configs", || {
        state.design.with_value(|d| {
            let Some(r) = d.get(id) else { return Shown::Nothing };
            if let Some(e) = config::environment_defaults(d, &graph, r) {
                return Shown::Environment(Box::new(e));
            }
            let configs = config::effective_configs_of(d, &graph, &analysis::targets(d), &[id]);
            let env = graph.targets(id, EdgeKind::Environment).first().and_then(|e| d.get(*e));
            let schedule = effective::effective(r, env);
            if configs.is_empty() && schedule.is_none() {
                Shown::NoJob
            } else {
                Shown::Job(configs, schedule, id)
            }
        })
    })
}

/// The effective configuration of the selected job, and a side-by-side compare; a wide
/// view shows the job's configuration over the whole window.
#[component]
pub fn ConfigPanel() -> impl IntoView {
    let state = use_state();
    let selected =
        Memo::new(move |_| state.selected_one().map_or(Shown::Nothing, |id| shown(state, id)));
    let wide = RwSignal::new(false);
    let view = move || {
        match selected.get() {
        Shown::Nothing => view! {
            <p class="empty" data-testid="config-hint">
                "Select a job on the canvas (deployment, application, statement, session job or compute pool) to see its effective configuration, or an environment to see the defaults it imposes."
            </p>
        }
        .into_any(),
        Shown::NoJob => view! {
            <p class="empty" data-testid="config-hint">"The selected resource runs no Flink job."</p>
        }
        .into_any(),
        Shown::Job(configs, schedule, id) => view! {
            <button class="button" data-testid="config-wide-open" on:click=move |_| wide.set(true)>
                "Wide view"
            </button>
            {configs.iter().map(|c| table::config(c, false)).collect_view()}
            {schedule.map(|s| schedule::schedule(s, id))}
        }
        .into_any(),
        Shown::Environment(e) => environment::defaults(&e).into_any(),
    }
    };
    let close = move || wide.set(false);
    // Escape closes the wide view wherever the focus is; opened, it takes the focus.
    let escape = window_event_listener(leptos::ev::keydown, move |e| {
        if e.key() == "Escape" && wide.get_untracked() {
            wide.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = close_button.get() {
            let _ = b.focus();
        }
    });
    let wide_view = move || match selected.get() {
        Shown::Job(configs, ..) => {
            configs.iter().map(|c| table::config(c, true)).collect_view().into_any()
        }
        _ => view! { <p class="empty">"No job selected."</p> }.into_any(),
    };
    view! {
        <div class="panel" data-testid="configs">
            {view}
            <compare::Compare />
        </div>
        <Show when=move || wide.get()>
            <div class="overlay" data-testid="config-wide" role="dialog" aria-modal="true"
                aria-labelledby="config-wide-title" on:click=move |_| close()>
                <div class="dialog full" on:click=|e| e.stop_propagation()>
                    <div class="dialog-head">
                        <h2 id="config-wide-title">"Effective configuration"</h2>
                        <button class="button" data-testid="config-wide-close" node_ref=close_button on:click=move |_| close()>"Close"</button>
                    </div>
                    {wide_view}
                </div>
            </div>
        </Show>
    }
}
