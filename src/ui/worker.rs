//! The validation worker's side of the message channel (see `validation.rs` for the
//! page's side): each message is a JSON `core::replica::Request`; each answer a JSON
//! `Reply`. All the work is `core::replica::ValidationService`'s.
//!
//! A request that carries a save order is stored first (IndexedDB, `storage.rs`; the
//! write is handed to the browser before the rules run), then validated; a
//! `Notice::Saved` follows when the storage has it (or refused it).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::storage;
use super::trace::now;
use super::validation::READY;
use crate::core::replica::{Notice, Saved, ValidationService, reply_json};

/// Serves validation requests until the worker is terminated. Call once, from the
/// worker's entry point.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let service = Rc::new(RefCell::new(ValidationService::new()));
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let Some(request) = e.data().as_string() else { return };
        let start = now();
        let received = service.borrow_mut().receive_json(&request);
        let write_ms = now() - start;
        let service = Rc::clone(&service);
        let port = reply_to.clone();
        // A failed post means the page is gone: nothing left to tell.
        let post = move |text: String| drop(port.post_message(&JsValue::from_str(&text)));
        spawn_local(async move {
            let mut received = match received {
                Ok(r) => r,
                Err(reply) => return post(reply_json(&reply)),
            };
            if let Some((revision, record)) = received.save.take() {
                let forgotten = record.forgotten.len();
                let written = storage::begin_put(&record).await;
                drop(record);
                let post = post.clone();
                spawn_local(async move {
                    let result = match written {
                        Ok(pending) => pending.done().await,
                        Err(e) => Err(e),
                    };
                    let saved = Saved {
                        revision,
                        error: result.err(),
                        forgotten,
                        write_ms,
                        stored_ms: now() - start,
                    };
                    post(serde_json::to_string(&Notice::Saved(saved)).unwrap_or_default());
                });
            }
            let reply = if received.validate {
                service.borrow_mut().validate(received.seq)
            } else {
                ValidationService::unvalidated(&received)
            };
            post(reply_json(&reply));
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    spawn_local(storage::warm_up());
    let _ = scope.post_message(&JsValue::from_str(READY));
}
