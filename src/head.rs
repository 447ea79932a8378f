//! The document's title and meta tags for the page shown (standalone only: an embedded app
//! never touches the host's head).

use contract::Article;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::config::Config;

/// Title, description and Open Graph tags of an article page.
pub fn article(config: &Config, article: &Article) {
    if config.embedded() {
        return;
    }
    let description = article.lead.as_deref().unwrap_or(&article.title);
    document().set_title(&article.title);
    set_meta("name", "description", description);
    set_meta("property", "og:type", "article");
    set_meta("property", "og:title", &article.title);
    set_meta("property", "og:description", description);
    set_meta(
        "property",
        "og:url",
        &window().location().href().unwrap_or_default(),
    );
    let image = article
        .hero
        .as_ref()
        .and_then(|h| contract::html::safe_href(&h.src))
        .map(|src| config.api_url(&src));
    set_meta("property", "og:image", image.as_deref().unwrap_or(""));
}

/// Title (and description) of any other page.
pub fn page(config: &Config, title: &str) {
    if config.embedded() {
        return;
    }
    document().set_title(title);
    set_meta("property", "og:title", title);
    set_meta("property", "og:type", "website");
}

fn set_meta(attr: &str, key: &str, content: &str) {
    let doc = document();
    let selector = format!("meta[{attr}=\"{key}\"]");
    let meta = match doc.query_selector(&selector).ok().flatten() {
        Some(meta) => meta,
        None => {
            let Ok(meta) = doc.create_element("meta") else {
                return;
            };
            let _ = meta.set_attribute(attr, key);
            if let Some(head) = doc.head() {
                let _ = head.unchecked_ref::<web_sys::Node>().append_child(&meta);
            }
            meta
        }
    };
    let _ = meta.set_attribute("content", content);
}
