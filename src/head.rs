//! The document's title and head tags for the page shown (standalone only: an embedded app
//! never touches the host's head). What they say is `page::head::Head`, the same description
//! the server writes into its pages, structured data (JSON-LD) included.

use contract::Article;
use leptos::prelude::*;
use page::head::{Head, Site};
use wasm_bindgen::JsCast;

use crate::config::Config;

/// Title, description, canonical link, Open Graph tags and structured data of an article page.
pub fn article(config: &Config, article: &Article) {
    if config.embedded() {
        return;
    }
    // The JSON under this app's own address is under the site's public one, as the server
    // says it (`api/`): the page may come from another host than the public address.
    let own = own_address(config);
    let site = Site {
        url: config.site_url.as_deref(),
        api_base: config
            .api_base
            .strip_prefix(&own)
            .unwrap_or(&config.api_base),
        name: config
            .site_name
            .as_deref()
            .unwrap_or(crate::text::SITE_TITLE),
        logo: config.site_logo.as_deref(),
    };
    let head = Head::article(article, &site);
    document().set_title(&head.title);
    for (attr, key, content) in head.metas() {
        set("meta", attr, key, "content", content);
    }
    set("link", "rel", "canonical", "href", head.url.as_deref());
    structured_data(head.structured_data.as_deref());
}

/// This app's own address: its origin and base path, ending in `/`.
fn own_address(config: &Config) -> String {
    format!(
        "{}{}/",
        window().location().origin().unwrap_or_default(),
        config.base_path
    )
}

/// The front page's: its title, and the site as `WebSite` with its `SearchAction`
/// (`page::head::website`) at the site's public address, else this app's own.
pub fn front(config: &Config) {
    let url = config
        .site_url
        .clone()
        .unwrap_or_else(|| own_address(config));
    let name = config
        .site_name
        .as_deref()
        .unwrap_or(crate::text::SITE_TITLE);
    page_with(
        config,
        crate::text::SITE_TITLE,
        Some(&page::head::website(name, &url)),
    );
}

/// A topic page's: the tag's `name`, and `CollectionPage` (with its address when the
/// site's is known).
pub fn topic(config: &Config, name: &str, slug: &str) {
    let url = config.site_url.as_ref().map(|site| {
        format!(
            "{site}{}",
            contract::paths::topic_path("", slug).trim_start_matches('/')
        )
    });
    page_with(
        config,
        name,
        Some(&page::head::collection_page(name, url.as_deref())),
    );
}

/// Title (and type) of any other page; the article's own tags are removed.
pub fn page(config: &Config, title: &str) {
    page_with(config, title, None);
}

/// [`page`] with the page's own structured data, if any.
fn page_with(config: &Config, title: &str, data: Option<&str>) {
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
    structured_data(data);
}

/// The page's JSON-LD: the script's text (data, never run), or no script at all.
fn structured_data(json: Option<&str>) {
    if let Some(el) = element("script", "type", "application/ld+json", json.is_some()) {
        el.set_text_content(json);
    }
}

/// Sets `<tag attr=key>`'s `value_attr` to `value`, adding the element to the head if
/// needed; removes the element when there is no value.
fn set(tag: &str, attr: &str, key: &str, value_attr: &str, value: Option<&str>) {
    if let (Some(el), Some(value)) = (element(tag, attr, key, value.is_some()), value) {
        let _ = el.set_attribute(value_attr, value);
    }
}

/// `<tag attr=key>` in the document, added to the head if `wanted` and missing; removed if
/// not `wanted`.
fn element(tag: &str, attr: &str, key: &str, wanted: bool) -> Option<web_sys::Element> {
    let doc = document();
    let found = doc
        .query_selector(&format!("{tag}[{attr}=\"{key}\"]"))
        .ok()
        .flatten();
    match found {
        Some(el) if !wanted => {
            el.remove();
            None
        }
        _ if !wanted => None,
        Some(el) => Some(el),
        None => {
            let el = doc.create_element(tag).ok()?;
            let _ = el.set_attribute(attr, key);
            doc.head()?
                .unchecked_ref::<web_sys::Node>()
                .append_child(&el)
                .ok()?;
            Some(el)
        }
    }
}
