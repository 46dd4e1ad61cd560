//! Secret values and this browser: the "remember secret values on this device" setting,
//! and the banner that names the values a restored design lost.

use leptos::prelude::*;

use super::state::use_state;

/// How many secret values the banner lists (the count says how many there are).
const SHOWN: usize = 12;

/// The setting, in the top bar: off by default, remembered in this browser.
#[component]
pub fn RememberSecrets() -> impl IntoView {
    let state = use_state();
    view! {
        <label class="toggle" data-testid="remember-secrets"
            title="Off: secret values (Secret data, passwords, tokens, JAAS passwords, credentials in env values, args and connection settings) are left out of what this browser stores, and you enter them again after a reload. On: they are stored in this browser, in plain text.">
            <input type="checkbox" data-testid="remember-secrets-input"
                prop:checked=move || state.remember_secrets.get()
                on:change=move |e| state.set_remember_secrets(event_target_checked(&e)) />
            "Remember secret values on this device"
        </label>
    }
}

/// Shown after a restore that brought secret values back empty: names each, and selects
/// its field when clicked.
#[component]
pub fn SecretsBanner() -> impl IntoView {
    let state = use_state();
    let items = move || {
        state.forgotten.get().into_iter().take(SHOWN).map(|f| {
            let (id, pointer) = (f.id, f.pointer.clone());
            view! {
                <li>
                    <button class="link" data-testid="forgotten-item" data-resource=f.resource.clone()
                        data-pointer=f.pointer.clone() on:click=move |_| state.reveal(id, &pointer)>
                        {format!("{} — {}", f.resource, f.what)}
                    </button>
                </li>
            }
        }).collect_view()
    };
    view! {
        <Show when=move || state.forgotten.with(|f| !f.is_empty())>
            <div class="banner" role="alert" data-testid="secrets-banner">
                <p>
                    {move || format!("{} secret value(s) were not kept in this browser and came back empty. Enter them again:", state.forgotten.with(Vec::len))}
                </p>
                <ul>{items}</ul>
                {move || {
                    let more = state.forgotten.with(Vec::len).saturating_sub(SHOWN);
                    (more > 0).then(|| view! { <p class="hint">{format!("… and {more} more.")}</p> })
                }}
                <p class="hint">"To keep them next time, tick “Remember secret values on this device” (they are then stored in this browser in plain text)."</p>
                <button class="button" data-testid="secrets-banner-dismiss" on:click=move |_| state.forgotten.set(Vec::new())>"Dismiss"</button>
            </div>
        </Show>
    }
}
