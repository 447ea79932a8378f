//! Article blocks written as HTML text. The body is static once shown, so the app sets it
//! with one `innerHTML` instead of building a Leptos view per block: a view type per block
//! kind cost the wasm about 4 KB brotli, and one parse of the finished markup is also what
//! the browser does fastest. Every text is escaped here; paragraph HTML and image sources
//! come through the app's sanitiser and URL check (`Render`), so nothing else can get in.

use crate::html::escape_into;
use crate::{Article, Block, Comment, CommentPage, Image, Summary};

/// What the markup needs from the app.
pub struct Render<'a> {
    /// Safe HTML for a paragraph's untrusted inline HTML (the browser-side sanitiser).
    pub paragraph: &'a dyn Fn(&str) -> String,
    /// The URL to load for an image `src`, or `None` if it is not an http(s) or relative URL.
    pub image_src: &'a dyn Fn(&str) -> Option<String>,
    /// Words before a photo credit («Ảnh:»).
    pub credit_prefix: &'a str,
    /// The other words the article shows around its content.
    pub words: Words<'a>,
}

impl<'a> Render<'a> {
    /// A `Render` in the app's locale (`crate::text`), with the caller's parser-backed
    /// sanitiser and image URL rule: the browser's in the app, html5ever's in the prerenderer.
    pub fn new(
        paragraph: &'a dyn Fn(&str) -> String,
        image_src: &'a dyn Fn(&str) -> Option<String>,
    ) -> Self {
        Render {
            paragraph,
            image_src,
            credit_prefix: crate::text::PHOTO_CREDIT,
            words: crate::text::WORDS,
        }
    }
}

/// The app's words for the article's frame (the app's locale; the contract has none).
#[derive(Clone, Copy, Default)]
pub struct Words<'a> {
    /// The breadcrumb's first item («Trang chủ»).
    pub home: &'a str,
    /// The breadcrumb landmark's label.
    pub breadcrumb: &'a str,
    /// Said (to screen readers) before the byline.
    pub authors: &'a str,
    /// The tag list's label.
    pub tags: &'a str,
    /// The related articles' heading.
    pub related: &'a str,
}

