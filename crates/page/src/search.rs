//! Search (v3): the box, on every page of the app, and the results page: how many were
//! found, each result as a list shows an article, with the words that matched marked
//! (`<mark>`) from the matched ranges the answer gives, never from markup in the data.

use contract::paths::SEARCH_QUERY_PARAM;
use contract::{SearchResult, Summary};
use maud::{html, Markup};

use crate::lists::home_crumb;
use crate::render::Render;
use crate::time::time;
use crate::words;

/// A lead longer than this many characters is cut short in a result (at a space).
pub const LEAD_CHARS: usize = 160;

/// The search box: a form that asks for `{base}/tim-kiem?q=…` (`action`, where known; the
/// app serves its submit in place), its field labelled and holding `query`.
pub fn search_box(action: Option<&str>, query: &str) -> Markup {
    html! {
        form.na-search role="search" action=[action] method="get" {
            label.na-visually-hidden for="na-q" { (words::SEARCH) }
            input #na-q type="search" name=(SEARCH_QUERY_PARAM) value=(query)
                placeholder=(words::SEARCH_PLACEHOLDER) autocomplete="off" enterkeyhint="search";
            button.na-button type="submit" { (words::SEARCH_GO) }
        }
    }
}

/// The search page while its results' code and the first results come: where they go,
/// with the loading line.
pub fn pending() -> Markup {
    html! {
        div.na-search-page { p.na-status role="status" { (words::LOADING) } }
    }
}

/// `text` with the characters of `ranges` (`[start, end)` in chars, in order) marked.
/// Ranges out of order, overlapping or past the end are skipped, never a panic.
pub fn marked(text: &str, ranges: &[[u32; 2]]) -> Markup {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0usize;
    let mut parts: Vec<(String, bool)> = Vec::new();
    for &[start, end] in ranges {
        let (start, end) = (start as usize, end as usize);
        if start < at || end <= start || end > chars.len() {
            continue;
        }
        parts.push((chars[at..start].iter().collect(), false));
        parts.push((chars[start..end].iter().collect(), true));
        at = end;
    }
    parts.push((chars[at..].iter().collect(), false));
    html! {
        @for (part, mark) in parts {
            @if mark { mark { (part) } } @else { (part) }
        }
    }
}

/// `lead` cut to about [`LEAD_CHARS`] characters at a space, with «…», and its ranges kept
/// to what is left.
pub fn cut_lead(lead: &str, ranges: &[[u32; 2]]) -> (String, Vec<[u32; 2]>) {
    let chars: Vec<char> = lead.chars().collect();
    if chars.len() <= LEAD_CHARS {
        return (lead.to_string(), ranges.to_vec());
    }
    let end = chars[..LEAD_CHARS]
        .iter()
        .rposition(|c| c.is_whitespace())
        .filter(|&i| i > LEAD_CHARS / 2)
        .unwrap_or(LEAD_CHARS);
    let mut text: String = chars[..end].iter().collect();
    text.push('…');
    let kept = ranges
        .iter()
        .copied()
        .filter(|&[_, e]| e as usize <= end)
        .collect();
    (text, kept)
}

/// The results as list items: the thumbnail, the title (a link, its matched words marked),
/// the category and the time, the lead cut short (its matched words marked). Also what
/// «Xem thêm» adds to the list.
pub fn result_items(items: &[SearchResult], r: &Render) -> Markup {
    html! {
        @for found in items.iter().filter(|f| f.summary.is_linkable()) {
            @let s = &found.summary;
            li.na-result {
                (thumbnail(s, r))
                h2.na-list-title {
                    a href=(s.path(r.base_path)) {
                        (crate::format::mark(s.format)) (marked(&s.title, &found.matches.title))
                    }
                }
                p.na-result-meta {
                    @if let Some(c) = &s.category { span.na-category { (c.name) } " " }
                    @if let Some(t) = &s.published_at {
                        (time(t, contract::time::format_vietnam_short))
                    }
                }
                @if let Some(lead) = &s.lead {
                    @let (lead, ranges) = cut_lead(lead, &found.matches.lead);
                    p { (marked(&lead, &ranges)) }
                }
            }
        }
    }
}

/// A result's thumbnail, its box reserved, loaded lazily; decorative (the title says it).
fn thumbnail(s: &Summary, r: &Render) -> Markup {
    html! {
        @if let Some(t) = &s.thumbnail {
            @if let Some(src) = (r.image_src)(&t.src) {
                @let size = t.size();
                img.na-result-thumb src=(src) alt="" width=[size.map(|s| s.0)]
                    height=[size.map(|s| s.1)] loading="lazy" decoding="async";
            }
        }
    }
}

/// The results page for `query`: the count («Tìm thấy N kết quả cho “…”»), the results
/// shown so far and «Xem thêm» when there are more; «Không tìm thấy kết quả phù hợp» and a
/// hint when nothing matched.
pub fn results(query: &str, total: u32, items: &[SearchResult], more: bool, r: &Render) -> Markup {
    html! {
        section.na-found aria-labelledby="na-title" {
            (home_crumb(r.base_path))
            h1.na-title #na-title tabindex="-1" { (words::SEARCH) }
            @if total == 0 {
                p.na-found-count { strong { (words::NOTHING_FOUND) } }
                p.na-found-hint { (words::NOTHING_FOUND_HINT) }
            } @else {
                p.na-found-count {
                    (words::FOUND) " " (total) " " (words::RESULTS_FOR) " “" (query) "”"
                }
            }
            ol.na-list.na-results { (result_items(items, r)) }
            @if more {
                button.na-button.na-more type="button" { (words::MORE) }
                p.na-list-status role="status" {}
            }
        }
    }
}

