//! Overlays: the keyboard shortcut help and the paste dialog.

use leptos::prelude::*;

use super::analysis::SourceFile;
use super::state::use_state;

/// Shortcuts listed in the help overlay.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Delete / Backspace", "delete the selection"),
    ("Ctrl+D", "duplicate the selection"),
    ("Ctrl+A", "select everything"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"),
    ("F", "fit the design to the screen"),
    ("+ / −", "zoom in / out"),
    ("Escape", "clear the selection, close this help"),
    ("Tab, Enter / Space", "go to a node or namespace frame, select it (Shift: add)"),
    ("Arrow keys (Shift: further)", "move the selection"),
    ("C on a focused node", "connect it: pick the target from a list (↑ ↓, Enter; Escape cancels)"),
    ("Arrow keys on the focused canvas (Shift: further)", "pan"),
    ("+ / − / 0 on the focused canvas", "zoom in / out / to 100 %"),
    ("?", "show this help"),
    ("Drag the background, Space-drag, wheel", "pan, pan, zoom"),
    ("Shift- or Ctrl-click, Shift-drag", "add to the selection, select a region"),
    ("Drag from a node's top port to another node", "connect them (sets the reference field)"),
    ("Drag a palette entry onto the canvas", "add it there (in the namespace frame under it)"),
];

/// The help overlay.
#[component]
pub fn Help() -> impl IntoView {
    let state = use_state();
    view! {
        <Show when=move || state.help.get()>
            <div class="overlay" data-testid="help" role="dialog" aria-label="Keyboard shortcuts" on:click=move |_| state.help.set(false)>
                <div class="dialog" on:click=|e| e.stop_propagation()>
                    <h2>"Keyboard shortcuts"</h2>
                    <table class="grid">
                        <tbody>
                            {SHORTCUTS.iter().map(|(k, what)| view! { <tr><td><kbd>{*k}</kbd></td><td>{*what}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                    <button class="button" data-testid="help-close" on:click=move |_| state.help.set(false)>"Close"</button>
                </div>
            </div>
        </Show>
    }
}

/// The paste dialog: manifests (YAML / JSON) or a design file, imported into the design.
#[component]
pub fn PasteDialog(
    /// Whether the dialog is open.
    open: RwSignal<bool>,
) -> impl IntoView {
    let state = use_state();
    let text = RwSignal::new(String::new());
    let import = move |_| {
        let t = text.get_untracked();
        if t.trim().is_empty() {
            return;
        }
        let n = state.design.with_value(|d| d.resources.len());
        state.import(vec![SourceFile::new(format!("pasted-{}.yaml", n + 1), t)]);
        text.set(String::new());
        open.set(false);
    };
    view! {
        <Show when=move || open.get()>
            <div class="overlay" data-testid="paste-dialog" role="dialog" aria-label="Paste manifests">
                <div class="dialog wide">
                    <h2>"Paste manifests"</h2>
                    <p class="muted">"Kubernetes, CFK or FKO YAML, CMF REST JSON, several documents separated by ---, or a design file."</p>
                    <textarea class="paste" data-testid="paste-text" aria-label="Manifests to import" spellcheck="false" wrap="off"
                        prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e))></textarea>
                    <div class="toolbar">
                        <button class="button primary" data-testid="paste-import" on:click=import>"Import"</button>
                        <button class="button" data-testid="paste-cancel" on:click=move |_| open.set(false)>"Cancel"</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
