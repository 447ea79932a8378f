//! A dialog's entry in the history (the gallery's, `src/gallery`): Back on a phone closes
//! the dialog instead of leaving the article. The entry has the address of the page under
//! it, so the router, which leaves a Back or Forward to the address already shown alone
//! (`provide`), never redraws the article for it; only its state says it is a dialog's.
//! Embedded, the app leaves the portal's history alone: no entry, Back is the portal's.

//!
//! `pushState` and `back` are called by name (`dom::call`): a typed call is an import of the
//! first view's wasm and glue, whichever part calls it.

use js_sys::{Function, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::dom;

/// The state of a dialog's entry.
const MARK: &str = "na-dialog";

/// Enters a dialog's entry above the page's; false when the browser refused.
pub fn push() -> bool {
    let Ok(history) = window().history() else {
        return false;
    };
    Reflect::get(&history, &JsValue::from_str("pushState"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .is_some_and(|f| {
            f.call2(&history, &JsValue::from_str(MARK), &JsValue::from_str(""))
                .is_ok()
        })
}

/// Leaves the dialog's entry, closed by its button or Escape: no stray entry stays for
/// Back to land on.
pub fn back() {
    if let Ok(history) = window().history() {
        dom::call(&history, "back", None);
    }
}
