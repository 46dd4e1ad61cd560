//! Validation off the main thread. The rules run in a Web Worker (`public/worker.js`
//! running the app's own WebAssembly module, see `worker.rs`) that holds a replica of
//! the design and an incremental
//! validator (`core::replica`). After each content change the page sends only what
//! changed (`Replicator::delta`, a few hundred bytes for one edit); the worker answers
//! with the findings. Input is never blocked by validation, whatever the design's size.
//!
//! One request is out at a time: edits made meanwhile are gathered into the next delta,
//! so a burst of keystrokes costs one more validation, not one per key. When the worker
//! cannot start or fails, validation falls back to the page (the same incremental
//! validator, synchronously) and the status line says so.
//!
//! The worker also autosaves: a request carries a save order when the design changed
//! since the last one (`persist.rs`), so an edit is stored as soon as the worker has it,
//! before the rules run; a move only sends a save order (nothing to validate). The
//! worker's `{"saved": …}` notice says when the browser's storage has it.

use std::collections::HashMap;

use leptos::prelude::*;

use super::analysis;
use super::state::{AppState, Shared, shared};
use super::trace::{self, now};
use crate::core::finding::Finding;
use crate::core::replica::{Notice, Replicator, Reply, Request, findings_of};
use crate::core::rules::Validator;

/// The first message of a started worker (replies are JSON objects).
pub const READY: &str = "ready";

/// Script of the worker, next to the loader (`public/boot.js`).
const WORKER_SCRIPT: &str = "worker.js";

/// How long the worker may take to start before the page validates by itself.
const START_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// Where validation runs and what is in flight.
pub struct Checker {
    worker: Option<web_sys::Worker>,
    ready: bool,
    /// Sequence number of the request in flight.
    in_flight: Option<u64>,
    /// The design changed after the request in flight was sent.
    again: bool,
    replicator: Replicator,
    seq: u64,
    /// Content revision each request was made at, when it was sent (ms), and whether it
    /// asked for a validation (a save order alone does not).
    sent: HashMap<u64, (u64, f64, bool)>,
    /// Used when there is no worker.
    local: Validator,
}

impl Checker {
    fn new() -> Self {
        Self {
            worker: None,
            ready: false,
            in_flight: None,
            again: false,
            replicator: Replicator::new(),
            seq: 0,
            sent: HashMap::new(),
            local: Validator::new(),
        }
    }
}

impl Checker {
    /// Whether validation (and saving) go through a worker, started or starting.
    pub fn has_worker(&self) -> bool {
        self.worker.is_some()
    }
}

/// The checker in the app state (arena handle; the worker handle is not `Send`).
pub type CheckerHandle = StoredValue<Checker, LocalStorage>;

/// A checker with no worker yet ([`start_worker`] starts it).
pub fn checker() -> CheckerHandle {
    StoredValue::new_local(Checker::new())
}

impl AppState {
    /// Validates the current design: sends the change to the worker, or validates on
    /// the page when there is none. Called after every content change.
    pub fn check(self) {
        let rev = self.content.get_untracked();
        let worker = self.checker.with_value(|c| c.worker.clone());
        let Some(worker) = worker else {
            self.check_here(rev);
            self.save_here();
            return;
        };
        let waiting = self.checker.with_value(|c| !c.ready || c.in_flight.is_some());
        if waiting {
            self.checker.update_value(|c| c.again = true);
            return;
        }
        let request = self.checker.try_update_value(|c| {
            let delta = trace::time("delta", || self.design.with_value(|d| c.replicator.delta(d)));
            let save = self.save_order(&mut c.replicator);
            if delta.is_none() && save.is_none() {
                return None;
            }
            c.seq += 1;
            c.in_flight = Some(c.seq);
            c.sent.insert(c.seq, (rev, now(), delta.is_some()));
            Some(Request { seq: c.seq, delta, save })
        });
        match request.flatten() {
            Some(request) => {
                let text = trace::time("send delta", || serde_json::to_string(&request));
                let posted = text
                    .map_err(|e| e.to_string())
                    .and_then(|t| worker.post_message(&t.into()).map_err(|e| format!("{e:?}")));
                if let Err(e) = posted {
                    self.worker_failed(&format!("could not send the design: {e}"));
                }
            }
            // Nothing a rule reads changed (e.g. an undo back to what was validated).
            None => self.checked.set(rev),
        }
    }

    /// Validates on the page, synchronously.
    fn check_here(self, rev: u64) {
        let rules = trace::time("validate (on the page)", || {
            self.design.with_value(|d| {
                self.checker
                    .try_update_value(|c| c.local.run(d, analysis::targets(d)))
                    .unwrap_or_default()
            })
        });
        self.show(Shared(rules), rev);
    }

    fn show(self, rules: Shared<Vec<Finding>>, rev: u64) {
        self.validations.update(|n| *n += 1);
        self.rule_findings.set(rules);
        self.checked.set(rev);
    }

