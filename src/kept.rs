//! The page the app keeps for the reader's next visit: an article shown, with «Đọc nhiều»,
//! written as the static layout a prerendered page has (`page::layout`, the same template)
//! and handed to boot.js, which gives it to the service worker (public/sw.js). When the
//! host answers that article's address with the app shell (an article the build did not
//! prerender), the worker answers with this page instead: the article is painted before the
//! wasm runs, and the app adopts it (`takeover`) as it adopts a prerendered one. boot.js
//! defines the hook only where offline reading is on and the page is the app's own. The
//! page's owner (`life`) holds the parts until both have come.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use contract::{Article, Summary};
use leptos::prelude::{request_animation_frame, set_timeout, window};
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

use crate::config::Config;
use crate::render::with_render;

/// The article waiting for the list, and the list, once each has come.
#[derive(Default)]
pub struct Parts {
    article: Cell<Option<Rc<Article>>>,
    most_read: Cell<Option<Rc<Vec<Summary>>>>,
}

impl Parts {
    /// The article `a` is on screen (not the worker's saved copy: that one is kept already).
    pub fn article(&self, a: Rc<Article>) {
        self.article.set(Some(a));
    }

    /// The «Đọc nhiều» list has come.
    pub fn most_read(&self, items: Rc<Vec<Summary>>) {
        self.most_read.set(Some(items));
    }

    /// The article and the list, once both are there (the article taken: kept once).
    pub fn both(&self) -> Option<(Rc<Article>, Rc<Vec<Summary>>)> {
        let items = self.most_read.take();
        self.most_read.set(items.clone());
        let items = items?;
        Some((self.article.take()?, items))
    }
}

/// Keeps the page of `a` with `items`, after the frame that paints them: writing the page
/// is not what the reader waits for.
pub fn keep(config: &Config, a: Rc<Article>, items: Rc<Vec<Summary>>) {
    let config = config.clone();
    request_animation_frame(move || {
        set_timeout(
            move || {
                let Ok(hook) = js_sys::Reflect::get(&window(), &JsValue::from_str("__newsKeep"))
                else {
                    return;
                };
                if let Ok(hook) = hook.dyn_into::<js_sys::Function>() {
                    spawn_local(write(config, a, items, hook));
                }
            },
            Duration::ZERO,
        )
    });
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
    let html = with_render(config, page::media::ALL, |r| {
        page::layout::article_page(a, items, None, !config.embedded(), r)
    });
    let _ = hook.call2(
        &JsValue::NULL,
        &JsValue::from_str(&a.slug),
        &JsValue::from_str(&html),
    );
}
