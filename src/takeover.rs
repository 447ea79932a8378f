//! Adopting a page that already holds its article (prerendered at build time, or rendered
//! per request by the server, under `[data-news-static]`), without a second copy of
//! anything in the document. The app renders away from the document (in a detached
//! element), and once the regions the page holds have settled in the app it adopts the
//! page region by region: the article and the ranking are rewritten only where its fresh
//! data renders differently (the same nodes otherwise, so focus and a text selection
//! survive), and its comments section, with the form, takes the place of the static one.
//! The first in-app navigation, or an article found removed, puts the whole app in the page
//! instead. The page's owner (`life`) holds the one [`Takeover`] under way.

use web_sys::Element;

/// Marks a page the shell's first stage drew (`shell.rs`): the app's own, like the worker's
/// copy (`data-news-kept`), not one the network sent.
pub const DRAWN: &str = "data-news-drawn";

/// A region of an article page, which the app renders and a static page may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// The article itself.
    Article,
    /// The «Đọc nhiều» sidebar.
    MostRead,
    /// The comments section.
    Comments,
}

impl Region {
    const ALL: [Region; 3] = [Region::Article, Region::MostRead, Region::Comments];

    /// Where the region is, in the page and in the app alike.
    fn selector(self) -> &'static str {
        match self {
            Region::Article => "article",
            Region::MostRead => ".na-most-read",
            Region::Comments => ".na-comments",
        }
    }
}

/// Where a region stands in a takeover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stand {
    /// The static page does not hold it: nothing to wait for.
    Absent,
    /// The page holds it; the app's has not settled yet.
    Waiting,
    /// The app's has settled (shown, or failed).
    Settled,
}

/// A static page waiting for the app: the page's root, the app's own root (detached until
/// it takes the page), and where each region stands (by [`Region`]).
pub struct Takeover {
    page: Element,
    app: Element,
    regions: [Stand; 3],
    /// The page's «Đọc nhiều» section, exchanged for the app's live one (an empty list: the
    /// shell's first stage draws none), to be given back to the app with its own.
    lent: Option<Element>,
}

/// The static page in `mount` when it is the article `slug` the app is about to show. A
/// child of the mount element, not always its first: a portal's included fragment
/// (`articles/{slug}.html`) puts the app's stylesheet before it.
pub fn static_page(mount: &Element, slug: Option<&str>) -> Option<Element> {
    find(mount, ":scope > [data-news-static]")
        .filter(|el| slug.is_some() && el.get_attribute("data-news-static").as_deref() == slug)
}

impl Takeover {
    /// The app, rendered in `app` (its root), is to adopt `page`.
    pub fn new(page: Element, app: Element) -> Takeover {
        let regions = Region::ALL.map(|r| match find(&page, r.selector()) {
            Some(_) => Stand::Waiting,
            None => Stand::Absent,
        });
        Takeover {
            page,
            app,
            regions,
            lent: None,
        }
    }

    /// True when the page is one the network sent with its article (prerendered, or the
    /// server's), not the app's own: the worker's copy (`kept`, marked `data-news-kept`) or
    /// the shell's first stage's ([`DRAWN`]).
    pub fn sent(&self) -> bool {
        !self.page.has_attribute("data-news-kept") && !self.page.has_attribute(DRAWN)
    }

    /// Records that the app's `region` has settled (shown, or failed); adopts the page's
    /// regions once the last one it holds has.
    pub fn settled(&mut self, region: Region) {
        let stand = &mut self.regions[region as usize];
        if *stand == Stand::Waiting {
            *stand = Stand::Settled;
            if !self.regions.contains(&Stand::Waiting) {
                self.adopt();
            }
        }
    }

    /// Puts the whole app in the page in place of the static one (a navigation, or the
    /// article gone).
    pub fn finish(self) {
        if let Some(theirs) = self.lent {
            if let Some(mine) = find(&self.page, Region::MostRead.selector()) {
                exchange(&mine, &theirs);
            }
        }
        swap(&self.page, &self.app);
    }

    /// The app's regions into the static page: the article and the ranking where they
    /// differ, the comments section (with the form) always.
    fn adopt(&mut self) {
        // An article the service worker answered from its copy may be older than the page
        // the server or the build just sent: the page's stays.
        let copy = self
            .page
            .get_attribute("data-news-static")
            .is_some_and(|slug| crate::api::copied(&slug));
        // A page without a ranking of its own (the shell's first stage draws none) takes the
        // app's section itself, live: its error view's «Thử lại» works, and so does what
        // changes in it later. What the page had is given back to the app on `finish`.
        let ranking = Region::MostRead.selector();
        if let (Some(mine), Some(theirs)) = (find(&self.page, ranking), find(&self.app, ranking)) {
            if find(&mine, "li").is_none() {
                exchange(&mine, &theirs);
                self.lent = Some(mine);
            }
        }
        for (region, inner) in [
            (Region::Article, "article"),
            // A region the app could not fetch (its error view) leaves the page's own.
            (Region::MostRead, ".na-most-read > div:not(.na-error)"),
        ] {
            let lent = region == Region::MostRead && self.lent.is_some();
            if lent || (region == Region::Article && copy) {
                continue;
            }
            if let (Some(mine), Some(theirs)) = (find(&self.page, inner), find(&self.app, inner)) {
                // Compared by their text: what a reader reads changed, or nothing did (the
                // app writes image addresses absolute, the page as paths; an address change
                // alone waits for the next visit).
                // (v3) A media block the shell's first stage left empty (`.na-pending`:
                // page::render::Media) becomes the block.
                let pending = region == Region::Article && find(&mine, ".na-pending").is_some();
                if pending || mine.text_content() != theirs.text_content() {
                    mine.set_inner_html(&theirs.inner_html());
                }
            }
        }
        let comments = Region::Comments.selector();
        if let (Some(mine), Some(theirs)) = (find(&self.page, comments), find(&self.app, comments))
        {
            swap(&mine, &theirs);
        }
        let _ = self.page.set_attribute("data-news-ready", "");
    }
}

/// Puts `new` where `old` is (`insertBefore`, which the app's DOM code already imports).
fn swap(old: &Element, new: &Element) {
    if let Some(parent) = old.parent_node() {
        let _ = parent.insert_before(new, Some(old));
        old.remove();
    }
}

/// Puts `a` where `b` is and `b` where `a` was (each in the other's tree).
fn exchange(a: &Element, b: &Element) {
    let (Some(here), Some(there)) = (a.parent_node(), b.parent_node()) else {
        return;
    };
    let next = a.next_sibling();
    let _ = there.insert_before(a, Some(b));
    let _ = here.insert_before(b, next.as_ref());
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}
