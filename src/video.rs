//! The article's videos' playback rules (contract v3), in the app's part of the wasm, never
//! the main part: the player is the browser's own (`page::video`), this only keeps order.
//! - One plays at a time: a `play` of any media element under the mount element (caught
//!   on its way down, since media events do not bubble) pauses every other one, the
//!   recording of «Nghe bài viết» too, and stops reading aloud.
//! - Leaving the article (an in-app navigation disposes its view) pauses them, as
//!   «Nghe bài viết» stops (`comforts::Comforts`).
//!
//! A hidden page does not pause them: a reader may listen to the news in another tab, as
//! «Nghe bài viết» goes on, and phones pause a page's media as it goes to the background.

use std::cell::Cell;

use contract::{Article, Block};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlMediaElement};

use crate::config;

thread_local! {
    /// The listener is the page's, on the mount element, whichever article is shown.
    static WIRED: Cell<bool> = const { Cell::new(false) };
}

/// Serves the playback rules while `article`'s view lives, when it has a video.
pub fn serve(article: &Article) {
    if !article.body.iter().any(|b| matches!(b, Block::Video(_))) {
        return;
    }
    let Some(root) = config::find_mount() else {
        return;
    };
    if !WIRED.replace(true) {
        let on_play = {
            let root = root.clone();
            Closure::<dyn Fn(Event)>::new(move |ev: Event| {
                let playing = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
                pause_all(&root, playing.as_ref());
            })
        };
        let _ = root.add_event_listener_with_callback_and_bool(
            "play",
            on_play.as_ref().unchecked_ref(),
            true,
        );
        on_play.forget();
    }
    on_cleanup(move || pause_all(&root, None));
}

/// Pauses every video and audio under `root` but `except`, and stops reading aloud.
fn pause_all(root: &Element, except: Option<&Element>) {
    let Ok(media) = root.query_selector_all("video, audio") else {
        return;
    };
    for i in 0..media.length() {
        let Some(el) = media
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlMediaElement>().ok())
        else {
            continue;
        };
        if except.is_some_and(|e| e == el.unchecked_ref::<Element>()) || el.paused() {
            continue;
        }
        let _ = el.pause();
    }
    if let Ok(speech) = window().speech_synthesis() {
        if speech.speaking() {
            speech.cancel();
        }
    }
}
