//! The whole layout of an article page, for a page that has its article before any script
//! runs (prerendered at build time, or rendered per request by the server): the article,
//! the comments (without the form, which needs the app), and the «Đọc nhiều» sidebar, as the
//! app lays them out. The root carries `data-news-static="slug"`, which the app looks for to
//! adopt the page.

use contract::live::LiveEntries;
use contract::paths::{home_path, search_action};
use contract::{Article, Category, CommentPage, Summary};
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

/// What the masthead names: the publication (`data-site-name`, else «Tin tức»), its logo
/// (`data-site-logo`, when it has one) and the app's base path, where home is.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    pub name: &'a str,
    pub logo: Option<&'a str>,
    pub base_path: &'a str,
}

impl Site<'_> {
    /// The logo's address: an absolute or rooted one as it is; a path under the base path
    /// (the site's address, `data-site-url`, is the base path's); none for a script URL.
    fn logo_src(&self) -> Option<String> {
        let logo = contract::url::safe_href(self.logo?)?;
        Some(if logo.contains(':') || logo.starts_with('/') {
            logo
        } else {
            format!("{}/{logo}", self.base_path)
        })
    }
}

/// The masthead's content (inside `header.na-masthead`): the publication's logo, else its
/// name, linking home; then the categories as a menu, when they are known (no empty
/// landmark while `categories.json` is coming, or on a host without it).
pub fn masthead(site: &Site, categories: &[Category]) -> Markup {
    html! {
        a.na-brand href=(home_path(site.base_path)) {
            @if let Some(src) = site.logo_src() {
                img src=(src) alt=(site.name) height="40";
            } @else {
                (site.name)
            }
        }
        @if !categories.is_empty() {
            nav.na-menu aria-label=(words::MENU) {
                ul {
                    @for c in categories {
                        li { a href=(contract::paths::category_path(site.base_path, &c.slug)) { (c.name) } }
                    }
                }
            }
        }
    }
}

/// An article page's frame around its regions, with `$top` above the columns and `$after`
/// between the article and its comments (a live coverage's section, in the server's pages).
macro_rules! article_frame {
    ($a:expr, $most_read:expr, $page:expr, $r:expr, { $($top:tt)* }, { $($after:tt)* }) => {
        frame!(Some(&$a.slug), { $($top)* }, {
            article.na-article aria-labelledby="na-title" { (article($a, $r)) }
            $($after)*
            (comments_section($a, $page))
        }, {
            div { (ranked($most_read, $r)) }
        })
    };
}

/// An article page's content, for the mount element, as the app writes it (the shell's
/// first stage, the page kept for the worker). With `top`, the masthead's room, empty: the
/// app fills it, and its height is kept meanwhile, so nothing moves. Without, a portal's
/// page (embedded, or its included fragment), which has its own. Neither the masthead's
/// template nor the search box is here: they would weigh on the first view's wasm (the box
/// comes with the app's frame, on the first in-app navigation).
pub fn article_page(
    a: &Article,
    most_read: &[Summary],
    page: Option<&CommentPage>,
    top: bool,
    r: &Render,
) -> Markup {
    article_frame!(a, most_read, page, r, {
        @if top { header.na-masthead {} }
    }, {})
}

/// (v3) A live coverage's section with the entries known when the page is written, for
/// the server's pages; nothing for another article. Not in [`article_page`]: the first
/// view's wasm draws no entries (the live island does).
fn live_section(a: &Article, live: Option<&LiveEntries>, r: &Render) -> Markup {
    html! {
        @if let Some(coverage) = &a.live {
            @let status = live.map_or(coverage.status, |l| l.status);
            (crate::live::section(status, live.map_or(&[][..], |l| &l.entries), r))
        }
    }
}

/// An article's page as the server writes it (prerendered, or per request): the masthead
/// of `site` and the search box above it, before any script; the box asks for
/// `{base}/tim-kiem` by itself, so a reader without script searches too. A live
/// coverage's entries (`live`, v3) under the article.
pub fn served_page(
    a: &Article,
    most_read: &[Summary],
    page: Option<&CommentPage>,
    live: Option<&LiveEntries>,
    site: &Site,
    r: &Render,
) -> Markup {
    article_frame!(a, most_read, page, r, {
        header.na-masthead { (masthead(site, &[])) }
        (crate::search::search_box(Some(&search_action(site.base_path)), ""))
    }, { (live_section(a, live, r)) })
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
    live: Option<&LiveEntries>,
    r: &Render,
) -> Markup {
    html! {
        @if let Some(href) = stylesheet {
            (stylesheet_link(href))
            @if let Some(media) = media_stylesheet(a, href) { (stylesheet_link(&media)) }
        }
        (article_frame!(a, most_read, page, r, {}, { (live_section(a, live, r)) }))
    }
}

/// A stylesheet's `<link>`.
pub fn stylesheet_link(href: &str) -> Markup {
    html! { link rel="stylesheet" href=(href); }
}

