//! The browser's history and scroll: entering a new URL, and scroll and focus on arrival.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::Arrival;

/// The path of the current URL.
pub fn location_path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// The query of the current URL, with its `?` (or empty).
pub fn location_search() -> String {
    window().location().search().unwrap_or_default()
}

/// Gives the current history entry the address `href` (the same page, showing more),
/// keeping its state.
pub fn replace(href: &str) {
    if let Ok(history) = window().history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(href));
    }
}

/// Enters `href` in the history, with the scroll of the page left kept for Back; false when
/// the browser refused.
pub fn push(href: &str) -> bool {
    let Ok(history) = window().history() else {
        return false;
    };
    let y = window().scroll_y().unwrap_or(0.0);
    let _ = history.replace_state(&JsValue::from_f64(y), "");
    history
        .push_state_with_url(&JsValue::NULL, "", Some(href))
        .is_ok()
}

/// Applies `arrival` to the page just shown: nothing on a load, top and focus on the new
/// title after a link, the remembered scroll after Back or Forward.
pub fn arrive(arrival: Arrival) {
    if arrival == Arrival::Load {
        return;
    }
    request_animation_frame(move || match arrival {
        Arrival::Restore(y) => restore_scroll(y, 20),
        _ => {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            // The new title, for screen readers and keyboard users: tabindex="-1".
            if let Ok(Some(h1)) = document().query_selector(".news-app .na-main h1") {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = h1
                    .unchecked_into::<web_sys::HtmlElement>()
                    .focus_with_options(&options);
            }
        }
    });
}

/// Scrolls back to `y`. Parts of the page below the article (comments) may still be loading,
/// so the page may be too short for `y` at first: try again a little later, for a second.
fn restore_scroll(y: f64, tries: u32) {
    window().scroll_to_with_x_and_y(0.0, y);
    let reached = (window().scroll_y().unwrap_or(y) - y).abs() < 2.0;
    if !reached && tries > 0 {
        set_timeout(
            move || restore_scroll(y, tries - 1),
            std::time::Duration::from_millis(50),
        );
    }
}
