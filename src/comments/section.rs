//! The comments section: the heading with the count of comments and replies, the reader's
//! form, the choice of order, and the approved comments with their replies, likes and a
//! reply form under the thread being answered. Loads on its own: a failing list never
//! hides the article or the form.

use contract::{Comment, CommentsInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::actions;
use super::form::{CommentForm, FormState};
use super::likes;
use super::list::{CommentList, ListState, Thread};
use crate::api;
use crate::config::Config;
use crate::takeover;
use crate::text;

/// The comments section of the article `slug`.
#[component]
pub fn CommentsSection(slug: String, info: Option<CommentsInfo>) -> impl IntoView {
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
        liked: likes::liked(),
        likes: likes::offered(),
        top: false,
        orders: false,
        refocus: None,
    });
    // What the list's buttons could not do, said aloud.
    let message = RwSignal::new("");
    // The reply form: hidden until «Trả lời», then under the thread it answers.
    let reply = RwSignal::new(FormState::default());
    let reply_open = RwSignal::new(false);
    let slug = StoredValue::new(slug);
    // After the list is drawn again, the open reply form goes back under its thread.
    let keep_reply_form = move || keep_reply_form(reply_open, reply);
    let first_page = move |top: bool| {
        let slug = slug.get_value();
        if top {
            contract::paths::comments_top_json(&slug, 1)
        } else {
            api::first_comments_path(&slug)
        }
    };

    let load = {
        let config = config.clone();
        UnsyncCallback::new(move |path: String| {
            thread.update(|t| t.state = ListState::Loading);
            let config = config.clone();
            spawn_local(async move {
                let result = api::comments(&config, &path).await;
                // The reader may have moved on to another article meanwhile: then no one cares.
                let offer = thread
                    .try_update(|t| match result {
                        Ok(page) => {
                            // The control that asked for this page was drawn anew with it.
                            if let Some(selector) = t.refocus.take() {
                                focus_later(selector);
                            }
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
                keep_reply_form();
                takeover::settled(takeover::COMMENTS);
                if offer && api::comments(&config, &first_page(true)).await.is_ok() {
                    thread.try_update(|t| t.orders = true);
                }
            });
        })
    };
    load.run(first_page(false));

    let actions = actions::Actions {
        thread,
        message,
        reply,
        reply_open,
        slug,
        load,
    };
    let act = UnsyncCallback::new(move |button: web_sys::Element| {
        actions::act(actions, config.clone(), button);
    });

    let on_published = UnsyncCallback::new(move |comment: Comment| {
        thread.update(|t| {
            t.items.insert(0, comment);
            t.total = Some(t.total.unwrap_or(0) + 1);
        });
        keep_reply_form();
    });
    view! {
        <section class="na-comments" aria-labelledby="na-comments-title">
            <h2 id="na-comments-title" class="na-section-title">
                {text::COMMENTS}
                {move || {
                    thread
                        .with(|t| {
                            t.total.map(|n| format!(" ({})", page::comments::count(n, &t.items)))
                        })
                }}
            </h2>
            <CommentForm slug=slug.get_value() on_published/>
            <p class="na-form-status" role="status" aria-live="polite">
                {move || message.get()}
            </p>
            <CommentList thread load act/>
            <div class="na-reply-slot"></div>
        </section>
    }
    .into_any()
}

thread_local! {
    /// The reply form's holder, found again when the list drawn anew has taken it out of
    /// the document.
    static SLOT: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
}

/// After the list is drawn again: the open reply form back under its thread.
pub(crate) fn keep_reply_form(open: RwSignal<bool>, reply: RwSignal<FormState>) {
    // `try_`: the page arrives after the reader went Back (the section is gone) too.
    if open.try_get_untracked() == Some(true) {
        place_reply_form(reply.with_untracked(|f| f.parent.clone()), false);
    }
}

/// Puts the reply form under the thread `id` it answers (the list, drawn again, left it
/// out), and into the reader's hands when it has just `opened`, or back on its button when
/// the focus went with the list drawn again (after a reply published, say).
pub(crate) fn place_reply_form(id: Option<String>, opened: bool) {
    let Some(id) = id else { return };
    request_animation_frame(move || {
        let doc = document();
        let slot = match doc.query_selector(".na-reply-slot").ok().flatten() {
            Some(found) => SLOT.with_borrow_mut(|s| s.insert(found).clone()),
            None => match SLOT.with_borrow(Clone::clone) {
                Some(kept) => kept,
                None => return,
            },
        };
        if let Some(li) = doc.get_element_by_id(&format!("bl-{id}")) {
            let _ = li.append_child(&slot);
        }
        if opened {
            focus(&format!("#bl-{id} textarea"));
        } else if doc.active_element().is_none_or(|e| e.tag_name() == "BODY") {
            focus(&format!("#bl-{id} .na-reply-slot [type=submit]"));
        }
    });
}

/// Focuses the element `selector` finds once the list has been drawn again.
pub(crate) fn focus_later(selector: String) {
    request_animation_frame(move || focus(&selector));
}

pub(crate) fn focus(selector: &str) {
    if let Ok(Some(el)) = document().query_selector(selector) {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
