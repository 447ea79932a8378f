//! The document's title and head tags for the page shown (standalone only: an embedded app
//! never touches the host's head). What they say is `page::head::Head`, the same description
//! the server writes into its pages.

use contract::Article;
use leptos::prelude::*;
use page::head::{Head, Site};
use wasm_bindgen::JsCast;

use crate::config::Config;

/// Title, description, canonical link and Open Graph tags of an article page.
pub fn article(config: &Config, article: &Article) {
    if config.embedded() {
        return;
    }
    let site = Site {
        url: config.site_url.as_deref(),
        api_base: &config.api_base,
    };
    let head = Head::article(article, &site);
    document().set_title(&head.title);
    for (attr, key, content) in head.metas() {
        set("meta", attr, key, "content", content);
    }
    set("link", "rel", "canonical", "href", head.url.as_deref());
}

/// Title (and type) of any other page; the article's own tags are removed.
pub fn page(config: &Config, title: &str) {
    if config.embedded() {
        return;
    }
    document().set_title(title);
    for (key, content) in [
        ("og:title", Some(title)),
        ("og:type", Some("website")),
        ("og:url", None),
        ("og:image", None),
        ("og:description", None),
    ] {
        set("meta", "property", key, "content", content);
    }
    set("link", "rel", "canonical", "href", None);
}

/// Sets `<tag attr=key>`'s `value_attr` to `value`, adding the element to the head if
/// needed; removes the element when there is no value.
fn set(tag: &str, attr: &str, key: &str, value_attr: &str, value: Option<&str>) {
    let doc = document();
    let found = doc
        .query_selector(&format!("{tag}[{attr}=\"{key}\"]"))
        .ok()
        .flatten();
    match (found, value) {
        (Some(el), None) => el.remove(),
        (None, None) => {}
        (found, Some(value)) => {
            let el = found.or_else(|| {
                let el = doc.create_element(tag).ok()?;
                let _ = el.set_attribute(attr, key);
                doc.head()?
                    .unchecked_ref::<web_sys::Node>()
                    .append_child(&el)
                    .ok()?;
                Some(el)
            });
            if let Some(el) = el {
                let _ = el.set_attribute(value_attr, value);
            }
        }
    }
}
