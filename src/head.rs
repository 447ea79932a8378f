//! The document's title and head tags for the page shown (standalone only: an embedded app
//! never touches the host's head). What they say is `page::head::Head`, the same description
//! the server writes into its pages.

use contract::Article;
use leptos::prelude::*;
use page::head::{Head, Site};
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::config::Config;

/// Title, description, canonical link and Open Graph tags of an article page.
pub fn article(config: &Config, article: &Article) {
    if config.embedded() {
        return;
    }
    let site = Site {
        url: config.site_url.as_deref(),
        base_path: &config.base_path,
        api_base: &config.api_base,
    };
    let head = Head::article(article, &site);
    document().set_title(&head.title);
    for (attr, key, content) in head.metas() {
        set_meta(attr, key, content);
    }
    set_canonical(head.url.as_deref());
}

/// Title (and type) of any other page; the article's own tags are removed.
pub fn page(config: &Config, title: &str) {
    if config.embedded() {
        return;
    }
    document().set_title(title);
    set_meta("property", "og:title", Some(title));
    set_meta("property", "og:type", Some("website"));
    for key in ["og:url", "og:image", "og:description"] {
        set_meta("property", key, None);
    }
    set_canonical(None);
}

/// Sets the `<meta attr=key>` tag's content, adding the tag if needed, or removes it.
fn set_meta(attr: &str, key: &str, content: Option<&str>) {
    let selector = format!("meta[{attr}=\"{key}\"]");
    set_head_element(
        &selector,
        "meta",
        content.map(|c| [(attr, key), ("content", c)]),
    );
}

/// Sets or removes `<link rel="canonical">`.
fn set_canonical(url: Option<&str>) {
    let selector = "link[rel=\"canonical\"]";
    set_head_element(
        selector,
        "link",
        url.map(|u| [("rel", "canonical"), ("href", u)]),
    );
}

fn set_head_element(selector: &str, tag: &str, attrs: Option<[(&str, &str); 2]>) {
    let doc = document();
    let found: Option<Element> = doc.query_selector(selector).ok().flatten();
    let Some(attrs) = attrs else {
        if let Some(el) = found {
            el.remove();
        }
        return;
    };
    let el = match found {
        Some(el) => el,
        None => {
            let Ok(el) = doc.create_element(tag) else {
                return;
            };
            if let Some(head) = doc.head() {
                let _ = head.unchecked_ref::<web_sys::Node>().append_child(&el);
            }
            el
        }
    };
    for (name, value) in attrs {
        let _ = el.set_attribute(name, value);
    }
}