    /// A message from the worker: it started, or it answered a request.
    fn on_message(self, text: String) {
        if text == READY {
            self.checker.update_value(|c| c.ready = true);
            self.validator_at.set("worker");
            self.check();
            return;
        }
        if text.starts_with(Notice::PREFIX) {
            match serde_json::from_str::<Notice>(&text) {
                Ok(Notice::Saved(saved)) => {
                    trace::report("autosave (worker: write the design file)", saved.write_ms);
                    trace::report("autosave (worker: until stored)", saved.stored_ms);
                    self.on_saved(saved.revision, saved.error);
                }
                Err(e) => leptos::logging::warn!("validation worker: unreadable notice: {e}"),
            }
            return;
        }
        let reply = trace::time("read reply", || serde_json::from_str::<Reply>(&text));
        let mut reply = match reply {
            Ok(r) => r,
            Err(e) => return self.worker_failed(&format!("its answer could not be read: {e}")),
        };
        let (rev, sent_at, validates) =
            self.checker.with_value(|c| c.sent.get(&reply.seq).copied()).unwrap_or((0, 0.0, true));
        if validates {
            trace::note(|| format!("validator {}", reply.stats));
            trace::report("validate (worker, round trip)", now() - sent_at);
        }
        self.checker.update_value(|c| {
            c.sent.remove(&reply.seq);
            if c.in_flight == Some(reply.seq) || reply.seq == 0 {
                c.in_flight = None;
            }
        });
        if let Some(error) = reply.error {
            self.out_of_step(&error);
            // A save order it carried was not carried out.
            self.save_sent.set_value(None);
        } else {
            let delta = reply.delta();
            match (reply.findings, delta) {
                (_, Some(delta)) => {
                    let held = self.rule_findings.get_untracked();
                    let applied = trace::time("apply findings delta", || {
                        delta.and_then(|d| d.apply(&held.0))
                    });
                    match applied {
                        Ok(findings) => self.show(shared(findings), rev),
                        Err(e) => self.out_of_step(&e),
                    }
                }
                (Some(pairs), None) => self.show(shared(findings_of(pairs)), rev),
                (None, None) if validates => {
                    self.validations.update(|n| *n += 1);
                    self.checked.set(rev);
                }
                // A save alone: nothing a rule reads changed since `rev`.
                (None, None) => {
                    if self.checked.get_untracked() < rev {
                        self.checked.set(rev);
                    }
                }
            }
        }
        let again =
            self.checker.try_update_value(|c| std::mem::take(&mut c.again)).unwrap_or(false);
        if again {
            self.check();
        }
    }

    /// The worker and the page are out of step (`why`): both start again from the whole
    /// design, and its findings.
    fn out_of_step(self, why: &str) {
        leptos::logging::warn!("validation worker: {why}");
        self.checker.update_value(|c| {
            c.replicator.restart();
            c.again = true;
        });
    }

    /// Drops the worker and validates on the page from now on.
    fn worker_failed(self, why: &str) {
        let had = self.checker.try_update_value(|c| {
            let had = c.worker.take();
            if let Some(w) = &had {
                w.terminate();
            }
            c.in_flight = None;
            c.sent.clear();
            had.is_some()
        });
        if had == Some(true) {
            self.save_sent.set_value(None);
            self.validator_at.set("page");
            self.say(
                format!("Validation runs on the page now: the validation worker {why}. Large designs may feel slower."),
                true,
            );
            self.check();
        }
    }
}

/// Starts the validation worker. Until it is ready, changes wait for it; if it fails to
/// start (or later), validation falls back to the page.
pub fn start_worker(state: AppState) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let worker = match spawn_worker() {
        Ok(w) => w,
        Err(e) => {
            leptos::logging::warn!("validation worker not started: {e}");
            return;
        }
    };
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(text) = e.data().as_string() {
                state.on_message(text);
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A script that fails to load fires a plain `Event`; a failure inside, an `ErrorEvent`.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let message = js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "its script could not be loaded".into());
        state.worker_failed(&format!("stopped ({message})"));
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    if let Err(e) = hand_over_module(&worker) {
        worker.terminate();
        leptos::logging::warn!("validation worker not started: {e}");
        return;
    }
    state.checker.update_value(|c| c.worker = Some(worker));
    state.validator_at.set("starting");
    set_timeout(
        move || {
            if state.checker.with_value(|c| c.worker.is_some() && !c.ready) {
                state.worker_failed("did not start");
            }
        },
        START_TIMEOUT,
    );
}

/// The loader's script element (`public/boot.js`; Trunk writes the app's file names into
/// its `data-js` / `data-wasm` attributes, see Trunk.toml).
fn loader_script() -> Result<web_sys::HtmlScriptElement, String> {
    use wasm_bindgen::JsCast;
    document()
        .query_selector("script[data-js]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(|| "the page has no loader script".to_string())
}

/// Starts `worker.js` (next to the loader) as a module worker.
fn spawn_worker() -> Result<web_sys::Worker, String> {
    let script = web_sys::Url::new_with_base(WORKER_SCRIPT, &loader_script()?.src())
        .map_err(|e| format!("{e:?}"))?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    web_sys::Worker::new_with_options(&script.href(), &options).map_err(|e| format!("{e:?}"))
}

/// Sends the worker its first message: the URL of the app's JavaScript glue and this
/// page's compiled WebAssembly module, which the worker instantiates as is (no second
/// download, no second compilation).
fn hand_over_module(worker: &web_sys::Worker) -> Result<(), String> {
    let glue = loader_script()?
        .get_attribute("data-js")
        .ok_or_else(|| "the loader names no app script".to_string())?;
    let base = document().url().map_err(|e| format!("{e:?}"))?;
    let glue = web_sys::Url::new_with_base(&glue, &base).map_err(|e| format!("{e:?}"))?;
    let message = js_sys::Object::new();
    let set = |key: &str, value: &wasm_bindgen::JsValue| {
        js_sys::Reflect::set(&message, &key.into(), value).map(drop).map_err(|e| format!("{e:?}"))
    };
    set("glue", &glue.href().into())?;
    set("module", &wasm_bindgen::module())?;
    worker.post_message(&message).map_err(|e| format!("{e:?}"))
}
