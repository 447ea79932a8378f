//! Lists of articles: the «Đọc nhiều» ranking, the front and category pages' lists and the
//! related articles. An item whose slugs could not form a link is skipped.

use contract::Summary;
use maud::{html, Markup};

use crate::render::Render;
use crate::time::time;

/// The «Đọc nhiều» items: rank (hidden from screen readers, the list says it), thumbnail
/// (its box reserved, loaded lazily), title, each a link.
pub fn ranked(items: &[Summary], r: &Render) -> Markup {
    html! {
        ol.na-rank {
            @for (i, s) in items.iter().filter(|s| s.is_linkable()).enumerate() {
                li {
                    a href=(s.path(r.base_path)) {
                        span.na-rank-n aria-hidden="true" { (i + 1) }
                        @if let Some(t) = &s.thumbnail {
                            @if let Some(src) = (r.image_src)(&t.src) {
                                @let size = crate::article::size(t);
                                img src=(src) alt="" width=[size.map(|s| s.0)]
                                    height=[size.map(|s| s.1)] loading="lazy" decoding="async";
                            }
                        }
                        span.na-rank-title { (s.title) }
                    }
                }
            }
        }
    }
}

/// A list of articles (front page, related): title as a link, time, lead when present.
pub fn summaries(items: &[Summary], base_path: &str, class: &str) -> Markup {
    html! {
        ol class=(class) {
            @for s in items.iter().filter(|s| s.is_linkable()) {
                li {
                    h2.na-list-title { a href=(s.path(base_path)) { (s.title) } }
                    @if let Some(t) = &s.published_at {
                        (time(t, contract::time::format_vietnam_short))
                    }
                    @if let Some(lead) = &s.lead {
                        p { (lead) }
                    }
                }
            }
        }
    }
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
