//! The photo galleries of an article (contract v3). Their grid is the article's markup
//! (`page::gallery`, a link per image to its full picture: it works without script); their
//! behaviour is an island (`island`, with the release build's `split` feature a part of
//! the wasm of its own), asked for only by an article that has a gallery, once it is on
//! screen: a thumbnail then opens the image large in a dialog (`viewer`).

mod island;
mod viewer;

use contract::{Article, Block};
use leptos::task::spawn_local;

use crate::config::Config;

/// Serves the galleries of `article`, if it has any.
pub fn start(config: &Config, article: &Article) {
    if article.body.iter().any(|b| matches!(b, Block::Gallery(_))) {
        serve(config);
    }
}

/// Serves every gallery in the page, those a live coverage's entries bring too: its one
/// click handler is on the mount element (a second call does nothing).
pub fn serve(config: &Config) {
    spawn_local(island::mount(config.embedded()));
}
