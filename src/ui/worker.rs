//! The validation worker's side of the message channel (see `validation.rs` for the
//! page's side): each message is a JSON `core::replica::Request`; each answer a JSON
//! `Reply`. All the work is `core::replica::ValidationService`'s.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::validation::READY;
use crate::core::replica::ValidationService;

/// Serves validation requests until the worker is terminated. Call once, from the
/// worker's entry point.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let service = Rc::new(RefCell::new(ValidationService::new()));
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let Some(request) = e.data().as_string() else { return };
        let reply = service.borrow_mut().handle_json(&request);
        // A failed post means the page is gone: nothing left to tell.
        let _ = reply_to.post_message(&JsValue::from_str(&reply));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
