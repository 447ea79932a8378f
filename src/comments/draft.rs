//! What a reader types, saved per article in localStorage as they type, so that a reload, a
//! crash or a visit elsewhere loses nothing. Storage may be unavailable (private mode, full,
//! blocked): then drafts are simply not kept.

use leptos::prelude::window;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn key(slug: &str, field: &str) -> String {
    format!("news-app:draft:{slug}:{field}")
}

/// The saved text of `field` (`name` or `body`) for the article `slug`, or empty.
pub fn load(slug: &str, field: &str) -> String {
    storage()
        .and_then(|s| s.get_item(&key(slug, field)).ok().flatten())
        .unwrap_or_default()
}

/// Saves (or, when empty, forgets) the text of `field` for the article `slug`.
pub fn save(slug: &str, field: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = if value.is_empty() {
            s.remove_item(&key(slug, field))
        } else {
            s.set_item(&key(slug, field), value)
        };
    }
}
