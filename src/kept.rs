//! The page the app keeps for the reader's next visit: an article shown, with «Đọc nhiều»,
//! written as the static layout a prerendered page has (`page::layout`, the same template)
//! and handed to boot.js, which gives it to the service worker (public/sw.js). When the
//! host answers that article's address with the app shell (an article the build did not
//! prerender), the worker answers with this page instead: the article is painted before the
//! wasm runs, and the app adopts it (`takeover`) as it adopts a prerendered one. boot.js
//! defines the hook only where offline reading is on and the page is the app's own.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use contract::{Article, Summary};
use leptos::prelude::{request_animation_frame, set_timeout, window};
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

use crate::article::with_render;
use crate::config::Config;
use crate::takeover;

/// The article waiting for the list, and the list, once each has come.
type Parts = (Option<Rc<Article>>, Option<Rc<Vec<Summary>>>);

thread_local! {
    static PARTS: RefCell<Parts> = const { RefCell::new((None, None)) };
}

/// The article `a` is on screen (not the worker's saved copy: that one is kept already).
pub fn article(config: &Config, a: Rc<Article>) {
    PARTS.with_borrow_mut(|p| p.0 = Some(a));
    later(config);
}

/// The «Đọc nhiều» list has come.
pub fn most_read(config: &Config, items: Rc<Vec<Summary>>) {
    PARTS.with_borrow_mut(|p| p.1 = Some(items));
    later(config);
}

/// Once both parts are there, after the frame that paints them: writing the page is not
/// what the reader waits for.
fn later(config: &Config) {
    if PARTS.with_borrow(|p| p.0.is_none() || p.1.is_none()) {
        return;
    }
    let config = config.clone();
    request_animation_frame(move || set_timeout(move || keep(&config), Duration::ZERO));
}

fn keep(config: &Config) {
    let Some(items) = PARTS.with_borrow(|p| p.1.clone()) else {
        return;
    };
    let Some(a) = PARTS.with_borrow_mut(|p| p.0.take()) else {
        return;
    };
    // A page that came with its article (prerendered, or the server's) is the one the
    // worker keeps; the app's would be the same, written again.
    if takeover::sent_page() {
        return;
    }
    let Ok(hook) = js_sys::Reflect::get(&window(), &JsValue::from_str("__newsKeep")) else {
        return;
    };
    if let Ok(hook) = hook.dyn_into::<js_sys::Function>() {
        spawn_local(write(config.clone(), a, items, hook));
    }
}

/// Writes the page and hands it to `hook`. With the `split` feature (the release build) a
/// split point: the layout's code, of no use to the first view, is a part of its own.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(kept, wasm_split_path = ::leptos::wasm_split)]
fn write(config: Config, a: Rc<Article>, items: Rc<Vec<Summary>>, hook: js_sys::Function) {
    hand_over(&config, &a, &items, &hook)
}

/// Writes the page and hands it to `hook`.
#[cfg(not(feature = "split"))]
async fn write(config: Config, a: Rc<Article>, items: Rc<Vec<Summary>>, hook: js_sys::Function) {
    hand_over(&config, &a, &items, &hook)
}

fn hand_over(config: &Config, a: &Article, items: &[Summary], hook: &js_sys::Function) {
    let html = with_render(config, |r| page::layout::article_page(a, items, None, r));
    let _ = hook.call2(
        &JsValue::NULL,
        &JsValue::from_str(&a.slug),
        &JsValue::from_str(&html),
    );
}
