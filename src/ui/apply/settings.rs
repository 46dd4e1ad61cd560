//! Connection settings: base URL and authentication (none or an OAuth bearer token).

use leptos::prelude::*;

use super::Session;

/// URL and authentication inputs.
#[component]
pub fn Settings(session: Session) -> impl IntoView {
    view! {
        <div class="apply-settings">
            <label>
                "CMF base URL "
                <input type="url" size="40" data-testid="apply-url" spellcheck="false"
                    prop:value=move || session.url.get()
                    on:change=move |e| session.url.set(event_target_value(&e)) />
            </label>
            <label>
                " Authentication "
                <select data-testid="apply-auth"
                    on:change=move |e| session.bearer.set(event_target_value(&e) == "bearer")>
                    <option value="none" selected=move || !session.bearer.get()>"none"</option>
                    <option value="bearer" selected=move || session.bearer.get()>"OAuth bearer token"</option>
                </select>
            </label>
            <Show when=move || session.bearer.get()>
                <label>
                    " Token "
                    <input type="password" autocomplete="off" data-testid="apply-token"
                        prop:value=move || session.token.get()
                        on:input=move |e| session.token.set(event_target_value(&e)) />
                </label>
            </Show>
            <label>
                <input type="checkbox" data-testid="apply-delete-missing"
                    prop:checked=move || session.delete_missing.get()
                    on:change=move |e| session.delete_missing.set(event_target_checked(&e)) />
                " Delete what the design does not have"
            </label>
            <p class="muted apply-note">
                "The default URL is this page: "<code>"make serve"</code>" proxies "<code>"/cmf"</code>
                " to CMF at "<code>"http://127.0.0.1:8081"</code>" ("
                <code>"kubectl port-forward svc/cmf-service 8081:80"</code>
                "; change the port in Trunk.toml), so the browser meets no CORS wall. The token is kept "
                "in this page's memory only: never saved, exported or shared. mTLS cannot be set up "
                "here: install the client certificate in the browser's own certificate store."
            </p>
        </div>
    }
}
