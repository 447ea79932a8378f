//! «Thích»: a toggle on every comment and reply, shown at once and undone with a short
//! message when the host does not take it; remembered on this device (localStorage), so
//! the reader sees what they liked on their next visit. A host that answers 404 or 405 (a
//! static host) takes no likes: the buttons go for the session (`api` remembers it), the
//! counts stay.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Element;

use super::list::{focus_later, Thread};
use crate::api::{self, LikeError};
use crate::config::Config;
use crate::text;

const KEY: &str = "news-app:likes";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The ids of the comments this device likes.
pub fn liked() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|ids| ids.split(' ').map(str::to_string).collect())
        .unwrap_or_default()
}

/// The like of `id` given (`on`) or taken back in the list, `count` likes after it (±1 when
/// `None`). The button shows it at once, before the list's patch (which finds it so).
fn set(thread: RwSignal<Thread>, button: &Element, id: &str, on: bool, count: Option<u32>) {
    let mut shown = 0;
    thread.update(|t| {
        t.liked.retain(|l| l != id);
        if on {
            t.liked.push(id.to_string());
        }
        if let Some(c) = t.find(id) {
            let now = c.likes.unwrap_or(0);
            shown = count.unwrap_or(if on { now + 1 } else { now.saturating_sub(1) });
            c.likes = Some(shown);
        }
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, &t.liked.join(" "));
        }
    });
    let _ = button.set_attribute("aria-pressed", if on { "true" } else { "false" });
    if let Some(number) = button.last_element_child() {
        number.set_text_content(Some(&shown.to_string()));
    }
}

/// The reader pressed «Thích» (`button`) on comment `id` of the article `slug`; a failure
/// is said in the section's `message`.
pub fn toggle(
    thread: RwSignal<Thread>,
    message: RwSignal<&'static str>,
    config: Config,
    slug: String,
    id: String,
    button: Element,
) {
    let on = button.get_attribute("aria-pressed").as_deref() != Some("true");
    set(thread, &button, &id, on, None);
    message.set("");
    spawn_local(async move {
        match api::like(&config, &slug, &id, on).await {
            Ok(count) => set(thread, &button, &id, on, Some(count)),
            Err(LikeError::NotOffered) => {
                set(thread, &button, &id, !on, None);
                // The list is patched without the buttons: the focus goes to the
                // comment's «Trả lời».
                thread.update(|t| t.likes = false);
                focus_later(format!("#bl-{id} [data-reply]"));
            }
            Err(LikeError::Failed) => {
                set(thread, &button, &id, !on, None);
                message.set(text::LIKE_FAILED);
            }
        }
    });
}
