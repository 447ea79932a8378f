//! The article: breadcrumb «Trang chủ › category», category label, title (`h1#na-title`,
//! focusable for in-app navigation), time, lead, hero, body (an element per known block;
//! nothing for an unknown one), byline, tags and related articles. The body is static once
//! shown, so the app sets it with one `innerHTML` instead of a Leptos view per block (a view
//! type per block kind cost the wasm about 4 KB brotli).

use contract::{Article, Block, Image, Summary};
use maud::{Markup, PreEscaped};

use crate::inline;
use crate::lists::write_summaries;
use crate::render::Render;
use crate::time::time;
use crate::words;
use crate::write::{attr, esc, size};

/// The inside of the article's `<article>` element.
pub fn article(a: &Article, r: &Render) -> Markup {
    let base = r.base_path;
    let mut out = String::from("<nav class=\"na-breadcrumb\"");
    attr(&mut out, "aria-label", words::BREADCRUMB);
    out.push_str("><ol><li><a");
    attr(&mut out, "href", &contract::paths::home_path(base));
    out.push('>');
    esc(&mut out, words::HOME);
    out.push_str("</a></li><li>");
    // A category slug outside the contract's alphabet (`//evil.example`) would make a link
    // to another host: such a category is named, not linked.
    if contract::is_valid_slug(&a.category.slug) {
        out.push_str("<a");
        attr(
            &mut out,
            "href",
            &contract::paths::category_path(base, &a.category.slug),
        );
        out.push('>');
        esc(&mut out, &a.category.name);
        out.push_str("</a>");
    } else {
        esc(&mut out, &a.category.name);
    }
    out.push_str("</li></ol></nav><header class=\"na-header\"><p class=\"na-category\">");
    esc(&mut out, &a.category.name);
    out.push_str("</p><h1 id=\"na-title\" class=\"na-title\" tabindex=\"-1\">");
    esc(&mut out, &a.title);
    out.push_str("</h1><p class=\"na-meta\">");
    time(
        &mut out,
        &a.published_at,
        contract::time::format_vietnam_datetime,
    );
    out.push_str("</p>");
    if let Some(lead) = &a.lead {
        out.push_str("<p class=\"na-lead\">");
        esc(&mut out, lead);
        out.push_str("</p>");
    }
    out.push_str("</header>");
    if let Some(hero) = &a.hero {
        // The hero is the first thing seen: loaded at once.
        write_figure(&mut out, hero, false, r);
    }
    out.push_str("<div class=\"na-body\">");
    write_body(&mut out, &a.body, r);
    out.push_str("</div><footer class=\"na-footer\">");
    if !a.authors.is_empty() {
        out.push_str("<p class=\"na-byline\"><span class=\"na-visually-hidden\">");
        esc(&mut out, words::AUTHORS);
        out.push_str(": </span>");
        for (i, author) in a.authors.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            esc(&mut out, &author.name);
        }
        out.push_str("</p>");
    }
    if !a.tags.is_empty() {
        out.push_str("<ul class=\"na-tags\"");
        attr(&mut out, "aria-label", words::TAGS);
        out.push('>');
        for tag in &a.tags {
            out.push_str("<li>");
            esc(&mut out, &tag.name);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</footer>");
    if a.related.iter().any(Summary::is_linkable) {
        out.push_str("<section class=\"na-related\" aria-labelledby=\"na-related-title\"><h2 id=\"na-related-title\">");
        esc(&mut out, words::RELATED);
        out.push_str("</h2>");
        write_summaries(&mut out, &a.related, base, "na-related-list");
        out.push_str("</section>");
    }
    PreEscaped(out)
}

/// The body: one element per known block, nothing for an unknown one.
pub fn body(blocks: &[Block], r: &Render) -> Markup {
    let mut out = String::new();
    write_body(&mut out, blocks, r);
    PreEscaped(out)
}

fn write_body(out: &mut String, blocks: &[Block], r: &Render) {
    for block in blocks {
        match block {
            Block::Paragraph { html } => {
                out.push_str("<p>");
                inline::write(&(r.paragraph)(html), r.base_path, out);
                out.push_str("</p>");
            }
            Block::Heading { text, level } => {
                let (open, close) = if *level == 3 {
                    ("<h3 class=\"na-h3\">", "</h3>")
                } else {
                    ("<h2 class=\"na-h2\">", "</h2>")
                };
                out.push_str(open);
                esc(out, text);
                out.push_str(close);
            }
            Block::Image(image) => write_figure(out, image, true, r),
            Block::Quote { text, cite } => {
                out.push_str("<blockquote class=\"na-quote\"><p>");
                esc(out, text);
                out.push_str("</p>");
                if let Some(cite) = cite {
                    out.push_str("<footer><cite>");
                    esc(out, cite);
                    out.push_str("</cite></footer>");
                }
                out.push_str("</blockquote>");
            }
            Block::Unknown => {}
        }
    }
}

/// An image with its caption and credit; width and height reserve its box. An image whose
/// source is refused renders nothing.
pub fn figure(image: &Image, lazy: bool, r: &Render) -> Markup {
    let mut out = String::new();
    write_figure(&mut out, image, lazy, r);
    PreEscaped(out)
}

fn write_figure(out: &mut String, image: &Image, lazy: bool, r: &Render) {
    let Some(src) = (r.image_src)(&image.src) else {
        return;
    };
    out.push_str("<figure class=\"na-figure\"><img");
    attr(out, "src", &src);
    attr(out, "alt", &image.alt);
    size(out, image);
    if lazy {
        out.push_str(" loading=\"lazy\"");
    }
    out.push_str(" decoding=\"async\">");
    if image.caption.is_some() || image.credit.is_some() {
        out.push_str("<figcaption>");
        if let Some(caption) = &image.caption {
            esc(out, caption);
        }
        if let Some(credit) = &image.credit {
            out.push_str("<span class=\"na-credit\"> ");
            esc(out, words::PHOTO_CREDIT);
            out.push(' ');
            esc(out, credit);
            out.push_str("</span>");
        }
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>");
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
