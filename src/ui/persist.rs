//! Restore on load and autosave.
//!
//! The design is stored in IndexedDB (`storage.rs`) by the validation worker, off the
//! main thread: every request to the worker carries a save order when the design changed
//! since the last one, so an edit is stored as soon as the worker has it (`validation.rs`);
//! a move or a setting sends a save order alone after [`SAVE_DELAY`] of quiet, and so
//! does hiding the page. Without the worker the page stores the design itself.
//!
//! Secret values (`core::credentials`) are stored empty unless the user opted in
//! ("remember secret values on this device"); a restored design then comes back with
//! those values empty and a banner naming them. When the browser refuses to store the
//! design (storage full or unavailable) the status line says so and offers to save the
//! design file.

use std::time::Duration;

use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};
use leptos::prelude::*;

use super::analysis::SourceFile;
use super::examples;
use super::state::AppState;
use super::storage::{self, Legacy};
use super::trace;
use crate::core::autosave;
use crate::core::design::Design;
use crate::core::replica::{Replicator, SaveOrder};
use crate::core::{design_file, generate, share};

/// Quiet time after a move (or a setting) before the design is saved; edits of
/// resources are saved with their validation request, at once.
pub const SAVE_DELAY: Duration = Duration::from_millis(300);

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
    /// autosaved), else the saved design (IndexedDB; else what earlier versions left in
    /// local storage, moved over by the next save), else the first example. Then opens a
    /// share link, if the address carries one.
    pub fn restore(self) {
        self.remember_secrets.set(storage::remember_secrets());
        if let Some(n) = url_param("generate").and_then(|n| n.parse::<usize>().ok()) {
            // `&autosave=1` (measurements, crash tests) saves it anyway.
            self.autosave_enabled.set_value(url_param("autosave").as_deref() == Some("1"));
            self.start_with(generate::design(n.min(MAX_GENERATED)), &format!("generated-{n}"));
            self.say("Generated design: not saved (remove ?generate from the address to get yours back).", false);
            self.restored_now(false);
            return;
        }
        leptos::task::spawn_local(async move {
            let stored = storage::load().await;
            let migrating = match stored {
                Ok(Some(stored)) => {
                    self.start_from_text(&stored.design);
                    self.forgotten.set(stored.forgotten);
                    false
                }
                Ok(None) => self.start_from_legacy(),
                Err(e) => {
                    self.storage_refused(&e);
                    self.start_from_legacy()
                }
            };
            self.restored_now(migrating);
        });
    }

    fn start_from_text(self, text: &str) {
        let loaded = design_file::load("autosave", text);
        let name = if loaded.name.is_empty() { "design".to_string() } else { loaded.name };
        self.start_with(loaded.design, &name);
        self.import_findings.set(loaded.findings);
    }

    /// Starts from what earlier versions saved in local storage, if anything; true when
    /// there was something to move over.
    fn start_from_legacy(self) -> bool {
        match storage::legacy() {
            Some(Legacy::Design(text)) => {
                self.start_from_text(&text);
                true
            }
            Some(Legacy::Texts(files)) => {
                let (d, findings) = design_of(&files);
                self.start_with(d, "design");
                self.import_findings.set(findings);
                self.say("Your saved manifests were imported into a design.", false);
                true
            }
            None => {
                let files = examples::files(examples::EXAMPLES[0].id).unwrap_or_default();
                let (d, _) = design_of(&files);
                self.start_with(d, examples::EXAMPLES[0].id);
                false
            }
        }
    }

    /// The start is over: what is on screen is what storage has (unless it came from
    /// local storage, which the next save moves over).
    fn restored_now(self, migrating: bool) {
        self.migrating.set_value(migrating);
        if !migrating {
            self.save_sent.set_value(Some(self.save_revision()));
        }
        self.restored.set(true);
        self.open_share_link();
        if migrating {
            self.save_now();
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

    /// What the stored copy must catch up with: resources, positions and settings. The
    /// counters only grow, so their sum changes whenever one of them does.
    pub fn save_revision(self) -> u64 {
        self.content.get_untracked()
            + self.placement.get_untracked()
            + self.settings.get_untracked()
    }

    /// A save order when the stored copy is behind (and storing is on), with the
    /// positions and notes that changed since the last one.
    pub fn save_order(self, replicator: &mut Replicator) -> Option<SaveOrder> {
        let revision = self.save_due()?;
        self.save_sent.set_value(Some(revision));
        let studio =
            trace::time("save order", || self.design.with_value(|d| replicator.studio_delta(d)));
        Some(SaveOrder {
            revision,
            name: self.name.get_untracked(),
            keep_secrets: self.remember_secrets.get_untracked(),
            studio,
        })
    }

    fn save_due(self) -> Option<u64> {
        let revision = self.save_revision();
        let due = self.autosave_enabled.get_value()
            && self.restored.get_untracked()
            && self.save_sent.get_value() != Some(revision);
        due.then_some(revision)
    }

    /// Saves whenever positions, the name or a setting change (after [`SAVE_DELAY`] of
    /// quiet); resource edits are saved with their validation request.
    pub fn autosave(self) {
        let timer = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |first: Option<()>| {
            self.content.track();
            self.placement.track();
            self.settings.track();
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

    /// Saves now if the stored copy is behind: through the worker (with the next request
    /// when one is in flight), else on the page.
    pub fn save_now(self) {
        if self.save_due().is_none() {
            return;
        }
        if self.checker.with_value(|c| c.has_worker()) {
            self.check();
        } else {
            self.save_here();
        }
    }

    /// Stores the design from the page (no worker).
    pub fn save_here(self) {
        let Some(revision) = self.save_due() else { return };
        self.save_sent.set_value(Some(revision));
        let (name, keep) = (self.name.get_untracked(), self.remember_secrets.get_untracked());
        let record = trace::time("autosave (on the page)", || {
            self.design.with_value(|d| autosave::record(d, &name, keep))
        });
        leptos::task::spawn_local(async move {
            let result = match storage::begin_put(&record).await {
                Ok(pending) => pending.done().await,
                Err(e) => Err(e),
            };
            self.on_saved(revision, result.err());
        });
    }

    /// The storage answered a save of `revision`.
    pub fn on_saved(self, revision: u64, error: Option<String>) {
        match error {
            None => {
                self.saved.set(Some(revision));
                if self.storage_problem.get_untracked().is_some() {
                    self.storage_problem.set(None);
                    self.say("Autosave works again: the design is stored in this browser.", false);
                }
                if self.migrating.get_value() {
                    storage::remove_legacy();
                    self.migrating.set_value(false);
                }
            }
            Some(e) => {
                // Try again with the next change.
                if self.save_sent.get_value() == Some(revision) {
                    self.save_sent.set_value(None);
                }
                self.storage_refused(&e);
            }
        }
    }

    fn storage_refused(self, why: &str) {
        let text = format!(
            "Autosave failed: {why}. Your work is not kept in this browser; save the design file to keep it."
        );
        self.storage_problem.set(Some(text.clone()));
        self.say(text, true);
    }

    /// The design as a design file.
    pub fn design_file(self) -> String {
        let name = self.name.get_untracked();
        self.design.with_value(|d| design_file::save(d, &name))
    }

    /// Downloads the design file and says so.
    pub fn download_design_file(self) {
        let name = format!("{}.fstudio.yaml", self.name.get_untracked());
        let ok = super::browser::download(&name, &self.design_file(), "application/yaml").is_ok();
        self.say(if ok { format!("Saved {name}.") } else { "Download failed.".into() }, !ok);
    }

    /// Turns "remember secret values on this device" on or off; the stored copy follows.
    pub fn set_remember_secrets(self, on: bool) {
        storage::set_remember_secrets(on);
        self.remember_secrets.set(on);
        self.settings.update(|n| *n += 1);
    }
}
