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

/// An article page's content, for the mount element.
pub fn article_page(
    a: &Article,
    most_read: &[Summary],
    page: Option<&CommentPage>,
    r: &Render,
) -> Markup {
    html! {
        div.news-app lang="vi" data-news-static=(a.slug) {
            div.na-layout {
                div.na-main {
                    article.na-article aria-labelledby="na-title" { (article(a, r)) }
                    (comments_section(a, page))
                }
                aside.na-aside {
                    section.na-most-read aria-labelledby="na-most-read-title" {
                        h2 #na-most-read-title .na-aside-title { (words::MOST_READ) }
                        div { (ranked(most_read, r)) }
                    }
                }
            }
        }
    }
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
