//! Browser entry points of Flink Studio (built by Trunk for `wasm32-unknown-unknown`).
//!
//! One WebAssembly module serves the page and the validation worker, so the rules core
//! ships and is cached once. On the page, `main` (wasm-bindgen's start function) mounts
//! the app. The worker (`public/worker.js`) instantiates the same module, where `main`
//! finds no window and does nothing, then calls [`validation_worker`].

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    console_error_panic_hook::set_once();
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(flink_studio::ui::App);
    }
}

/// The validation worker's entry point: serves validation (and autosave) requests until
/// the worker is terminated. Called once by `public/worker.js`.
#[wasm_bindgen]
pub fn validation_worker() {
    console_error_panic_hook::set_once();
    flink_studio::ui::worker::serve();
}
