//! The side column's width: a separator between the canvas and the side column that the
//! user drags, or focuses and moves with the arrow keys; the width is remembered in this
//! browser (view state, not part of the design).

use leptos::ev;
use leptos::prelude::*;

use super::state::use_state;

const KEY: &str = "flink-studio/side-width/v1";
/// The side column's width until the user changes it.
pub const DEFAULT_WIDTH: f64 = 440.0;
/// The narrowest side column (the panel tabs still fit).
pub const MIN_WIDTH: f64 = 380.0;
/// The canvas keeps at least this much of the window.
const MIN_CANVAS: f64 = 420.0;
/// One arrow key press.
const STEP: f64 = 40.0;

/// `width` within what the window allows.
pub fn clamp(width: f64, window: f64) -> f64 {
    width.min(window - MIN_CANVAS).max(MIN_WIDTH).round()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn window_width() -> f64 {
    web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(1440.0)
}

/// The remembered width, or the default.
pub fn load() -> f64 {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|t| t.parse::<f64>().ok())
        .filter(|w| w.is_finite())
        .map_or(DEFAULT_WIDTH, |w| clamp(w, window_width()))
}

/// The separator between the canvas and the side column.
#[component]
pub fn SideResizer() -> impl IntoView {
    let state = use_state();
    // Where a drag started: pointer x and the width then.
    let start = StoredValue::new(None::<(f64, f64)>);
    let set = move |width: f64| {
        let width = clamp(width, window_width());
        state.side_width.set(width);
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, &width.to_string());
        }
    };
    let on_down = move |e: ev::PointerEvent| {
        e.prevent_default();
        if let Some(el) = e
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        {
            let _ = el.set_pointer_capture(e.pointer_id());
        }
        start.set_value(Some((f64::from(e.client_x()), state.side_width.get_untracked())));
    };
    let on_move = move |e: ev::PointerEvent| {
        if let Some((x, width)) = start.get_value() {
            // The column is on the right: moving left widens it.
            set(width + x - f64::from(e.client_x()));
        }
    };
    let on_key = move |e: ev::KeyboardEvent| {
        let width = state.side_width.get_untracked();
        let to = match e.key().as_str() {
            "ArrowLeft" => width + STEP,
            "ArrowRight" => width - STEP,
            "Home" => MIN_WIDTH,
            "End" => f64::MAX,
            "Enter" => DEFAULT_WIDTH,
            _ => return,
        };
        // The page's shortcuts (arrows move the selection) are not meant.
        e.prevent_default();
        e.stop_propagation();
        set(to);
    };
    view! {
        <div
            class="resizer"
            role="separator"
            tabindex="0"
            aria-orientation="vertical"
            aria-label="Side column width"
            aria-valuemin=MIN_WIDTH
            aria-valuemax=move || clamp(f64::MAX, window_width())
            aria-valuenow=move || state.side_width.get()
            title="Drag, or focus and press ← / →, to change the side column's width; double-click or Enter for the default"
            data-testid="side-resizer"
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=move |_| start.set_value(None)
            on:pointercancel=move |_| start.set_value(None)
            on:dblclick=move |_| set(DEFAULT_WIDTH)
            on:keydown=on_key
        ></div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_width_stays_between_the_panel_minimum_and_what_the_canvas_needs() {
        assert_eq!(clamp(100.0, 1440.0), MIN_WIDTH);
        assert_eq!(clamp(700.4, 1440.0), 700.0);
        assert_eq!(clamp(5000.0, 1440.0), 1440.0 - MIN_CANVAS);
        // A narrow window: the side column keeps its minimum.
        assert_eq!(clamp(900.0, 700.0), MIN_WIDTH);
    }
}
