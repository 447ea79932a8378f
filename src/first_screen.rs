//! The shell's first screen (an article the build did not prerender): until the article has
//! been painted once, the app draws only what a phone's first screen shows. The «Đọc nhiều»
//! list waits for the frame after ([`FirstScreen::ready`]), and what is below the article
//! (the comments, the related articles, the sidebar) is laid out only when near the viewport
//! (`data-news-first`, style/base.css), as on a prerendered page before the takeover. (The
//! comments' and the comforts' code come as islands after their own download, which holding
//! them back as well made no faster.) Then everything is laid out whole, so that the heights
//! Back restores a place by are the same as on every other page. The page's owner (`life`)
//! holds the one [`FirstScreen`].

use std::cell::Cell;

use leptos::prelude::window;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

const ATTRIBUTE: &str = "data-news-first";

/// Resolved once the first screen has been painted (none when there is no first screen),
/// and its resolver while it is not.
#[derive(Default)]
pub struct FirstScreen {
    painted: Cell<Option<js_sys::Promise>>,
    resolve: Cell<Option<js_sys::Function>>,
}

impl FirstScreen {
    /// The app, in `root`, is about to draw an article as the page's first screen.
    pub fn begin(&self, root: Element) {
        let mut resolve = None;
        self.painted
            .set(Some(js_sys::Promise::new(&mut |ok, _| resolve = Some(ok))));
        self.resolve.set(resolve);
        let _ = root.set_attribute(ATTRIBUTE, "");
        let painted = self.ready();
        leptos::task::spawn_local(async move {
            painted.await;
            let _ = root.remove_attribute(ATTRIBUTE);
        });
    }

    /// Waits until the first screen has been painted (not at all when there is none).
    pub fn ready(&self) -> impl std::future::Future<Output = ()> {
        let promise = self.painted.take();
        self.painted.set(promise.clone());
        async move {
            if let Some(promise) = promise {
                let _ = JsFuture::from(promise).await;
            }
        }
    }

    /// The article, or why it is not there, is about to be painted (called from that
    /// frame's animation callback; or the reader went to another page): once the frame is,
    /// the first screen is over and the rest is drawn.
    pub fn painted(&self) {
        if let Some(resolve) = self.resolve.take() {
            // A task after this frame's: the frame has been painted by then.
            let _ = window().set_timeout_with_callback(&resolve);
        }
    }
}
