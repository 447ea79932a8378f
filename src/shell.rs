//! The shell's first stage: on a page that does not hold its article (the shell answered for
//! an article the build did not prerender, or a portal's `data-article`), the main part of
//! the wasm draws the article from the JSON `boot.js` downloaded, as the page a prerendered
//! one would be (`page::layout`, the same template, with this app's sanitiser and image
//! addresses), before the app's code (Leptos, routing, comments, «Đọc nhiều», the comforts: a
//! part of the wasm of its own, `whole.rs`) has come. The app then adopts that page
//! (`takeover`) as it adopts a prerendered one. Only what draws the article stands between
//! the JSON and its first paint.

use std::rc::Rc;

use contract::Article;
use leptos::prelude::request_animation_frame;
use page::render::Media;
use web_sys::Element;

use crate::config::Config;
use crate::render::with_render;
use crate::{api, takeover};

/// Draws the article `slug` into `mount` once its JSON has come; false when it could not
/// (no download, an error, data that is not an article): the mount is then left as it was,
/// and the app does everything, the error view included. True without drawing when the
/// article's fragment came first (`boot.js` puts it in an embedding portal's mount element).
pub async fn draw(mount: &Element, config: &Config, slug: &str) -> bool {
    match api::early_article(config, slug).await {
        _ if takeover::static_page(mount, Some(slug)).is_some() => true,
        Some(article) => {
            show(mount, config, &article);
            true
        }
        None => false,
    }
}

/// Sets the page of `a` in `mount`, without «Đọc nhiều» and the comments (the app's, once
/// it adopts the page), marked as the app's own drawing.
fn show(mount: &Element, config: &Config, a: &Rc<Article>) {
    let html = with_render(config, Media::NONE, |r| {
        page::layout::article_page(a, &[], None, !config.embedded(), r)
    });
    mount.set_inner_html(&html);
    if let Some(root) = mount.first_element_child() {
        let _ = root.set_attribute(takeover::DRAWN, "");
    }
    // A mark for the benchmark, as the app's article view makes: the frame after the
    // article is in the DOM.
    request_animation_frame(|| {
        if let Some(perf) = leptos::prelude::window().performance() {
            let _ = perf.mark("news:article");
        }
    });
}