/// The media blocks' stylesheet beside the build's `stylesheet`, when the page of `a` needs
/// it (v3: a video, a gallery or live coverage).
pub fn media_stylesheet(a: &Article, stylesheet: &str) -> Option<String> {
    a.has_media()
        .then(|| contract::paths::media_stylesheet(stylesheet))
        .flatten()
}

/// The app's frame, with its slots empty: the masthead, the main column, and «Đọc nhiều»
/// after its heading; between the masthead and them the search box (v3), which the app
/// serves in place. The build knows neither the site nor the base path: the app fills the
/// masthead ([`masthead`]) and gives the box its address, or takes both out when
/// embedded. The app's build script renders it (`build.rs`): the wasm sets it as a
/// string, and mounts the page for the route and the list into the slots.
pub fn app_frame() -> Markup {
    frame!(
        None::<&str>,
        { header.na - masthead {}(crate::search::search_box(None, "")) },
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

#[cfg(test)]
mod tests {
    use super::*;

    fn category(slug: &str, name: &str) -> Category {
        Category {
            slug: slug.into(),
            name: name.into(),
        }
    }

    #[test]
    fn the_masthead_names_the_site_links_home_and_lists_the_categories() {
        let site = Site {
            name: "Báo Quảng Nam",
            logo: None,
            base_path: "/tin",
        };
        let html = masthead(
            &site,
            &[
                category("thoi-su", "Thời sự"),
                category("kinh-te", "Kinh tế"),
            ],
        )
        .into_string();
        assert_eq!(
            html,
            "<a class=\"na-brand\" href=\"/tin/\">Báo Quảng Nam</a>\
             <nav class=\"na-menu\" aria-label=\"Chuyên mục\"><ul>\
             <li><a href=\"/tin/thoi-su\">Thời sự</a></li>\
             <li><a href=\"/tin/kinh-te\">Kinh tế</a></li></ul></nav>"
        );
        // No menu, not an empty landmark, while the categories are unknown.
        assert!(!masthead(&site, &[]).into_string().contains("nav"));
    }

    #[test]
    fn the_logo_stands_for_the_name_under_the_base_path_or_as_given() {
        let logo = |logo: &str| {
            let site = Site {
                name: "Tin tức",
                logo: Some(logo),
                base_path: "/tin",
            };
            masthead(&site, &[]).into_string()
        };
        assert!(
            logo("logo.svg").contains("<img src=\"/tin/logo.svg\" alt=\"Tin tức\" height=\"40\">")
        );
        assert!(
            logo("https://cdn.example.vn/l.png").contains("src=\"https://cdn.example.vn/l.png\"")
        );
        let script = logo("javascript:alert(1)");
        assert!(
            !script.contains("img") && script.contains(">Tin tức</a>"),
            "{script}"
        );
    }

    #[test]
    fn a_hostile_site_name_and_category_stay_text() {
        let v = "\"><script>alert(1)</script><a href=\"x";
        let site = Site {
            name: v,
            logo: None,
            base_path: "",
        };
        let html = masthead(&site, &[category("a", v)]).into_string();
        assert!(
            !html.contains("<script") && !html.contains("href=\"x"),
            "{html}"
        );
        assert!(html.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        let with_logo = Site {
            logo: Some("l.svg"),
            ..site
        };
        let img = masthead(&with_logo, &[]).into_string();
        assert!(img.contains("alt=\"&quot;&gt;&lt;script&gt;"), "{img}");
    }

    #[test]
    fn the_app_and_a_served_page_share_the_masthead_and_a_box_that_works_without_script() {
        let frame = app_frame().into_string();
        assert!(frame.contains("<header class=\"na-masthead\"></header><form class=\"na-search\""));
        let a = contract::parse_article(
            r#"{"slug":"a-1","title":"T","category":{"slug":"xa-hoi","name":"Xã hội"},
            "published_at":"2023-02-02T16:30:00+07:00","authors":[],"body":[]}"#,
        )
        .unwrap();
        let r = Render {
            base_path: "/tin",
            paragraph: &|_| Vec::new(),
            image_src: &|s| Some(s.to_string()),
            media: crate::media::ALL,
        };
        let site = Site {
            name: "Tin tức",
            logo: None,
            base_path: "/tin",
        };
        let served = served_page(&a, &[], None, None, &site, &r).into_string();
        assert!(served.contains(
            "<header class=\"na-masthead\"><a class=\"na-brand\" href=\"/tin/\">Tin tức</a></header>\
             <form class=\"na-search\" role=\"search\" action=\"/tin/tim-kiem\" method=\"get\">"
        ), "{served}");
        // The app's own drawing: the masthead's room, which the app fills, and the box.
        let drawn = article_page(&a, &[], None, true, &r).into_string();
        assert!(
            drawn.contains("<header class=\"na-masthead\"></header><div class=\"na-layout\">"),
            "{drawn}"
        );
        // A portal's fragment: the portal's page has its own masthead and box.
        let embedded = fragment(None, &a, &[], None, None, &r).into_string();
        assert!(!embedded.contains("na-masthead") && !embedded.contains("na-search"));
    }
}
