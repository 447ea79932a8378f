//! Taking over a prerendered page. `news-server prerender` writes each article's page with
//! the article already in the mount element, under `[data-news-static]`, so that a reader
//! sees it as soon as the HTML and CSS arrive. The app renders beside it, hidden by CSS
//! (`base.css`), and swaps in once its own article, sidebar and comments have settled: the
//! same text in the same place, so nothing moves, and then the form and the links work.

use std::cell::RefCell;

use web_sys::Element;

/// The article part of the page has settled (shown, or failed).
pub const ARTICLE: u8 = 1;
/// The «Đọc nhiều» part has settled.
pub const MOST_READ: u8 = 2;
/// The comments part has settled.
pub const COMMENTS: u8 = 4;
const ALL: u8 = ARTICLE | MOST_READ | COMMENTS;

thread_local! {
    /// The prerendered content still shown, and the parts of the app settled so far.
    static SHOWN: RefCell<Option<(Element, u8)>> = const { RefCell::new(None) };
}

/// Keeps the prerendered content of `mount` when it is the article `slug` the app is about
/// to show; otherwise empties the mount (its loading line, or a page for another route).
pub fn adopt(mount: &Element, slug: Option<&str>) {
    let prerendered = mount
        .first_element_child()
        .filter(|el| slug.is_some() && el.get_attribute("data-news-static").as_deref() == slug);
    match prerendered {
        Some(el) => SHOWN.with(|s| *s.borrow_mut() = Some((el, 0))),
        None => mount.set_text_content(None),
    }
}

/// True while a prerendered page is shown in place of the app.
pub fn pending() -> bool {
    SHOWN.with(|s| s.borrow().is_some())
}

/// Records that `part` has settled; the app takes over when all have.
pub fn settled(part: u8) {
    let all = SHOWN.with(|s| {
        let mut s = s.borrow_mut();
        s.as_mut().is_some_and(|(_, done)| {
            *done |= part;
            *done == ALL
        })
    });
    if all {
        done();
    }
}

/// Removes the prerendered content now, which shows the app (a failure to show, or the
/// reader navigating on).
pub fn done() {
    if let Some((el, _)) = SHOWN.with(|s| s.borrow_mut().take()) {
        el.remove();
    }
}
