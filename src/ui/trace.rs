//! Opt-in timing of the UI's derived values: with `?trace=1` in the address, each traced
//! step logs `[trace] <name> <ms>` to the console (read by `tests/e2e/perf.mjs --trace`).
//! Without it, tracing costs one cached flag check.

use std::cell::Cell;

use leptos::logging::log;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static ENABLED: Cell<Option<bool>> = const { Cell::new(None) };
}

fn enabled() -> bool {
    ENABLED.with(|e| {
        if let Some(on) = e.get() {
            return on;
        }
        let on = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .is_some_and(|s| s.split(['?', '&']).any(|p| p == "trace=1"));
        e.set(Some(on));
        on
    })
}

/// Milliseconds from `performance.now()` (0 when unavailable).
pub fn now() -> f64 {
    // The page's window or the worker's global scope: both have `performance`.
    let global = js_sys::global();
    let perf = js_sys::Reflect::get(&global, &JsValue::from_str("performance")).ok();
    let now = perf.as_ref().and_then(|p| js_sys::Reflect::get(p, &JsValue::from_str("now")).ok());
    match (perf, now.and_then(|f| f.dyn_into::<js_sys::Function>().ok())) {
        (Some(p), Some(f)) => f.call0(&p).ok().and_then(|v| v.as_f64()).unwrap_or(0.0),
        _ => 0.0,
    }
}

/// Runs `f`, logging how long it took when tracing is on.
pub fn time<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = now();
    let out = f();
    log!("[trace] {name} {:.1}", now() - start);
    out
}

/// Logs `what()` as a `[trace]` line when tracing is on.
pub fn note(what: impl FnOnce() -> String) {
    if enabled() {
        log!("[trace] {} 0", what());
    }
}

/// Logs a duration measured elsewhere (e.g. a worker round trip) when tracing is on.
pub fn report(name: &str, ms: f64) {
    if enabled() {
        log!("[trace] {name} {ms:.1}");
    }
}