/// Appends the whole article: breadcrumb «Trang chủ › category», category label, title
/// (`h1#na-title`, focusable for in-app navigation), time, lead, hero, body, byline, tags
/// and related articles, inside the caller's `<article>`.
pub fn article(a: &Article, base: &str, r: &Render, out: &mut String) {
    let w = &r.words;
    let category_path = crate::routes::category_path(base, &a.category.slug);
    out.push_str("<nav class=\"na-breadcrumb\" aria-label=\"");
    escape_into(out, w.breadcrumb);
    out.push_str("\"><ol><li><a href=\"");
    escape_into(out, &crate::routes::home_path(base));
    out.push_str("\">");
    escape_into(out, w.home);
    out.push_str("</a></li><li><a href=\"");
    escape_into(out, &category_path);
    out.push_str("\">");
    escape_into(out, &a.category.name);
    out.push_str("</a></li></ol></nav><header class=\"na-header\"><p class=\"na-category\">");
    escape_into(out, &a.category.name);
    out.push_str("</p><h1 id=\"na-title\" class=\"na-title\" tabindex=\"-1\">");
    escape_into(out, &a.title);
    out.push_str("</h1><p class=\"na-meta\">");
    time(out, &a.published_at, crate::time::format_vietnam_datetime);
    out.push_str("</p>");
    if let Some(lead) = &a.lead {
        out.push_str("<p class=\"na-lead\">");
        escape_into(out, lead);
        out.push_str("</p>");
    }
    out.push_str("</header>");
    if let Some(hero) = &a.hero {
        // The hero is the first thing seen: loaded at once.
        figure(hero, false, r, out);
    }
    out.push_str("<div class=\"na-body\">");
    body(&a.body, r, out);
    out.push_str("</div><footer class=\"na-footer\">");
    if !a.authors.is_empty() {
        out.push_str("<p class=\"na-byline\"><span class=\"na-visually-hidden\">");
        escape_into(out, w.authors);
        out.push_str(": </span>");
        for (i, author) in a.authors.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            escape_into(out, &author.name);
        }
        out.push_str("</p>");
    }
    if !a.tags.is_empty() {
        out.push_str("<ul class=\"na-tags\" aria-label=\"");
        escape_into(out, w.tags);
        out.push_str("\">");
        for tag in &a.tags {
            out.push_str("<li>");
            escape_into(out, &tag.name);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</footer>");
    if a.related.iter().any(Summary::is_linkable) {
        out.push_str("<section class=\"na-related\" aria-labelledby=\"na-related-title\"><h2 id=\"na-related-title\">");
        escape_into(out, w.related);
        out.push_str("</h2>");
        summaries(&a.related, base, "na-related-list", out);
        out.push_str("</section>");
    }
}

/// Appends an article page as the app lays it out (`app::App`), for a page prerendered
/// before any script runs: article, comments (without the form, which needs the app), and
/// the «Đọc nhiều» sidebar. The root carries `data-news-static="slug"`, which the app looks
/// for to take the page over.
pub fn prerendered(
    a: &Article,
    most_read: &[Summary],
    comments: Option<&CommentPage>,
    base: &str,
    r: &Render,
    out: &mut String,
) {
    use crate::text;
    out.push_str("<div class=\"news-app\" lang=\"vi\" data-news-static=\"");
    escape_into(out, &a.slug);
    out.push_str("\"><div class=\"na-layout\"><div class=\"na-main\"><article class=\"na-article\" aria-labelledby=\"na-title\">");
    article(a, base, r, out);
    out.push_str("</article>");
    if a.comments_enabled() {
        out.push_str("<section class=\"na-comments\" aria-labelledby=\"na-comments-title\"><h2 id=\"na-comments-title\" class=\"na-section-title\">");
        out.push_str(text::COMMENTS);
        let total = comments
            .map(|c| c.total)
            .or(a.comments.as_ref().map(|c| c.count));
        if let Some(n) = total {
            out.push_str(&format!(" ({n})"));
        }
        out.push_str("</h2>");
        if let Some(page) = comments {
            out.push_str("<ol class=\"na-comment-list\">");
            self::comments(&page.items, out);
            out.push_str("</ol>");
            if page.items.is_empty() {
                out.push_str("<p class=\"na-empty\">");
                out.push_str(text::NO_COMMENTS);
                out.push_str("</p>");
            }
        }
        out.push_str("</section>");
    } else {
        out.push_str("<section class=\"na-comments\"><p class=\"na-comments-off\">");
        out.push_str(text::COMMENTS_OFF);
        out.push_str("</p></section>");
    }
    out.push_str("</div><aside class=\"na-aside\"><section class=\"na-most-read\" aria-labelledby=\"na-most-read-title\"><h2 id=\"na-most-read-title\" class=\"na-aside-title\">");
    out.push_str(text::MOST_READ);
    out.push_str("</h2><div>");
    ranked(most_read, base, r, out);
    out.push_str("</div></section></aside></div></div>");
}

/// Appends the body: one element per known block, nothing for an unknown one.
pub fn body(blocks: &[Block], r: &Render, out: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph { html } => {
                out.push_str("<p>");
                out.push_str(&(r.paragraph)(html));
                out.push_str("</p>");
            }
            Block::Heading { text, level } => {
                let (open, close) = if *level == 3 {
                    ("<h3 class=\"na-h3\">", "</h3>")
                } else {
                    ("<h2 class=\"na-h2\">", "</h2>")
                };
                out.push_str(open);
                escape_into(out, text);
                out.push_str(close);
            }
            Block::Image(image) => figure(image, true, r, out),
            Block::Quote { text, cite } => {
                out.push_str("<blockquote class=\"na-quote\"><p>");
                escape_into(out, text);
                out.push_str("</p>");
                if let Some(cite) = cite {
                    out.push_str("<footer><cite>");
                    escape_into(out, cite);
                    out.push_str("</cite></footer>");
                }
                out.push_str("</blockquote>");
            }
            Block::Unknown => {}
        }
    }
}

