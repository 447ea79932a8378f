//! Lists of articles: the «Đọc nhiều» ranking, the front and category pages' lists and the
//! related articles. An item whose slugs could not form a link is skipped.

use contract::Summary;
use maud::{Markup, PreEscaped};

use crate::render::Render;
use crate::time::time;
use crate::write::{attr, esc, size};

/// The «Đọc nhiều» items: rank (hidden from screen readers, the list says it), thumbnail
/// (its box reserved, loaded lazily), title, each a link.
pub fn ranked(items: &[Summary], r: &Render) -> Markup {
    let mut out = String::from("<ol class=\"na-rank\">");
    for (i, s) in items.iter().filter(|s| s.is_linkable()).enumerate() {
        out.push_str("<li><a");
        attr(&mut out, "href", &s.path(r.base_path));
        out.push_str(&format!(
            "><span class=\"na-rank-n\" aria-hidden=\"true\">{}</span>",
            i + 1
        ));
        if let Some(t) = &s.thumbnail {
            if let Some(src) = (r.image_src)(&t.src) {
                out.push_str("<img");
                attr(&mut out, "src", &src);
                out.push_str(" alt=\"\"");
                size(&mut out, t);
                out.push_str(" loading=\"lazy\" decoding=\"async\">");
            }
        }
        out.push_str("<span class=\"na-rank-title\">");
        esc(&mut out, &s.title);
        out.push_str("</span></a></li>");
    }
    out.push_str("</ol>");
    PreEscaped(out)
}

/// A list of articles (front page, related): title as a link, time, lead when present.
pub fn summaries(items: &[Summary], base_path: &str, class: &str) -> Markup {
    let mut out = String::new();
    write_summaries(&mut out, items, base_path, class);
    PreEscaped(out)
}

/// Appends [`summaries`]' list.
pub(crate) fn write_summaries(out: &mut String, items: &[Summary], base_path: &str, class: &str) {
    out.push_str("<ol");
    attr(out, "class", class);
    out.push('>');
    for s in items.iter().filter(|s| s.is_linkable()) {
        out.push_str("<li><h2 class=\"na-list-title\"><a");
        attr(out, "href", &s.path(base_path));
        out.push('>');
        esc(out, &s.title);
        out.push_str("</a></h2>");
        if let Some(t) = &s.published_at {
            time(out, t, contract::time::format_vietnam_short);
        }
        if let Some(lead) = &s.lead {
            out.push_str("<p>");
            esc(out, lead);
            out.push_str("</p>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::{Category, Image};

    fn summary(slug: &str, thumb: bool) -> Summary {
        Summary {
            slug: slug.into(),
            title: format!("Tin <{slug}>"),
            category: Some(Category {
                slug: "kinh-te".into(),
                name: "Kinh tế".into(),
            }),
            published_at: Some("2023-02-01T20:15:00Z".into()),
            thumbnail: thumb.then(|| Image {
                src: "images/t.svg".into(),
                alt: "ignored".into(),
                caption: None,
                credit: None,
                width: Some(120),
                height: Some(80),
            }),
            lead: None,
        }
    }

    #[test]
    fn ranked_items_link_number_and_reserve_their_thumbnail() {
        let r = Render {
            base_path: "/tin",
            paragraph: &|_| Vec::new(),
            image_src: &|s| Some(format!("/api/{s}")),
        };
        let mut unlinkable = summary("Bad Slug", true);
        unlinkable.title = "x".into();
        let html = ranked(&[summary("a", true), unlinkable, summary("b", false)], &r).into_string();
        assert_eq!(
            html,
            "<ol class=\"na-rank\"><li><a href=\"/tin/kinh-te/a\"><span class=\"na-rank-n\" \
             aria-hidden=\"true\">1</span><img src=\"/api/images/t.svg\" alt=\"\" width=\"120\" \
             height=\"80\" loading=\"lazy\" decoding=\"async\"><span class=\"na-rank-title\">Tin \
             &lt;a&gt;</span></a></li><li><a href=\"/tin/kinh-te/b\"><span class=\"na-rank-n\" \
             aria-hidden=\"true\">2</span><span class=\"na-rank-title\">Tin &lt;b&gt;</span></a></li></ol>"
        );
    }

    #[test]
    fn summaries_escape_and_show_vietnam_time() {
        assert_eq!(
            summaries(&[summary("a", false)], "", "na-list").into_string(),
            "<ol class=\"na-list\"><li><h2 class=\"na-list-title\"><a href=\"/kinh-te/a\">Tin \
             &lt;a&gt;</a></h2><time datetime=\"2023-02-01T20:15:00Z\">02/02/2023 03:15</time>\
             </li></ol>"
        );
    }
}
