//! Restore on load and autosave: the design file in local storage, written within a
//! second of each edit (and when the page is hidden).

use std::time::Duration;

use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};
use leptos::prelude::*;

use super::analysis::SourceFile;
use super::examples;
use super::state::AppState;
use super::storage::{self, Saved};
use crate::core::design::Design;
use crate::core::{design_file, generate, share};

/// Quiet time after an edit before the design is saved.
pub const SAVE_DELAY: Duration = Duration::from_millis(400);

/// The largest generated design (`?generate=N`).
const MAX_GENERATED: usize = 20_000;

fn url_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// A design imported from texts, scopes assigned.
pub fn design_of(files: &[SourceFile]) -> (Design, Vec<crate::core::finding::Finding>) {
    let mut d = Design::new();
    let mut findings = Vec::new();
    for f in files {
        findings.extend(design_file::import_any(&mut d, &f.name, &f.text).1);
    }
    d.assign_scopes(None, None);
    (d, findings)
}

impl AppState {
    /// Loads what the page starts with: a generated design (`?generate=N`, never
    /// autosaved), else the saved design (migrating texts saved by earlier versions), else
    /// the first example.
    pub fn restore(self) {
        if let Some(n) = url_param("generate").and_then(|n| n.parse::<usize>().ok()) {
            // `&autosave=1` (measurements in a throwaway profile) saves it anyway.
            self.autosave_enabled.set_value(url_param("autosave").as_deref() == Some("1"));
            self.start_with(generate::design(n.min(MAX_GENERATED)), &format!("generated-{n}"));
            self.say("Generated design: not saved (remove ?generate from the address to get yours back).", false);
            return;
        }
        match storage::load() {
            Some(Saved::Design(text)) => {
                let loaded = design_file::load("autosave", &text);
                let name = if loaded.name.is_empty() { "design".to_string() } else { loaded.name };
                self.start_with(loaded.design, &name);
                self.import_findings.set(loaded.findings);
            }
            Some(Saved::Texts(files)) => {
                let (d, findings) = design_of(&files);
                self.start_with(d, "design");
                self.import_findings.set(findings);
                self.say("Your saved manifests were imported into a design.", false);
            }
            None => {
                let files = examples::files(examples::EXAMPLES[0].id).unwrap_or_default();
                let (d, _) = design_of(&files);
                self.start_with(d, examples::EXAMPLES[0].id);
            }
        }
    }

    /// Opens the design carried by a share link (`#design=…`) as an undoable edit over
    /// the restored one, then clears the fragment so a reload does not open it again.
    pub fn open_share_link(self) {
        let Some(window) = web_sys::window() else { return };
        let hash = window.location().hash().unwrap_or_default();
        if !hash.starts_with(&format!("#{}=", share::FRAGMENT_KEY)) {
            return;
        }
        match share::decode(&hash) {
            Ok(decoded) => {
                let name =
                    if decoded.name.is_empty() { "shared".to_string() } else { decoded.name };
                self.load(decoded.design, &name);
                self.say(
                    "Opened the design from the link (Ctrl+Z returns to your previous design).",
                    false,
                );
            }
            Err(e) => self.say(format!("The share link could not be opened: {e}."), true),
        }
        if let Ok(history) = window.history() {
            let path = window.location().pathname().unwrap_or_default()
                + &window.location().search().unwrap_or_default();
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }

    /// A link that opens the current design (no secret values), or why there is none.
    pub fn share_link(self) -> Result<(String, Option<String>), String> {
        let name = self.name.get_untracked();
        let share =
            self.design.with_value(|d| share::encode(d, &name)).map_err(|e| e.to_string())?;
        let location = web_sys::window().map(|w| w.location()).ok_or("no window")?;
        let base = location.href().map_err(|_| "no address")?;
        let base = base.split('#').next().unwrap_or_default().to_string();
        Ok((format!("{base}#{}={}", share::FRAGMENT_KEY, share.payload), share.notice()))
    }

    /// Saves the design whenever it changes (after [`SAVE_DELAY`] of quiet).
    pub fn autosave(self) {
        let timer = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |first: Option<()>| {
            self.content.track();
            self.placement.track();
            self.name.track();
            if first.is_none() {
                return;
            }
            if let Some(t) = timer.try_update_value(Option::take).flatten() {
                t.clear();
            }
            timer.set_value(set_timeout_with_handle(move || self.save_now(), SAVE_DELAY).ok());
        });
    }

    /// Saves now (page hidden, explicit save).
    pub fn save_now(self) {
        if !self.autosave_enabled.get_value() {
            return;
        }
        let revision = self.content.get_untracked() + self.placement.get_untracked();
        if self.saved.get_untracked() == Some(revision) {
            return;
        }
        // JSON: an order of magnitude faster to write than the YAML of "Save".
        let name = self.name.get_untracked();
        let text =
            self.design.with_value(|d| serde_json::to_string(&design_file::document(d, &name)));
        if text.as_deref().is_ok_and(storage::save) {
            self.saved.set(Some(revision));
        } else {
            self.say("Autosave failed: the browser refused to store the design (storage full or disabled). Save the design file to keep your work.", true);
        }
    }

    /// The design as a design file.
    pub fn design_file(self) -> String {
        let name = self.name.get_untracked();
        self.design.with_value(|d| design_file::save(d, &name))
    }
}
