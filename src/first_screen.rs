//! The shell's first screen (an article the build did not prerender): until the article has
//! been painted once, the app draws only what a phone's first screen shows. The «Đọc nhiều»
//! list waits for the frame after ([`ready`]), and what is below the article (the comments,
//! the related articles, the sidebar) is laid out only when near the viewport
//! (`data-news-first`, style/base.css), as on a prerendered page before the takeover. (The
//! comments' and the comforts' code come as islands after their own download, which holding
//! them back as well made no faster.) Then everything is laid out whole, so that the heights Back restores a place
//! by are the same as on every other page.

use std::cell::RefCell;

use leptos::prelude::window;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

const ATTRIBUTE: &str = "data-news-first";

thread_local! {
    /// Resolved once the first screen has been painted (at once when there is none), and
    /// its resolver while it is not.
    static PAINTED: RefCell<(js_sys::Promise, Option<js_sys::Function>)> =
        RefCell::new((js_sys::Promise::resolve(&JsValue::UNDEFINED), None));
}

/// The app, in `root`, is about to draw an article as the page's first screen.
pub fn begin(root: Element) {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |ok, _| resolve = Some(ok));
    PAINTED.with_borrow_mut(|p| *p = (promise, resolve));
    let _ = root.set_attribute(ATTRIBUTE, "");
    leptos::task::spawn_local(async move {
        ready().await;
        let _ = root.remove_attribute(ATTRIBUTE);
    });
}

/// Waits until the first screen has been painted (not at all when there is none).
pub async fn ready() {
    let promise = PAINTED.with_borrow(|p| p.0.clone());
    let _ = JsFuture::from(promise).await;
}

/// The article, or why it is not there, is about to be painted (called from that frame's
/// animation callback; or the reader went to another page): once the frame is, the first
/// screen is over and the rest is drawn.
pub fn painted() {
    if let Some(resolve) = PAINTED.with_borrow_mut(|p| p.1.take()) {
        // A task after this frame's: the frame has been painted by then.
        let _ = window().set_timeout_with_callback(&resolve);
    }
}
