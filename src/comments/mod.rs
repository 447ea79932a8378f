//! The readers' comments, an island: the article's page shows without their code, which
//! comes once the article is on screen (`island`: with the release build's `split` feature
//! a part of the wasm of its own, fetched then) and draws the section in its place. A page
//! that already holds the comments (prerendered, or served) keeps showing them meanwhile.

mod actions;
mod draft;
mod form;
mod island;
mod likes;
mod list;
mod patch;
mod section;

use contract::CommentsInfo;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::config::Config;

pub use form::{CommentForm, FormState};
pub use list::{CommentList, ListState, Thread};
pub use section::CommentsSection;

/// Where the comments section of the article `slug` comes, with the island's code.
#[component]
pub fn Comments(slug: String, info: Option<CommentsInfo>) -> impl IntoView {
    let config = expect_context::<Config>();
    let owner = Owner::current();
    let alive = island::Alive::default();
    alive.store(true, std::sync::atomic::Ordering::Relaxed);
    on_cleanup({
        let alive = alive.clone();
        move || alive.store(false, std::sync::atomic::Ordering::Relaxed)
    });
    // Given the holder as it is made (in the page or, while a static page waits to be
    // adopted, away from it), the island draws the section into it.
    let start = move |holder: web_sys::Element| {
        let (config, slug, owner) = (config.clone(), slug.clone(), owner.clone());
        spawn_local(island::mount(
            holder,
            config,
            slug,
            info,
            owner,
            alive.clone(),
        ));
    };
    view! { <div class="na-comments-island" use:start></div> }
}
