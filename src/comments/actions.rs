//! What the comment list's buttons do: «Thích», «Trả lời» (the reply form, made under the
//! thread on the first press), «Xem thêm N trả lời» and the choice of order.

use contract::{Comment, ReplyPage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::form::{CommentForm, FormState};
use super::likes;
use super::list::{focus, focus_later, Thread};
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
    /// The article.
    pub slug: StoredValue<String>,
    /// Fetches a comment page and appends it.
    pub load: UnsyncCallback<String>,
}

/// The reader pressed `button`, one of the list's.
pub fn act(a: Actions, config: Config, button: Element) {
    let data = |name: &str| button.get_attribute(name);
    if let Some(id) = data("data-like") {
        let slug = a.slug.get_value();
        likes::toggle(a.thread, a.message, config, slug, id, button);
    } else if let Some(id) = data("data-reply") {
        if let Some(slot) = slot_near(&button) {
            open_reply(a, config, id, slot);
        }
    } else if let Some(id) = data("data-more") {
        more_replies(a, config, id);
    } else if let Some(chosen) = data("data-order") {
        let top = chosen == "top";
        if a.thread.with_untracked(|t| t.top) != top {
            // The list empties and fills again; the control stays, and the focus on it.
            a.thread.update(|t| {
                t.top = top;
                t.items.clear();
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

/// Opens the reply form under the thread `id`, with the reader's draft for it, and puts
/// the focus in its comment box.
fn open_reply(a: Actions, config: Config, id: String, slot: Element) {
    // Each thread its own draft: what was typed for another stays in storage.
    a.reply
        .set(FormState::drafted(&a.slug.get_value(), Some(id.clone())));
    match form_of(&slot) {
        Some(form) => form.set_hidden(false),
        None => mount_reply_form(a, config, &slot),
    }
    place(&slot, &id);
    focus(&format!("#bl-{id} textarea"));
}

/// The open reply form back under its thread when the list, drawn anew (another order),
/// took that thread's element away (and left the form's holder, hidden, after the list).
pub fn keep_reply_form(a: Actions, list: &Element) {
    let (Some(slot), Some(id)) = (
        slot_near(list),
        a.reply.try_with_untracked(|f| f.parent.clone()).flatten(),
    ) else {
        return;
    };
    let open = form_of(&slot).is_some_and(|form| !form.hidden());
    if open && slot.has_attribute("hidden") {
        place(&slot, &id);
    }
}

/// The reply form's holder in the comments section of `el`, wherever it is in it.
fn slot_near(el: &Element) -> Option<Element> {
    let section = el.closest(".na-comments").ok()??;
    section.query_selector(".na-reply-slot").ok()?
}

/// The reply form's own element in its holder, once made (`hidden` while closed).
fn form_of(slot: &Element) -> Option<web_sys::HtmlElement> {
    slot.first_element_child().map(JsCast::unchecked_into)
}

/// Puts the reply form's holder at the end of the thread `id`'s item, shown.
fn place(slot: &Element, id: &str) {
    if let Some(li) = document().get_element_by_id(&format!("bl-{id}")) {
        let _ = li.append_child(slot);
        let _ = slot.remove_attribute("hidden");
    }
}

/// Makes the reply form in its holder, once: the same form as the article's, with its own
/// state, «Hủy» and Escape.
fn mount_reply_form(a: Actions, config: Config, slot: &Element) {
    let Actions {
        thread,
        reply,
        slug,
        ..
    } = a;
    // A published reply appears at the end of its thread; the form stays where it is.
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
    });
    let holder = slot.clone();
    let on_cancel = UnsyncCallback::new(move |()| {
        if let Some(form) = form_of(&holder) {
            form.set_hidden(true);
        }
        if let Some(id) = reply.with_untracked(|f| f.parent.clone()) {
            focus(&format!("#bl-{id} [data-reply]"));
        }
    });
    leptos::mount::mount_to(slot.clone().unchecked_into(), move || {
        provide_context(config);
        view! {
            <div>
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
                // The button goes once every reply is shown: the reader goes on from the
                // first reply loaded.
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
