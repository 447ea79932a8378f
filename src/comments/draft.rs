//! What a reader types, saved per article in localStorage as they type, so that a reload, a
//! crash or a visit elsewhere loses nothing. Storage may be unavailable (private mode, full,
//! blocked): then drafts are simply not kept.

use leptos::prelude::window;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Whose draft: the article `slug`'s comment, or a reply in its thread `parent`.
pub fn key(slug: &str, parent: Option<String>) -> String {
    match parent {
        Some(parent) => format!("{slug}:{parent}"),
        None => slug.to_string(),
    }
}

fn item(key: &str, field: &str) -> String {
    format!("news-app:draft:{key}:{field}")
}

/// The saved text of `field` (`name` or `body`) of the draft `key`, or empty.
pub fn load(key: &str, field: &str) -> String {
    storage()
        .and_then(|s| s.get_item(&item(key, field)).ok().flatten())
        .unwrap_or_default()
}

/// Saves (or, when empty, forgets) the text of `field` of the draft `key`.
pub fn save(key: &str, field: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = if value.is_empty() {
            s.remove_item(&item(key, field))
        } else {
            s.set_item(&item(key, field), value)
        };
    }
}
