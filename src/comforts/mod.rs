//! The reader's comforts: share, listen, text size and dark mode. Their markup is the
//! article's (`page::comforts`, hidden until served); their code is an island (`island`: with
//! the release build's `split` feature a part of the wasm of its own), asked for once the
//! article is on screen, which serves the controls with one click handler on the mount
//! element. The text size and the scheme are applied before the first paint by boot.js.

mod island;

use std::rc::Rc;

use contract::Article;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::config::Config;

/// Serves the comforts' controls of `article` once its code has come.
#[component]
pub fn Comforts(article: Rc<Article>) -> impl IntoView {
    let config = expect_context::<Config>();
    spawn_local(island::mount(
        config,
        article.title.clone(),
        article.url.clone(),
        article.path(""),
    ));
    // Reading aloud stops with the article (a recording stops as its element leaves).
    on_cleanup(|| {
        if let Ok(speech) = window().speech_synthesis() {
            speech.cancel();
        }
    });
}
