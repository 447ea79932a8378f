//! The article: breadcrumb «Trang chủ › category», category label, title (`h1#na-title`,
//! focusable for in-app navigation), time, lead, hero, body (an element per known block;
//! nothing for an unknown one), byline, tags and related articles. The body is static once
//! shown, so the app sets it with one `innerHTML` instead of a Leptos view per block (a view
//! type per block kind cost the wasm about 4 KB brotli).

use contract::{Article, Block, Image, Summary};
use maud::{html, Markup};

use crate::comforts;
use crate::inline;
use crate::lists::summaries;
use crate::render::Render;
use crate::time::time;
use crate::words;

/// The inside of the article's `<article>`, and first, when it is the service worker's
/// copy read offline (`saved`), the notice that says so: inside the article, so that
/// adopting a prerendered page, which compares the article's text, brings it in too.
pub fn article_read(a: &Article, r: &Render, saved: bool) -> Markup {
    html! {
        @if saved { p.na-saved role="status" { (words::SAVED_COPY) } }
        (article(a, r))
    }
}

/// The inside of the article's `<article>` element.
pub fn article(a: &Article, r: &Render) -> Markup {
    let base = r.base_path;
    html! {
        nav.na-breadcrumb aria-label=(words::BREADCRUMB) {
            ol {
                li { a href=(contract::paths::home_path(base)) { (words::HOME) } }
                li {
                    // A category slug outside the contract's alphabet (`//evil.example`)
                    // would make a link to another host: such a category is named, not linked.
                    @if contract::is_valid_slug(&a.category.slug) {
                        a href=(contract::paths::category_path(base, &a.category.slug)) {
                            (a.category.name)
                        }
                    } @else {
                        (a.category.name)
                    }
                }
            }
        }
        header.na-header {
            p.na-category { (a.category.name) }
            h1 id="na-title" class="na-title" tabindex="-1" { (a.title) }
            p.na-meta {
                (live_badge(a))
                (time(&a.published_at, contract::time::format_vietnam_datetime))
                " · " (comforts::reading_time(a))
            }
            @if let Some(lead) = &a.lead {
                p.na-lead { (lead) }
            }
            (comforts::tools(a, r))
        }
        @if let Some(hero) = &a.hero {
            // The hero is the first thing seen: loaded at once.
            (figure(hero, false, r))
        }
        div.na-body { (body(&a.body, r)) }
        footer.na-footer {
            (comforts::print_address(a))
            @if !a.authors.is_empty() {
                p.na-byline {
                    span.na-visually-hidden { (words::AUTHORS) ": " }
                    @for (i, author) in a.authors.iter().enumerate() {
                        @if i > 0 { ", " }
                        (author.name)
                    }
                }
            }
            @if !a.tags.is_empty() {
                ul.na-tags aria-label=(words::TAGS) {
                    @for tag in &a.tags {
                        // A tag is its topic's link (v3); one whose slug could form no
                        // link stays text.
                        li {
                            @if contract::is_valid_slug(&tag.slug) {
                                a href=(contract::paths::topic_path(base, &tag.slug)) { (tag.name) }
                            } @else {
                                (tag.name)
                            }
                        }
                    }
                }
            }
            (comforts::share(a))
        }
        @if a.related.iter().any(Summary::is_linkable) {
            section.na-related aria-labelledby="na-related-title" {
                h2 #na-related-title { (words::RELATED) }
                (summaries(&a.related, base, "na-related-list"))
            }
        }
    }
}

/// (v3) The «Trực tiếp» badge, while the article says its coverage is live (nothing once it
/// has ended: the live section says so, `live.rs`).
pub fn live_badge(a: &Article) -> Markup {
    html! {
        @if a.live.as_ref().is_some_and(|l| l.status == contract::LiveStatus::Live) {
            span.na-live-badge { (words::LIVE_NOW) } " "
        }
    }
}

/// The body: one element per known block, nothing for an unknown one. Inlined into each
/// caller: the article's, in the first view's wasm, stays as it was when a live entry's
/// (the live island's) came (+231 B of the first view's wasm, outlined).
#[inline(always)]
pub fn body(blocks: &[Block], r: &Render) -> Markup {
    html! {
        @for block in blocks {
            @match block {
                Block::Paragraph { html } => p { (inline::render(&(r.paragraph)(html), r.base_path)) },
                Block::Heading { text, level: 3 } => h3.na-h3 { (text) },
                Block::Heading { text, .. } => h2.na-h2 { (text) },
                Block::Image(image) => (figure(image, true, r)),
                Block::Quote { text, cite } => blockquote.na-quote {
                    p { (text) }
                    @if let Some(cite) = cite {
                        footer { cite { (cite) } }
                    }
                },
                Block::Video(v) => @match r.media.video {
                    Some(draw) => (draw(v, r)),
                    None => div.na-pending {},
                },
                Block::Gallery(g) => @match r.media.gallery {
                    Some(draw) => (draw(g, r)),
                    None => div.na-pending {},
                },
                // The first stage's reader left it (`parse_article_first`): the app's view,
                // which reads it (`read_media`), puts it in when it adopts the page.
                Block::Later(_) => div.na-pending {},
                Block::Unknown => {},
            }
        }
    }
}

