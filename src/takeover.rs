//! Adopting a page that already holds its article (prerendered at build time, or rendered
//! per request by the server, under `[data-news-static]`), without a second copy of
//! anything in the document. The app renders away from the document (in a detached
//! element), and once its article, sidebar and comments have settled it adopts the page
//! region by region: the article and the ranking are rewritten only where its fresh data
//! renders differently (the same nodes otherwise, so focus and a text selection survive),
//! and its comments section, with the form, takes the place of the static one. The first
//! in-app navigation, or an article found removed, puts the whole app in the page instead.

use std::cell::RefCell;

use web_sys::Element;

/// The article part of the app has settled (shown, or failed).
pub const ARTICLE: u8 = 1;
/// The «Đọc nhiều» part has settled.
pub const MOST_READ: u8 = 2;
/// The comments part has settled.
pub const COMMENTS: u8 = 4;
const ALL: u8 = ARTICLE | MOST_READ | COMMENTS;

/// The page's static root, the app's own root (detached until it takes the page), and the
/// parts of the app settled so far.
struct Adopted {
    page: Element,
    app: Element,
    done: u8,
}

thread_local! {
    static ADOPTED: RefCell<Option<Adopted>> = const { RefCell::new(None) };
}

/// The static page in `mount` when it is the article `slug` the app is about to show.
pub fn static_page(mount: &Element, slug: Option<&str>) -> Option<Element> {
    mount
        .first_element_child()
        .filter(|el| slug.is_some() && el.get_attribute("data-news-static").as_deref() == slug)
}

/// Remembers that the app, rendered in `holder`, is to adopt `page`.
pub fn begin(page: Element, holder: &Element) {
    if let Some(app) = holder.first_element_child() {
        ADOPTED.with(|a| *a.borrow_mut() = Some(Adopted { page, app, done: 0 }));
    }
}

/// True while the page is the static one (the app has not replaced it whole).
pub fn pending() -> bool {
    ADOPTED.with(|a| a.borrow().is_some())
}

/// True while the page is one the network sent with its article (prerendered, or the
/// server's), not the worker's copy of the app's own (`kept`, marked `data-news-kept`).
pub fn sent_page() -> bool {
    ADOPTED.with(|a| {
        a.borrow()
            .as_ref()
            .is_some_and(|s| !s.page.has_attribute("data-news-kept"))
    })
}

/// Records that `part` has settled; the app adopts the page's regions when all have.
pub fn settled(part: u8) {
    let all = ADOPTED.with(|a| {
        a.borrow_mut().as_mut().is_some_and(|s| {
            let first = s.done != ALL;
            s.done |= part;
            first && s.done == ALL
        })
    });
    if all {
        ADOPTED.with(|a| {
            if let Some(s) = a.borrow().as_ref() {
                adopt_regions(&s.page, &s.app);
            }
        });
    }
}

/// Puts the whole app in the page in place of the static one (a navigation, or the article
/// gone); nothing when it is there already.
pub fn done() {
    if let Some(s) = ADOPTED.with(|a| a.borrow_mut().take()) {
        swap(&s.page, &s.app);
    }
}

/// The app's regions into the static page: the article and the ranking where they differ,
/// the comments section (with the form) always.
fn adopt_regions(page: &Element, app: &Element) {
    // A region the app could not fetch (its error view) leaves the page's own.
    // An article the service worker answered from its copy may be older than the page the
    // server or the build just sent: the page's stays.
    let copy = page
        .get_attribute("data-news-static")
        .is_some_and(|slug| crate::api::copied(&slug));
    for region in ["article", ".na-most-read > div:not(.na-error)"] {
        if region == "article" && copy {
            continue;
        }
        if let (Some(mine), Some(theirs)) = (find(page, region), find(app, region)) {
            // Compared by their text: what a reader reads changed, or nothing did (the
            // app writes image addresses absolute, the page as paths; an address change
            // alone waits for the next visit).
            if mine.text_content() != theirs.text_content() {
                mine.set_inner_html(&theirs.inner_html());
            }
        }
    }
    if let (Some(mine), Some(theirs)) = (find(page, ".na-comments"), find(app, ".na-comments")) {
        swap(&mine, &theirs);
    }
    let _ = page.set_attribute("data-news-ready", "");
}

/// Puts `new` where `old` is (`insertBefore`, which the app's DOM code already imports).
fn swap(old: &Element, new: &Element) {
    if let Some(parent) = old.parent_node() {
        let _ = parent.insert_before(new, Some(old));
        old.remove();
    }
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}
