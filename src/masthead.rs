//! The masthead on the app's own pages (v3): the publication's logo or name linking home,
//! then the categories' menu once `categories.json` has come (a host without it shows none).
//! Its HTML is `page::layout::masthead`'s, as a served page's; embedded, there is none: the
//! portal's page has its own.

use leptos::prelude::document;
use leptos::task::spawn_local;
use web_sys::Element;

use crate::api;
use crate::config::Config;

/// Fills the masthead of the app's frame (`root`), or takes it out when embedded; then adds
/// the menu. The page on screen until the first in-app navigation gets the same.
pub fn place(root: &Element, config: &Config) {
    let Ok(Some(header)) = root.query_selector(".na-masthead") else {
        return;
    };
    let Some(site) = config.site() else {
        header.remove();
        return;
    };
    let brand = page::layout::masthead(&site, &[]).into_string();
    header.set_inner_html(&brand);
    same_on_screen(&brand);
    let config = config.clone();
    spawn_local(async move {
        let Ok(categories) = api::categories(&config).await else {
            return;
        };
        let Some(site) = config.site() else {
            return;
        };
        let html = page::layout::masthead(&site, &categories).into_string();
        header.set_inner_html(&html);
        same_on_screen(&html);
    });
}

/// Makes the masthead on screen `html`: a served page's (which has no menu), the room the
/// shell's first stage or the worker's copy left empty; left alone when it agrees (the app's
/// own, or a page that already has it), so that nothing a reader is on is replaced.
fn same_on_screen(html: &str) {
    if let Ok(Some(shown)) = document().query_selector("[data-news-app] .na-masthead") {
        if shown.inner_html() != html {
            shown.set_inner_html(html);
        }
    }
}
