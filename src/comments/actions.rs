//! What the comment list's buttons do: «Thích», «Trả lời» (the reply form, made under the
//! thread on the first press), «Xem thêm N trả lời» and the choice of order.

use contract::{Comment, ReplyPage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Element;

use super::form::{CommentForm, FormState};
use super::likes;
use super::list::Thread;
use super::section::{focus, focus_later, keep_reply_form, place_reply_form};
use crate::api;
use crate::config::Config;
use crate::text;

/// The comments section's state the buttons act on.
#[derive(Clone, Copy)]
pub struct Actions {
    /// The list.
    pub thread: RwSignal<Thread>,
    /// What a button could not do, said aloud.
    pub message: RwSignal<&'static str>,
    /// The reply form's state (its `parent` is the thread answered).
    pub reply: RwSignal<FormState>,
    /// The reply form is shown.
    pub reply_open: RwSignal<bool>,
    /// The article.
    pub slug: StoredValue<String>,
    /// Fetches a comment page and appends it.
    pub load: UnsyncCallback<String>,
}

/// The reader pressed `button`, one of the list's.
pub fn act(a: Actions, config: Config, button: Element) {
    let data = |name: &str| button.get_attribute(name);
    if let Some(id) = data("data-like") {
        likes::toggle(a, config, id, button);
    } else if let Some(id) = data("data-reply") {
        open_reply(a, config, id);
    } else if let Some(id) = data("data-more") {
        more_replies(a, config, id);
    } else if let Some(chosen) = data("data-order") {
        let top = chosen == "top";
        if a.thread.with_untracked(|t| t.top) != top {
            a.thread.update(|t| {
                t.top = top;
                t.items.clear();
                t.refocus = Some(format!("[data-order={chosen}]"));
            });
            let slug = a.slug.get_value();
            a.load.run(if top {
                contract::paths::comments_top_json(&slug, 1)
            } else {
                api::first_comments_path(&slug)
            });
        }
    }
}

/// Opens the reply form under the thread `id`, with the reader's draft for it.
fn open_reply(a: Actions, config: Config, id: String) {
    let first = !a.reply_open.get_untracked() && a.reply.with_untracked(|f| f.parent.is_none());
    // Each thread its own draft: what was typed for another stays in storage.
    a.reply
        .set(FormState::drafted(&a.slug.get_value(), Some(id.clone())));
    a.reply_open.set(true);
    if first {
        mount_reply_form(a, config);
    }
    place_reply_form(Some(id), true);
}

/// Makes the reply form in its holder, once: the same form as the article's, with its own
/// state, «Hủy» and Escape.
fn mount_reply_form(a: Actions, config: Config) {
    let Some(slot) = document().query_selector(".na-reply-slot").ok().flatten() else {
        return;
    };
    let Actions {
        thread,
        reply,
        reply_open,
        slug,
        ..
    } = a;
    let on_published = UnsyncCallback::new(move |published: Comment| {
        let Some(id) = reply.with_untracked(|f| f.parent.clone()) else {
            return;
        };
        thread.update(|t| {
            if let Some(c) = t.find(&id) {
                let replies = c.replies.get_or_insert(ReplyPage {
                    items: Vec::new(),
                    total: 0,
                    next: None,
                });
                replies.total += 1;
                replies.items.push(published);
            }
        });
        place_reply_form(Some(id), false);
    });
    let on_cancel = UnsyncCallback::new(move |()| {
        reply_open.set(false);
        if let Some(id) = reply.with_untracked(|f| f.parent.clone()) {
            focus(&format!("#bl-{id} [data-reply]"));
        }
    });
    let slot = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(slot);
    leptos::mount::mount_to(slot, move || {
        provide_context(config);
        view! {
            <div hidden=move || !reply_open.get()>
                <CommentForm slug=slug.get_value() reply on_published on_cancel/>
            </div>
        }
    })
    .forget();
}

/// Fetches the rest of the thread `id`'s replies.
fn more_replies(a: Actions, config: Config, id: String) {
    let next = a.thread.with_untracked(|t| {
        let thread = t.items.iter().find(|c| c.id == id)?;
        thread.replies.as_ref()?.next.clone()
    });
    let Some(path) = next else { return };
    spawn_local(async move {
        match api::replies(&config, &path).await {
            Ok(page) => {
                let first = page.items.first().map(|r| r.id.clone());
                a.thread.update(|t| {
                    if let Some(r) = t.find(&id).and_then(|c| c.replies.as_mut()) {
                        add_replies(r, page);
                    }
                });
                keep_reply_form(a.reply_open, a.reply);
                // The button is gone with the list drawn again: the reader goes on from
                // the first reply loaded.
                if let Some(first) = first {
                    focus_later(format!("#bl-{first} button"));
                }
            }
            Err(_) => a.message.set(text::REPLIES_FAILED),
        }
    });
}

/// The rest of a thread's replies after those shown.
fn add_replies(shown: &mut ReplyPage, page: ReplyPage) {
    // A reply shown already (the reader's own, published meanwhile) is not shown twice.
    for reply in page.items {
        if !shown.items.iter().any(|r| r.id == reply.id) {
            shown.items.push(reply);
        }
    }
    shown.total = page.total.max(shown.items.len() as u32);
    shown.next = page.next;
}
