//! Lists of articles: the «Đọc nhiều» ranking, the front and category pages' lists and the
//! related articles. An item whose slugs could not form a link is skipped.

use contract::paths::home_path;
use contract::Summary;
use maud::{html, Markup};

use crate::render::Render;
use crate::time::time;
use crate::words;

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
                                @let size = t.size();
                                img src=(src) alt="" width=[size.map(|s| s.0)]
                                    height=[size.map(|s| s.1)] loading="lazy" decoding="async";
                            }
                        }
                        span.na-rank-title { (crate::format::mark(s.format)) (s.title) }
                    }
                }
            }
        }
    }
}

/// A list of articles (front page, related): title as a link, time, lead when present.
pub fn summaries(items: &[Summary], base_path: &str, class: &str) -> Markup {
    html! {
        ol class=(class) { (summary_items(items, base_path)) }
    }
}

/// The items of [`summaries`], also what «Xem thêm» adds to a list shown.
pub fn summary_items(items: &[Summary], base_path: &str) -> Markup {
    html! {
        @for s in items.iter().filter(|s| s.is_linkable()) {
            li {
                h2.na-list-title {
                    a href=(s.path(base_path)) { (crate::format::mark(s.format)) (s.title) }
                }
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

/// The front page or a category page: the breadcrumb, the heading, the pages of the list
/// loaded so far and, when the list has more (`more`), «Xem thêm» (served by the app) and
/// the live region that says what it brought.
pub fn front(heading: &str, items: &[Summary], base_path: &str, more: bool) -> Markup {
    html! {
        section.na-front aria-labelledby="na-title" {
            (home_crumb(base_path))
            h1.na-title #na-title tabindex="-1" { (heading) }
            @if items.is_empty() {
                p { (words::EMPTY_LIST) }
            }
            (summaries(items, base_path, "na-list"))
            @if more {
                button.na-button.na-more type="button" { (words::MORE) }
                p.na-list-status role="status" {}
            }
        }
    }
}

/// The breadcrumb of a page under the front page: «Trang chủ», a link home.
pub fn home_crumb(base_path: &str) -> Markup {
    html! {
        nav.na-breadcrumb aria-label=(words::BREADCRUMB) {
            ol { li { a href=(home_path(base_path)) { (words::HOME) } } }
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
            format: None,
        }
    }

    #[test]
    fn ranked_items_link_number_and_reserve_their_thumbnail() {
        let r = Render {
            base_path: "/tin",
            paragraph: &|_| Vec::new(),
            image_src: &|s| Some(format!("/api/{s}")),
            media: crate::media::ALL,
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
    fn a_list_with_more_pages_offers_them() {
        let more = front("Kinh <tế>", &[summary("a", false)], "/tin", true).into_string();
        assert!(more.starts_with(
            "<section class=\"na-front\" aria-labelledby=\"na-title\"><nav class=\"na-breadcrumb\" \
             aria-label=\"Đường dẫn\"><ol><li><a href=\"/tin/\">Trang chủ</a></li></ol></nav>\
             <h1 class=\"na-title\" id=\"na-title\" tabindex=\"-1\">Kinh &lt;tế&gt;</h1>\
             <ol class=\"na-list\"><li><h2 class=\"na-list-title\"><a href=\"/tin/kinh-te/a\">"
        ));
        assert!(more.ends_with(
            "</ol><button class=\"na-button na-more\" type=\"button\">Xem thêm</button>\
             <p class=\"na-list-status\" role=\"status\"></p></section>"
        ));
        let last = front("Tin mới", &[], "", false).into_string();
        assert!(last.contains("<p>Chưa có bài viết nào.</p><ol class=\"na-list\"></ol></section>"));
        assert!(!last.contains("button"));
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

    #[test]
    fn a_listed_format_is_an_icon_and_a_word_before_the_title_in_every_list() {
        let mut video = summary("a", false);
        video.format = Some(contract::Format::Video);
        let mut live = summary("b", false);
        live.format = Some(contract::Format::Live);
        let items = [video, live, summary("c", false)];
        let list = summaries(&items, "", "na-list").into_string();
        assert!(
            list.contains(
                "<a href=\"/kinh-te/a\"><span class=\"na-format na-format-video\" \
                 aria-hidden=\"true\"></span><span class=\"na-visually-hidden\">Video </span>\
                 Tin &lt;a&gt;</a>"
            ),
            "{list}"
        );
        assert!(list.contains(">Trực tiếp </span>Tin &lt;b&gt;"), "{list}");
        assert_eq!(list.matches("na-format ").count(), 2, "{list}");
        let r = Render {
            base_path: "",
            paragraph: &|_| Vec::new(),
            image_src: &|_| None,
            media: crate::media::ALL,
        };
        let rank = ranked(&items, &r).into_string();
        assert!(
            rank.contains(
                "<span class=\"na-rank-title\"><span class=\"na-format na-format-video\""
            ),
            "{rank}"
        );
    }
}
