//! Application and statement status read back after an apply, with the savepoint
//! schedule's runtime status (`status.savepointSchedule`) when CMF reports one.

use leptos::prelude::*;

use super::Session;

/// One line per application and statement.
#[component]
pub fn Live(session: Session) -> impl IntoView {
    move || {
        let statuses = session.statuses.get();
        (!statuses.is_empty()).then(|| {
            view! {
                <h3>"Status on the server"</h3>
                <ul data-testid="live">
                    {statuses
                        .into_iter()
                        .map(|(object, state, schedule)| view! {
                            <li data-testid="live-status" data-state=state.split(' ').next().unwrap_or_default().to_string()>
                                {object}": "<strong>{state.clone()}</strong>
                                {schedule.map(|s| view! { <br /><span class="muted" data-testid="live-schedule">{s}</span> })}
                            </li>
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}
