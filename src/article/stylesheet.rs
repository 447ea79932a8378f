//! The media blocks' stylesheet (contract v3: video, gallery, live coverage), which the first
//! view goes without: linked, beside the build's, when the app draws an article that needs
//! it. A page the server wrote for such an article links it already.

use contract::Article;
use leptos::prelude::*;

/// Links the media blocks' stylesheet for `article`, unless the page has it.
pub fn link(article: &Article) {
    let doc = document();
    let main = doc
        .query_selector("link[rel=stylesheet][href*=\"news-app-\"]")
        .ok()
        .flatten()
        .and_then(|l| l.get_attribute("href"));
    let Some(href) = main.and_then(|main| page::layout::media_stylesheet(article, &main)) else {
        return;
    };
    let selector = format!("link[href=\"{href}\"]");
    if doc.query_selector(&selector).ok().flatten().is_some() {
        return;
    }
    let (Ok(link), Some(head)) = (doc.create_element("link"), doc.head()) else {
        return;
    };
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", &href);
    let _ = head.append_child(&link);
}
