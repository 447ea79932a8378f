//! The comments island's entry: the one function the article's code calls into it. With the
//! `split` feature (the release build) it is a split point: the first call fetches the part
//! of the wasm that holds the comments' code, then runs it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use contract::CommentsInfo;
use leptos::prelude::*;

use super::section::CommentsSection;
use crate::config::Config;
use crate::life::Life;

/// False once the view that asked for the section has ended.
pub type Alive = Arc<AtomicBool>;

/// Draws the comments section of the article `slug` into `holder` (`life` told when it
/// has settled), under `owner` (the article's view, whose end takes the section away), unless that view has ended.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(comments, wasm_split_path = ::leptos::wasm_split)]
pub fn mount(
    holder: web_sys::Element,
    config: Config,
    slug: String,
    info: Option<CommentsInfo>,
    life: Option<Life>,
    owner: Option<Owner>,
    alive: Alive,
) {
    draw(holder, config, slug, info, life, owner, alive)
}

/// Draws the comments section of the article `slug` into `holder`, under `owner`.
#[cfg(not(feature = "split"))]
pub async fn mount(
    holder: web_sys::Element,
    config: Config,
    slug: String,
    info: Option<CommentsInfo>,
    life: Option<Life>,
    owner: Option<Owner>,
    alive: Alive,
) {
    draw(holder, config, slug, info, life, owner, alive)
}

fn draw(
    holder: web_sys::Element,
    config: Config,
    slug: String,
    info: Option<CommentsInfo>,
    life: Option<Life>,
    owner: Option<Owner>,
    alive: Alive,
) {
    // The article's view may be gone already (the reader moved on while the code came).
    let Some(owner) = owner.filter(|_| alive.load(Ordering::Relaxed)) else {
        return;
    };
    owner.with(|| {
        provide_context(config);
        let life = life.unwrap_or_default();
        let mut state = view! { <CommentsSection slug info life/> }.build();
        state.mount(&holder, None);
        // Kept until the article's view ends, then taken out with it.
        let state = leptos::__reexports::send_wrapper::SendWrapper::new(state);
        on_cleanup(move || drop(state));
    });
}
