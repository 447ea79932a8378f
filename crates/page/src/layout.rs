//! The whole layout of an article page, for a page that has its article before any script
//! runs (prerendered at build time, or rendered per request by the server): the article,
//! the comments (without the form, which needs the app), and the «Đọc nhiều» sidebar, as the
//! app lays them out. The root carries `data-news-static="slug"`, which the app looks for to
//! adopt the page.

use contract::{Article, CommentPage, Summary};
use maud::{html, Markup};

use crate::article::article;
use crate::comments::comments;
use crate::lists::ranked;
use crate::render::Render;
use crate::words;

/// The page's frame, the app's and a served page's alike, as maud markup with two slots:
/// the root (`.news-app`, marked `data-news-static="slug"` when `$slug` is `Some(slug)`, a
/// page that holds the article `slug`), the main column (`.na-main`) holding `$main`, and
/// the sidebar (`aside.na-aside`) holding «Đọc nhiều» (`section.na-most-read`) with `$list`
/// after its heading. A macro rather than a function, so that a page is written into one
/// buffer (the part of the wasm that writes the worker's copy stays as small as it was).
macro_rules! frame {
    ($slug:expr, { $($top:tt)* }, { $($main:tt)* }, { $($list:tt)* }) => {
        html! {
            div.news-app lang="vi" data-news-static=[$slug] {
                $($top)*
                div.na-layout {
                    div.na-main { $($main)* }
                    aside.na-aside {
                        section.na-most-read aria-labelledby="na-most-read-title" {
                            h2 #na-most-read-title .na-aside-title { (words::MOST_READ) }
                            $($list)*
                        }
                    }
                }
            }
        }
    };
}

/// An article page's content, for the mount element.
pub fn article_page(
    a: &Article,
    most_read: &[Summary],
    page: Option<&CommentPage>,
    r: &Render,
) -> Markup {
    frame!(Some(&a.slug), {}, {
        article.na-article aria-labelledby="na-title" { (article(a, r)) }
        (comments_section(a, page))
    }, {
        div { (ranked(most_read, r)) }
    })
}

/// An article's page as a portal's server includes it in its own page (`articles/{slug}.html`,
/// an SSI or ESI fragment): the build's stylesheet first, so that the article paints styled
/// with the portal's HTML alone (a browser holds the paint of what follows a stylesheet in
/// the body until it has loaded), then the page's content as `article_page` writes it.
pub fn fragment(
    stylesheet: Option<&str>,
    a: &Article,
    most_read: &[Summary],
    page: Option<&CommentPage>,
    r: &Render,
) -> Markup {
    html! {
        @if let Some(href) = stylesheet { link rel="stylesheet" href=(href); }
        (article_page(a, most_read, page, r))
    }
}

/// The app's frame, with its slots empty: the main column, and «Đọc nhiều» after its
/// heading; above them the search box (v3), which the app serves in place (so its form
/// names no address: the build does not know the base path). The app's build script
/// renders it (`build.rs`): the wasm sets it as a string, and mounts the page for the
/// route and the list into the slots.
pub fn app_frame() -> Markup {
    frame!(
        None::<&str>,
        { (crate::search::search_box(None, "")) },
        {},
        {}
    )
}

/// The comments section as it stands when the page is made.
fn comments_section(a: &Article, page: Option<&CommentPage>) -> Markup {
    let total = page
        .map(|c| crate::comments::count(c.total, &c.items))
        .or(a.comments.as_ref().map(|c| c.count));
    html! {
        @if a.comments_enabled() {
            section.na-comments aria-labelledby="na-comments-title" {
                h2 #na-comments-title .na-section-title {
                    (words::COMMENTS)
                    @if let Some(n) = total { " (" (n) ")" }
                }
                @if let Some(page) = page {
                    ol.na-comment-list { (comments(&page.items, None)) }
                    @if page.items.is_empty() {
                        p.na-empty { (words::NO_COMMENTS) }
                    }
                }
            }
        } @else {
            section.na-comments { p.na-comments-off { (words::COMMENTS_OFF) } }
        }
    }
}