/// Appends an image with its caption and credit; width and height reserve its box. An image
/// whose source is refused renders nothing.
pub fn figure(image: &Image, lazy: bool, r: &Render, out: &mut String) {
    let Some(src) = (r.image_src)(&image.src) else {
        return;
    };
    out.push_str("<figure class=\"na-figure\"><img src=\"");
    escape_into(out, &src);
    out.push_str("\" alt=\"");
    escape_into(out, &image.alt);
    out.push('"');
    if let (Some(w), Some(h)) = (image.width, image.height) {
        out.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
    }
    if lazy {
        out.push_str(" loading=\"lazy\"");
    }
    out.push_str(" decoding=\"async\">");
    if image.caption.is_some() || image.credit.is_some() {
        out.push_str("<figcaption>");
        if let Some(caption) = &image.caption {
            escape_into(out, caption);
        }
        if let Some(credit) = &image.credit {
            out.push_str("<span class=\"na-credit\"> ");
            escape_into(out, r.credit_prefix);
            out.push(' ');
            escape_into(out, credit);
            out.push_str("</span>");
        }
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(blocks: &[Block]) -> String {
        let r = Render {
            paragraph: &|h| format!("[{h}]"),
            image_src: &|s| crate::html::safe_href(s).map(|s| format!("/api/{s}")),
            credit_prefix: "Ảnh:",
            words: Words::default(),
        };
        let mut out = String::new();
        body(blocks, &r, &mut out);
        out
    }

    #[test]
    fn each_block_kind_has_its_element() {
        let html = render(&[
            Block::Paragraph { html: "x".into() },
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
        ]);
        assert_eq!(
            html,
            "<p>[x]</p><h2 class=\"na-h2\">H2</h2><h3 class=\"na-h3\">H3</h3><h2 class=\"na-h2\">H?</h2>\
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
            render(&[Block::Image(img.clone())]),
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
        let html = render(&[Block::Image(bare)]);
        assert!(
            !html.contains("figcaption") && !html.contains("width="),
            "{html}"
        );
        let hostile = Image {
            src: " javascript:alert(1)".into(),
            ..img
        };
        assert_eq!(render(&[Block::Image(hostile)]), "");
    }
}

/// Appends a link to an article under `base_path`, with already-escaped inner HTML.
fn link(out: &mut String, summary: &Summary, base_path: &str, inner: impl FnOnce(&mut String)) {
    out.push_str("<a href=\"");
    escape_into(out, &summary.path(base_path));
    out.push_str("\">");
    inner(out);
    out.push_str("</a>");
}

/// The «Đọc nhiều» items: rank (hidden from screen readers, the list says it), thumbnail
/// (its box reserved, loaded lazily), title, each a link. Unlinkable items are skipped.
pub fn ranked(items: &[Summary], base_path: &str, r: &Render, out: &mut String) {
    out.push_str("<ol class=\"na-rank\">");
    for (i, s) in items.iter().filter(|s| s.is_linkable()).enumerate() {
        out.push_str("<li>");
        link(out, s, base_path, |out| {
            out.push_str(&format!(
                "<span class=\"na-rank-n\" aria-hidden=\"true\">{}</span>",
                i + 1
            ));
            if let Some(t) = &s.thumbnail {
                if let Some(src) = (r.image_src)(&t.src) {
                    out.push_str("<img src=\"");
                    escape_into(out, &src);
                    out.push_str("\" alt=\"\"");
                    if let (Some(w), Some(h)) = (t.width, t.height) {
                        out.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
                    }
                    out.push_str(" loading=\"lazy\" decoding=\"async\">");
                }
            }
            out.push_str("<span class=\"na-rank-title\">");
            escape_into(out, &s.title);
            out.push_str("</span>");
        });
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

/// A list of articles (front page, related): title as a link, time, lead when present.
pub fn summaries(items: &[Summary], base_path: &str, class: &str, out: &mut String) {
    out.push_str("<ol class=\"");
    out.push_str(class);
    out.push_str("\">");
    for s in items.iter().filter(|s| s.is_linkable()) {
        out.push_str("<li><h2 class=\"na-list-title\">");
        link(out, s, base_path, |out| escape_into(out, &s.title));
        out.push_str("</h2>");
        if let Some(t) = &s.published_at {
            time(out, t, crate::time::format_vietnam_short);
        }
        if let Some(lead) = &s.lead {
            out.push_str("<p>");
            escape_into(out, lead);
            out.push_str("</p>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

/// Appends `<time datetime>` with the Vietnam time, or nothing for a malformed timestamp.
pub fn time(out: &mut String, rfc3339: &str, format: fn(&str) -> Option<String>) {
    if let Some(shown) = format(rfc3339) {
        out.push_str("<time datetime=\"");
        escape_into(out, rfc3339);
        out.push_str("\">");
        out.push_str(&shown);
        out.push_str("</time>");
    }
}

/// Comments as list items: author, time, and the body as plain text (line breaks are kept
/// by CSS `white-space: pre-line`; nothing in it is markup).
pub fn comments(items: &[Comment], out: &mut String) {
    for c in items {
        out.push_str("<li class=\"na-comment\"><p class=\"na-comment-meta\"><strong>");
        escape_into(out, &c.author_name);
        out.push_str("</strong> ");
        time(out, &c.created_at, crate::time::format_vietnam_short);
        out.push_str("</p><p class=\"na-comment-body\">");
        escape_into(out, &c.body);
        out.push_str("</p></li>");
    }
}

#[cfg(test)]
mod list_tests {
    use super::*;
    use crate::{Category, Image};

    fn summary(slug: &str, thumb: bool) -> Summary {
        Summary {
            slug: slug.into(),
            title: format!("Tin <{slug}>"),
            category: Some(Category {
                slug: "kinh-te".into(),
                name: "Kinh Tế".into(),
            }),
            published_at: Some("2023-02-01T20:15:00Z".into()),
            thumbnail: thumb.then(|| Image {
                src: "images/t.svg".into(),
                alt: "x".into(),
                caption: None,
                credit: None,
                width: Some(160),
                height: Some(90),
            }),
            lead: None,
        }
    }

    #[test]
    fn ranked_items_are_numbered_links_with_reserved_thumbnails() {
        let r = Render {
            paragraph: &|h| h.to_string(),
            image_src: &|s| Some(format!("/api/{s}")),
            credit_prefix: "",
            words: Words::default(),
        };
        let mut bad = summary("x", false);
        bad.category = None;
        let mut out = String::new();
        ranked(
            &[summary("a", true), bad, summary("b", false)],
            "/tin",
            &r,
            &mut out,
        );
        assert_eq!(
            out,
            "<ol class=\"na-rank\"><li><a href=\"/tin/kinh-te/a\"><span class=\"na-rank-n\" \
             aria-hidden=\"true\">1</span><img src=\"/api/images/t.svg\" alt=\"\" width=\"160\" \
             height=\"90\" loading=\"lazy\" decoding=\"async\"><span class=\"na-rank-title\">Tin \
             &lt;a&gt;</span></a></li><li><a href=\"/tin/kinh-te/b\"><span class=\"na-rank-n\" \
             aria-hidden=\"true\">2</span><span class=\"na-rank-title\">Tin &lt;b&gt;</span></a>\
             </li></ol>"
        );
    }

    #[test]
    fn summaries_and_comments_escape_and_show_vietnam_time() {
        let mut out = String::new();
        summaries(&[summary("a", false)], "", "na-list", &mut out);
        assert_eq!(
            out,
            "<ol class=\"na-list\"><li><h2 class=\"na-list-title\"><a href=\"/kinh-te/a\">Tin \
             &lt;a&gt;</a></h2><time datetime=\"2023-02-01T20:15:00Z\">02/02/2023 03:15</time>\
             </li></ol>"
        );
        let mut out = String::new();
        comments(
            &[Comment {
                id: "c-1".into(),
                author_name: "<b>An</b>".into(),
                body: "Dòng 1\n<script>x</script>".into(),
                created_at: "bad".into(),
                likes: Some(3),
            }],
            &mut out,
        );
        assert_eq!(
            out,
            "<li class=\"na-comment\"><p class=\"na-comment-meta\"><strong>&lt;b&gt;An&lt;/b&gt;\
             </strong> </p><p class=\"na-comment-body\">Dòng 1\n&lt;script&gt;x&lt;/script&gt;</p></li>"
        );
    }
}