/// The search page when there is nothing to show but `message` (an empty query, a host
/// without search, a refused query, a failure), under the same heading; with `retry`,
/// «Thử lại» (served by the app).
pub fn search_message(message: &str, base_path: &str, retry: bool) -> Markup {
    html! {
        section.na-found aria-labelledby="na-title" {
            (home_crumb(base_path))
            h1.na-title #na-title tabindex="-1" { (words::SEARCH) }
            div.na-found-message role=(if retry { "alert" } else { "status" }) {
                p { (message) }
                @if retry {
                    button.na-button.na-retry type="button" { (words::RETRY) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::{Category, Matches};

    fn render<'a>() -> Render<'a> {
        Render::test("/tin")
    }

    fn result(title: &str, lead: &str, t: Vec<[u32; 2]>, l: Vec<[u32; 2]>) -> SearchResult {
        SearchResult {
            summary: Summary {
                slug: "bao-so-5".into(),
                title: title.into(),
                category: Some(Category {
                    slug: "thoi-su".into(),
                    name: "Thời <sự>".into(),
                }),
                published_at: Some("2023-02-01T20:15:00Z".into()),
                thumbnail: None,
                lead: Some(lead.into()),
                format: None,
            },
            matches: Matches { title: t, lead: l },
        }
    }

    #[test]
    fn matched_words_are_marked_by_character_and_escaped() {
        assert_eq!(
            marked("Bão đổ bộ Đà Nẵng", &[[10, 12], [13, 17]]).into_string(),
            "Bão đổ bộ <mark>Đà</mark> <mark>Nẵng</mark>"
        );
        // Markup in the data is text, marked or not.
        assert_eq!(
            marked("<b>x</b> & y", &[[0, 3]]).into_string(),
            "<mark>&lt;b&gt;</mark>x&lt;/b&gt; &amp; y"
        );
        // Out of order, overlapping, empty and past the end: skipped.
        assert_eq!(
            marked("abcdef", &[[2, 3], [1, 2], [2, 4], [4, 4], [5, 9]]).into_string(),
            "ab<mark>c</mark>def"
        );
        assert_eq!(marked("", &[]).into_string(), "");
    }

    #[test]
    fn a_long_lead_is_cut_at_a_space_with_its_ranges() {
        let lead = format!("{} Đà Nẵng", "từ ".repeat(80));
        let (cut, ranges) = cut_lead(&lead, &[[3, 5], [240, 242]]);
        assert!(cut.ends_with("từ…"), "{cut}");
        assert!(cut.chars().count() <= LEAD_CHARS + 1);
        assert_eq!(ranges, [[3, 5]]);
        assert_eq!(cut_lead("ngắn", &[[0, 1]]), ("ngắn".into(), vec![[0, 1]]));
    }

    #[test]
    fn the_results_page_counts_links_and_pages() {
        let r = render();
        let items = [result(
            "Bão <số 5> Đà Nẵng",
            "Đà Nẵng mưa",
            vec![[11, 13]],
            vec![[0, 2]],
        )];
        let html = results("da \"nang\"", 41, &items, true, &r).into_string();
        assert!(
            html.contains("<h1 class=\"na-title\" id=\"na-title\" tabindex=\"-1\">Tìm kiếm</h1>")
        );
        assert!(
            html.contains("Tìm thấy 41 kết quả cho “da &quot;nang&quot;”"),
            "{html}"
        );
        assert!(html.contains(
            "<a href=\"/tin/thoi-su/bao-so-5\">Bão &lt;số 5&gt; <mark>Đà</mark> Nẵng</a>"
        ));
        assert!(html.contains("<span class=\"na-category\">Thời &lt;sự&gt;</span>"));
        assert!(html.contains("<p><mark>Đà</mark> Nẵng mưa</p>"));
        assert!(
            html.contains("<button class=\"na-button na-more\" type=\"button\">Xem thêm</button>")
        );
        let none = results("xyz", 0, &[], false, &r).into_string();
        assert!(none.contains("Không tìm thấy kết quả phù hợp"));
        assert!(none.contains(words::NOTHING_FOUND_HINT));
        assert!(!none.contains("button"));
    }

    #[test]
    fn the_box_is_labelled_and_keeps_the_query_as_text() {
        let html = search_box(Some("/tin/tim-kiem"), "\"><script>").into_string();
        assert_eq!(
            html,
            "<form class=\"na-search\" role=\"search\" action=\"/tin/tim-kiem\" method=\"get\">\
             <label class=\"na-visually-hidden\" for=\"na-q\">Tìm kiếm</label><input id=\"na-q\" \
             type=\"search\" name=\"q\" value=\"&quot;&gt;&lt;script&gt;\" placeholder=\"Nhập từ \
             khóa, ví dụ: Đà Nẵng\" autocomplete=\"off\" enterkeyhint=\"search\"><button \
             class=\"na-button\" type=\"submit\">Tìm</button></form>"
        );
        assert!(!search_box(None, "").into_string().contains("action"));
        let off = search_message("<i>x</i>", "", false).into_string();
        assert!(
            off.contains("role=\"status\"><p>&lt;i&gt;x&lt;/i&gt;</p></div>"),
            "{off}"
        );
        assert!(search_message("x", "", true)
            .into_string()
            .contains("na-retry"));
    }
}
