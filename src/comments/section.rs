//! The comments section: the heading with the count of comments and replies, the reader's
//! form, the choice of order, and the approved comments with their replies, likes and a
//! reply form under the thread being answered. Loads on its own: a failing list never
//! hides the article or the form.

use contract::{Comment, CommentsInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::actions::{self, Actions};
use super::form::{CommentForm, FormState};
use super::likes;
use super::list::{CommentList, ListState, Thread};
use crate::api;
use crate::config::Config;
use crate::life::Life;
use crate::takeover::Region;
use crate::text;

/// The comments section of the article `slug`; the page's `life` is told when it has
/// settled.
#[component]
pub fn CommentsSection(slug: String, info: Option<CommentsInfo>, life: Life) -> impl IntoView {
    if info.is_some_and(|i| !i.enabled) {
        life.settled(Region::Comments);
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
        liked: likes::liked(),
        likes: api::likes_offered(),
        top: false,
        orders: false,
    });
    let slug = StoredValue::new(slug);
    let load = pages(config.clone(), life, thread, slug);
    load.run(api::first_comments_path(&slug.get_value()));
    let a = Actions {
        thread,
        // What the list's buttons could not do, said aloud.
        message: RwSignal::new(""),
        // The reply form: hidden until «Trả lời», then under the thread it answers.
        reply: RwSignal::new(FormState::default()),
        slug,
        load,
    };
    let act = UnsyncCallback::new(move |button| actions::act(a, config.clone(), button));
    // The list drawn anew (another order) left the open reply form out: back under its thread.
    let drawn =
        UnsyncCallback::new(move |list: web_sys::Element| actions::keep_reply_form(a, &list));
    let on_published = UnsyncCallback::new(move |comment: Comment| {
        thread.update(|t| {
            t.items.insert(0, comment);
            t.total = Some(t.total.unwrap_or(0) + 1);
        });
    });
    view! {
        <section class="na-comments" aria-labelledby="na-comments-title">
            <Heading thread/>
            <CommentForm slug=slug.get_value() on_published/>
            <p class="na-form-status" role="status" aria-live="polite">
                {move || a.message.get()}
            </p>
            <CommentList thread load act drawn/>
            <div class="na-reply-slot"></div>
        </section>
    }
    .into_any()
}

/// «Bình luận (N)»: the comments and their replies, once their number is known.
#[component]
fn Heading(thread: RwSignal<Thread>) -> impl IntoView {
    view! {
        <h2 id="na-comments-title" class="na-section-title">
            {text::COMMENTS}
            {move || {
                thread
                    .with(|t| {
                        t.total.map(|n| format!(" ({})", page::comments::count(n, &t.items)))
                    })
            }}
        </h2>
    }
}

/// Fetches the comment page at a path and appends it to `thread`; after the first, asks
/// the host whether it offers the other order.
fn pages(
    config: Config,
    life: Life,
    thread: RwSignal<Thread>,
    slug: StoredValue<String>,
) -> UnsyncCallback<String> {
    UnsyncCallback::new(move |path: String| {
        thread.update(|t| t.state = ListState::Loading);
        let config = config.clone();
        spawn_local(async move {
            let result = api::comments(&config, &path).await;
            // The reader may have moved on to another article meanwhile: then no one cares.
            let offer = thread
                .try_update(|t| match result {
                    Ok(page) => {
                        t.items.extend(page.items);
                        t.total = Some(page.total);
                        t.state = ListState::Ready { next: page.next };
                        // The order matters from two comments on: only then ask the
                        // host whether it offers the other one.
                        !t.orders && t.items.len() > 1
                    }
                    Err(error) => {
                        t.state = ListState::Failed(error, path);
                        false
                    }
                })
                .unwrap_or(false);
            life.settled(Region::Comments);
            if offer {
                let top = contract::paths::comments_top_json(&slug.get_value(), 1);
                if api::comments(&config, &top).await.is_ok() {
                    thread.try_update(|t| t.orders = true);
                }
            }
        });
    })
}
