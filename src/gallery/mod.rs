//! The photo galleries of an article (contract v3). Their grid is the article's markup
//! (`page::gallery`, a link per image to its full picture: it works without script); their
//! behaviour is an island (`island`, with the release build's `split` feature a part of
//! the wasm of its own), asked for only by an article that has a gallery, once it is on
//! screen: a thumbnail then opens the image large in a dialog (`viewer`).

mod island;
mod viewer;

use contract::Block;
use leptos::task::spawn_local;

use crate::config::Config;

/// Serves the galleries among `blocks` (an article's body, a live coverage's entries'), if
/// there is one: the island's one click handler on the mount element serves every gallery
/// on the page (a second call adds none).
pub fn start<'a>(config: &Config, blocks: impl IntoIterator<Item = &'a Block>) {
    if blocks.into_iter().any(|b| matches!(b, Block::Gallery(_))) {
        spawn_local(island::mount(config.embedded()));
    }
}
