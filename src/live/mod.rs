//! Live coverage (contract v3): the entries of a live article under it, polled while the
//! page is visible. The section's markup is `page::live`'s (in a served page's HTML, with
//! the newest entries it had); the code is an island (`island`: with the release build's `split`
//! feature a part of the wasm of its own), asked for by a live article's view only, so
//! neither an article without coverage nor the first view pays for it.
//!
//! Which view is on screen is said here, in the app's part, by a number: each live
//! article's view takes the next one, and its end clears it, so that a poll of an article
//! the reader has left stops (and the section the island made for it goes).

mod island;

use std::cell::Cell;
use std::rc::Rc;

use contract::Article;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::config::Config;

thread_local! {
    /// The number of the live article's view on screen (0: none).
    static SHOWN: Cell<u32> = const { Cell::new(0) };
    /// The last number given.
    static LAST: Cell<u32> = const { Cell::new(0) };
}

/// True while the live view numbered `view` is on screen.
fn alive(view: u32) -> bool {
    SHOWN.get() == view
}

/// Follows the live coverage of `article` (which has one) while its view lives.
#[component]
pub fn Live(article: Rc<Article>) -> impl IntoView {
    let config = expect_context::<Config>();
    let Some(live) = &article.live else { return };
    let view = LAST.get() + 1;
    LAST.set(view);
    SHOWN.set(view);
    let url = config.api_url(&live.endpoint(&article.slug));
    spawn_local(island::mount(config, url, view));
    on_cleanup(move || {
        if alive(view) {
            SHOWN.set(0);
        }
        // A section the island made for this view (not a served page's) goes with it.
        let made = format!(".na-live[data-na-made=\"{view}\"]");
        if let Ok(Some(section)) = document().query_selector(&made) {
            section.remove();
        }
    });
}
