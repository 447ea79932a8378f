//! The gallery island's entry and its listeners. With the `split` feature (the release
//! build) `mount` is a split point: the first call fetches the part of the wasm that holds
//! this code. One click handler on the mount element serves every thumbnail, whichever copy
//! of the article is on screen (a prerendered page's, or the app's); the dialog is made
//! when first opened (`viewer`).

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use super::viewer;
use crate::config;
use crate::route::plain_click;

thread_local! {
    static WIRED: Cell<bool> = const { Cell::new(false) };
}

/// Serves the thumbnails of the galleries on the page; `embedded`, it leaves the portal's
/// history alone (Back is the portal's).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(gallery, wasm_split_path = ::leptos::wasm_split)]
pub fn mount(embedded: bool) {
    wire(embedded)
}

/// Serves the thumbnails of the galleries on the page (without the `split` feature).
#[cfg(not(feature = "split"))]
pub async fn mount(embedded: bool) {
    wire(embedded)
}

fn wire(embedded: bool) {
    if WIRED.replace(true) {
        return;
    }
    let Some(root) = config::find_mount() else {
        return;
    };
    let on_click = Closure::<dyn Fn(Event)>::new(move |ev: Event| click(&ev, embedded));
    let _ = root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
    // The thumbnails now open the dialog (for tests and styles, as `data-na-tools` says of
    // the comforts).
    let _ = root.set_attribute("data-na-photos", "");
    if !embedded {
        // Back while the dialog is open: its entry is left, and the dialog closes.
        let on_pop = Closure::<dyn Fn()>::new(viewer::history_left);
        let _ =
            window().add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        on_pop.forget();
    }
}

/// A plain click (or Enter) on a thumbnail opens it in the dialog instead of the picture's
/// own address; a click that opens a new tab is the browser's.
fn click(ev: &Event, embedded: bool) {
    if !plain_click(ev) {
        return;
    }
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Ok(Some(link)) = target.closest("a[data-na-photo]") else {
        return;
    };
    let Ok(Some(gallery)) = link.closest("[data-na-gallery]") else {
        return;
    };
    ev.prevent_default();
    viewer::open(&gallery, &link, embedded);
}
