//! Application and statement status read back after an apply.

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
                        .map(|(object, state)| view! {
                            <li data-testid="live-status" data-state=state.split(' ').next().unwrap_or_default().to_string()>
                                {object}": "<strong>{state.clone()}</strong>
                            </li>
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}