/// An image with its caption and credit; width and height reserve its box. An image whose
/// source is refused renders nothing.
pub fn figure(image: &Image, lazy: bool, r: &Render) -> Markup {
    let size = image.size();
    html! {
        @if let Some(src) = (r.image_src)(&image.src) {
            figure.na-figure {
                img src=(src) alt=(image.alt) width=[size.map(|s| s.0)] height=[size.map(|s| s.1)]
                    loading=[lazy.then_some("lazy")] decoding="async";
                @if image.caption.is_some() || image.credit.is_some() {
                    figcaption {
                        @if let Some(caption) = &image.caption { (caption) }
                        @if let Some(credit) = &image.credit {
                            span.na-credit { " " (words::PHOTO_CREDIT) " " (credit) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline::Inline;

    fn render_with(f: impl FnOnce(&Render) -> Markup) -> String {
        let paragraph = |h: &str| vec![Inline::Text(format!("[{h}]"))];
        let image_src = |s: &str| contract::url::safe_href(s).map(|s| format!("/api/{s}"));
        let r = Render {
            base_path: "",
            paragraph: &paragraph,
            image_src: &image_src,
            media: crate::media::ALL,
        };
        f(&r).into_string()
    }

    #[test]
    fn each_block_kind_has_its_element() {
        let html = render_with(|r| {
            body(
                &[
                    Block::Paragraph {
                        html: "x<b>".into(),
                    },
                    Block::Heading {
                        text: "H2".into(),
                        level: 2,
                    },
                    Block::Heading {
                        text: "H3".into(),
                        level: 3,
                    },
                    Block::Heading {
                        text: "H?".into(),
                        level: 9,
                    },
                    Block::Unknown,
                    Block::Quote {
                        text: "Q".into(),
                        cite: Some("C".into()),
                    },
                    Block::Quote {
                        text: "Q2".into(),
                        cite: None,
                    },
                ],
                r,
            )
        });
        assert_eq!(
            html,
            "<p>[x&lt;b&gt;]</p><h2 class=\"na-h2\">H2</h2><h3 class=\"na-h3\">H3</h3><h2 class=\"na-h2\">H?</h2>\
             <blockquote class=\"na-quote\"><p>Q</p><footer><cite>C</cite></footer></blockquote>\
             <blockquote class=\"na-quote\"><p>Q2</p></blockquote>"
        );
    }

    #[test]
    fn figures_reserve_their_box_and_escape_everything() {
        let img = Image {
            src: "images/a.svg?x=1&y=\"2\"".into(),
            alt: "Toàn cảnh \"hội nghị\" <b>".into(),
            caption: Some("Hội nghị <script>".into()),
            credit: Some("Đại Quang".into()),
            width: Some(800),
            height: Some(450),
        };
        assert_eq!(
            render_with(|r| figure(&img, true, r)),
            "<figure class=\"na-figure\"><img src=\"/api/images/a.svg?x=1&amp;y=&quot;2&quot;\" \
             alt=\"Toàn cảnh &quot;hội nghị&quot; &lt;b&gt;\" width=\"800\" height=\"450\" \
             loading=\"lazy\" decoding=\"async\"><figcaption>Hội nghị &lt;script&gt;\
             <span class=\"na-credit\"> Ảnh: Đại Quang</span></figcaption></figure>"
        );
        let bare = Image {
            caption: None,
            credit: None,
            width: None,
            ..img.clone()
        };
        let html = render_with(|r| figure(&bare, false, r));
        assert!(
            !html.contains("figcaption") && !html.contains("width=") && !html.contains("lazy"),
            "{html}"
        );
        let hostile = Image {
            src: "javascript:alert(1)".into(),
            ..img
        };
        assert_eq!(render_with(|r| figure(&hostile, true, r)), "");
    }

    #[test]
    fn tags_link_to_their_topic_pages_under_the_base_path() {
        let json = r#"{"slug":"a","title":"T","category":{"slug":"thoi-su","name":"Thời sự"},
            "published_at":"2023-02-02T16:30:00+07:00","authors":[],"body":[],
            "tags":[{"slug":"da-nang","name":"Đà <Nẵng>"},{"slug":"../x","name":"Lạ"}]}"#;
        let a = contract::parse_article(json).unwrap();
        let image_src = |_: &str| None;
        let r = Render {
            base_path: "/tin-tuc",
            paragraph: &|_| Vec::new(),
            image_src: &image_src,
            media: crate::media::ALL,
        };
        let html = article(&a, &r).into_string();
        assert!(
            html.contains(
                "<ul class=\"na-tags\" aria-label=\"Từ khóa\"><li><a href=\"/tin-tuc/chu-de/da-nang\">\
                 Đà &lt;Nẵng&gt;</a></li><li>Lạ</li></ul>"
            ),
            "{html}"
        );
    }

    #[test]
    fn a_category_slug_that_could_leave_the_site_is_not_linked() {
        let json = r#"{"slug":"a","title":"T","category":{"slug":"//evil.example","name":"Tin"},
            "published_at":"2023-02-02T16:30:00+07:00","authors":[],"body":[]}"#;
        let html = render_with(|r| article(&contract::parse_article(json).unwrap(), r));
        assert!(!html.contains("evil.example"), "{html}");
        assert!(html.contains("<li>Tin</li>"), "{html}");
        let good = json.replace("//evil.example", "xa-hoi");
        let html = render_with(|r| article(&contract::parse_article(&good).unwrap(), r));
        assert!(html.contains("<a href=\"/xa-hoi\">Tin</a>"), "{html}");
    }
}
