//! Comments under an article: the heading with the count, the reader's form, and the
//! approved comments. Loads on its own: a failing list never hides the article or the form.

mod draft;
mod form;
mod list;

use contract::{Comment, CommentsInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::config::Config;
use crate::takeover;
use crate::text;

pub use form::CommentForm;
pub use list::{CommentList, ListState, Thread};

/// The comments section of the article `slug`.
#[component]
pub fn Comments(slug: String, info: Option<CommentsInfo>) -> impl IntoView {
    if info.is_some_and(|i| !i.enabled) {
        takeover::settled(takeover::COMMENTS);
        return view! {
            <section class="na-comments">
                <p class="na-comments-off">{text::COMMENTS_OFF}</p>
            </section>
        }
        .into_any();
    }
    let config = expect_context::<Config>();
    let thread = RwSignal::new(Thread {
        items: Vec::new(),
        total: info.map(|i| i.count),
        state: ListState::Loading,
    });
    let load = UnsyncCallback::new(move |path: String| {
        thread.update(|t| t.state = ListState::Loading);
        let config = config.clone();
        spawn_local(async move {
            let result = api::comments(&config, &path).await;
            // The reader may have moved on to another article meanwhile: then no one cares.
            thread.try_update(|t| match result {
                Ok(page) => {
                    t.items.extend(page.items);
                    t.total = Some(page.total);
                    t.state = ListState::Ready { next: page.next };
                }
                Err(error) => t.state = ListState::Failed(error, path),
            });
            takeover::settled(takeover::COMMENTS);
        });
    });
    load.run(api::first_comments_path(&slug));
    let on_published = UnsyncCallback::new(move |comment: Comment| {
        thread.update(|t| {
            t.items.insert(0, comment);
            t.total = Some(t.total.unwrap_or(0) + 1);
        });
    });
    view! {
        <section class="na-comments" aria-labelledby="na-comments-title">
            <h2 id="na-comments-title" class="na-section-title">
                {text::COMMENTS}
                {move || thread.with(|t| t.total.map(|n| format!(" ({n})")))}
            </h2>
            <CommentForm slug on_published/>
            <CommentList thread load/>
        </section>
    }
    .into_any()
}
