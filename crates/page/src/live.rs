//! Live coverage (contract v3): the coverage's section under a live article (the badge in
//! its header is the article's template's, `article.rs`, the first view's): its
//! heading, its status line, the room of the «N cập nhật mới» button (a polite live region,
//! out of the flow: its button appearing moves nothing), and the entries, newest first, each
//! with its time in Vietnam time, its title and its blocks through the article's own body
//! template. The server writes the section into a live article's page with its newest
//! [`SHOWN`] entries and the count of the others; the live island (never the first view's
//! wasm) writes it, its entries and its buttons in the app (the new entries at the top, the
//! older ones at the bottom, when asked). And those entries in the article's structured
//! data (`liveBlogUpdate`; the `LiveBlogPosting` type and its times are `head.rs`'s).

use contract::live::{LiveEntries, LiveEntry, LiveStatus};
use contract::Article;
use maud::{html, Markup};

use crate::article::body;
use crate::comforts::strip_tags;
use crate::head::{member, Head};
use crate::render::Render;
use crate::time::time;
use crate::words;

/// How many entries a page holds at first, the newest: a day of coverage is hundreds, and
/// a page of them all was 2.5 times slower to paint on a phone (bench/live.mjs, 500
/// entries). The island shows the older ones, as many at a time, when asked.
pub const SHOWN: usize = 20;

/// The section of a coverage in `status` with `entries` (newest first), as the page opens:
/// the newest [`SHOWN`], and under them how many more there are.
pub fn section(status: LiveStatus, entries: &[LiveEntry], r: &Render) -> Markup {
    let ended = status == LiveStatus::Ended;
    let (shown, older) = entries.split_at(entries.len().min(SHOWN));
    html! {
        section.na-live aria-labelledby="na-live-title" data-na-live=(if ended { "ended" } else { "live" }) {
            h2 #na-live-title .na-section-title { (words::LIVE_UPDATES) }
            p.na-live-status role="status" { @if ended { (words::LIVE_ENDED) } }
            div.na-live-new aria-live="polite" {}
            ol.na-live-list { (list(shown, r)) }
            @if entries.is_empty() { p.na-empty { (words::LIVE_NO_ENTRIES) } }
            // Text, not a button: without script nothing could show them, and a button
            // that does nothing would mislead. The island makes it one (`older_button`).
            @if !older.is_empty() {
                p.na-live-earlier { (words::LIVE_LEFT) " " (older.len()) " " (words::LIVE_EARLIER) }
            }
        }
    }
}

/// Entries, in the order given.
pub fn list(entries: &[LiveEntry], r: &Render) -> Markup {
    html! { @for e in entries { (entry(e, r)) } }
}

/// One entry: a list item the app can move the focus to (`tabindex="-1"`), named by its
/// time and title.
pub fn entry(e: &LiveEntry, r: &Render) -> Markup {
    html! {
        li.na-live-entry data-na-entry=(e.id) tabindex="-1" {
            p.na-live-time { (time(&e.at, contract::time::format_vietnam_short)) }
            @if let Some(title) = &e.title { h3.na-live-title { (title) } }
            div.na-live-body { (body(&e.body, r)) }
        }
    }
}

/// The button that shows the `n` entries not yet shown: «2 cập nhật mới».
pub fn new_button(n: usize) -> Markup {
    html! { button.na-live-more type="button" { (n) " " (words::LIVE_NEW) } }
}

/// The place under the list where the island says how many older entries there are, empty,
/// for a section it made (a served page's has its text).
pub fn earlier_room() -> Markup {
    html! { p.na-live-earlier {} }
}

/// The button that appends the next `n` older entries: «Xem 20 cập nhật trước».
pub fn older_button(n: usize) -> Markup {
    html! {
        button.na-button.na-live-prev type="button" {
            (words::LIVE_SEE) " " (n) " " (words::LIVE_EARLIER)
        }
    }
}

impl Head {
    /// Adds a live coverage's newest entries, those its page shows ([`SHOWN`]), to the
    /// structured data (`liveBlogUpdate`, each a `BlogPosting` with its headline, time and
    /// text), and its end when the entries say it has ended and the article did not.
    pub fn live_updates(&mut self, a: &Article, doc: &LiveEntries) {
        let Some(j) = self.structured_data.as_mut().filter(|_| a.live.is_some()) else {
            return;
        };
        j.pop(); // the closing brace
        if doc.status == LiveStatus::Ended && !j.contains("\"coverageEndTime\"") {
            let newest = doc.entries.first().map(|e| e.at.as_str());
            if let Some(t) = newest.and_then(contract::time::vietnam_rfc3339) {
                member(j, "coverageEndTime", &t);
            }
        }
        j.push_str(r#","liveBlogUpdate":["#);
        for (i, e) in doc.entries.iter().take(SHOWN).enumerate() {
            if i > 0 {
                j.push(',');
            }
            j.push_str(r#"{"@type":"BlogPosting""#);
            member(j, "headline", e.title.as_deref().unwrap_or(&a.title));
            if let Some(t) = contract::time::vietnam_rfc3339(&e.at) {
                member(j, "datePublished", &t);
            }
            member(j, "articleBody", &text(e));
            j.push('}');
        }
        j.push_str("]}");
    }
}

/// An entry's text: its paragraphs without their tags, its headings and quotes, one space
/// apart.
fn text(e: &LiveEntry) -> String {
    let parts = e.body.iter().filter_map(|b| match b {
        contract::Block::Paragraph { html } => Some(strip_tags(html)),
        contract::Block::Heading { text, .. } | contract::Block::Quote { text, .. } => {
            Some(text.clone())
        }
        _ => None,
    });
    let joined: Vec<String> = parts.collect();
    joined
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::Site;
    use crate::inline::Inline;

    const ARTICLE: &str = r#"{"slug":"bao","title":"Bão <đổ bộ>","category":{"slug":"xa-hoi","name":"Xã hội"},
        "published_at":"2023-11-15T06:00:00+07:00","authors":[],"body":[]"#;
    const ENTRIES: &str = r#"{"status":"live","entries":[
        {"id":"e-2","at":"2023-11-15T07:05:00Z","title":"Tâm bão <vào> bờ",
         "body":[{"type":"paragraph","html":"Gió <b>cấp 9</b>"}]},
        {"id":"e-1","at":"2023-11-15T06:15:00+07:00","body":[{"type":"quote","text":"An toàn"}]}]}"#;

    fn article(live: &str) -> Article {
        contract::parse_article(&format!("{ARTICLE}{live}}}")).unwrap()
    }

    fn render(f: impl FnOnce(&Render) -> Markup) -> String {
        let paragraph = |h: &str| vec![Inline::Text(format!("[{h}]"))];
        let image_src = |s: &str| Some(s.to_string());
        f(&Render {
            base_path: "",
            paragraph: &paragraph,
            image_src: &image_src,
            media: crate::media::ALL,
        })
        .into_string()
    }

    #[test]
    fn the_badge_only_while_live() {
        let badge = |live: &str| crate::article::live_badge(&article(live)).into_string();
        assert_eq!(
            badge(r#","live":{"status":"live"}"#),
            "<span class=\"na-live-badge\">Trực tiếp</span> "
        );
        assert_eq!(badge(r#","live":{"status":"ended"}"#), "");
        assert_eq!(badge(""), "");
        let html = render(|r| crate::article::article(&article(r#","live":{"status":"live"}"#), r));
        assert!(
            html.contains(
                "<p class=\"na-meta\"><span class=\"na-live-badge\">Trực tiếp</span> <time"
            ),
            "{html}"
        );
    }

    #[test]
    fn entries_newest_first_with_their_vietnam_time_title_and_blocks() {
        let doc = contract::live::parse_live_entries(ENTRIES).unwrap();
        let html = render(|r| section(doc.status, &doc.entries, r));
        assert_eq!(
            html,
            "<section class=\"na-live\" aria-labelledby=\"na-live-title\" data-na-live=\"live\">\
             <h2 class=\"na-section-title\" id=\"na-live-title\">Diễn biến</h2>\
             <p class=\"na-live-status\" role=\"status\"></p>\
             <div class=\"na-live-new\" aria-live=\"polite\"></div><ol class=\"na-live-list\">\
             <li class=\"na-live-entry\" data-na-entry=\"e-2\" tabindex=\"-1\"><p class=\"na-live-time\">\
             <time datetime=\"2023-11-15T07:05:00Z\">15/11/2023 14:05</time></p>\
             <h3 class=\"na-live-title\">Tâm bão &lt;vào&gt; bờ</h3>\
             <div class=\"na-live-body\"><p>[Gió &lt;b&gt;cấp 9&lt;/b&gt;]</p></div></li>\
             <li class=\"na-live-entry\" data-na-entry=\"e-1\" tabindex=\"-1\"><p class=\"na-live-time\">\
             <time datetime=\"2023-11-15T06:15:00+07:00\">15/11/2023 06:15</time></p>\
             <div class=\"na-live-body\"><blockquote class=\"na-quote\"><p>An toàn</p></blockquote></div></li>\
             </ol></section>"
        );
        let ended = render(|r| section(LiveStatus::Ended, &[], r));
        assert!(ended.contains("data-na-live=\"ended\""), "{ended}");
        assert!(
            ended.contains("role=\"status\">Đã kết thúc tường thuật</p>"),
            "{ended}"
        );
        assert!(
            ended.contains("<p class=\"na-empty\">Chưa có cập nhật nào.</p>"),
            "{ended}"
        );
        assert_eq!(
            new_button(3).into_string(),
            "<button class=\"na-live-more\" type=\"button\">3 cập nhật mới</button>"
        );
    }

    /// `n` entries, newest first, `e-{n}` to `e-1`.
    fn many(n: usize) -> LiveEntries {
        let entries = (1..=n).rev().map(|k| LiveEntry {
            id: format!("e-{k}"),
            at: format!("2023-11-15T{:02}:{:02}:00+07:00", k / 60, k % 60),
            title: None,
            body: vec![],
        });
        LiveEntries {
            status: LiveStatus::Live,
            entries: entries.collect(),
        }
    }

    #[test]
    fn a_long_coverage_shows_its_newest_and_says_how_many_more() {
        let doc = many(SHOWN + 25);
        let html = render(|r| section(doc.status, &doc.entries, r));
        let ids: Vec<&str> = html
            .split("data-na-entry=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        let newest: Vec<String> = (26..=45).rev().map(|k| format!("e-{k}")).collect();
        assert_eq!(ids, newest, "the newest {SHOWN}, newest first");
        // Under the list, as text: without script nothing could show them.
        assert!(
            html.ends_with("</ol><p class=\"na-live-earlier\">Còn 25 cập nhật trước</p></section>"),
            "{html}"
        );
        assert!(!html.contains("<button"), "{html}");
        assert_eq!(
            earlier_room().into_string(),
            "<p class=\"na-live-earlier\"></p>"
        );
        assert_eq!(
            older_button(SHOWN).into_string(),
            "<button class=\"na-button na-live-prev\" type=\"button\">Xem 20 cập nhật trước</button>"
        );
        // Exactly as many: nothing more to say.
        let doc = many(SHOWN);
        let html = render(|r| section(doc.status, &doc.entries, r));
        assert_eq!(html.matches("data-na-entry=").count(), SHOWN);
        assert!(!html.contains("na-live-earlier"), "{html}");
        // The structured data holds what the page shows.
        let a = article(r#","live":{"status":"live"}"#);
        let site = Site {
            url: None,
            api_base: "api/",
            name: "Báo",
            logo: None,
        };
        let mut head = Head::article(&a, &site);
        head.live_updates(&a, &many(SHOWN + 25));
        let json: serde_json::Value =
            serde_json::from_str(head.structured_data.as_deref().unwrap()).unwrap();
        let updates = json["liveBlogUpdate"].as_array().unwrap();
        assert_eq!(updates.len(), SHOWN);
        assert_eq!(updates[0]["datePublished"], "2023-11-15T00:45:00+07:00");
    }

    #[test]
    fn a_live_article_is_a_live_blog_posting_with_its_updates() {
        let site = Site {
            url: Some("https://bao.example.vn/"),
            api_base: "api/",
            name: "Báo",
            logo: None,
        };
        let a = article(r#","live":{"status":"live"}"#);
        let mut head = Head::article(&a, &site);
        let mut doc = contract::live::parse_live_entries(ENTRIES).unwrap();
        head.live_updates(&a, &doc);
        let data = head.structured_data.clone().unwrap();
        assert!(!data.contains("<"), "{data}");
        let json: serde_json::Value = serde_json::from_str(&data).unwrap();
        assert_eq!(json["@type"], "LiveBlogPosting");
        assert_eq!(json["coverageStartTime"], "2023-11-15T06:00:00+07:00");
        assert!(json.get("coverageEndTime").is_none());
        let updates = json["liveBlogUpdate"].as_array().unwrap();
        assert_eq!(updates.len(), 2);
        assert_eq!(updates[0]["@type"], "BlogPosting");
        assert_eq!(updates[0]["headline"], "Tâm bão <vào> bờ");
        assert_eq!(updates[0]["datePublished"], "2023-11-15T14:05:00+07:00");
        assert_eq!(updates[0]["articleBody"], "Gió cấp 9");
        // An entry without a title is headed by the article's.
        assert_eq!(updates[1]["headline"], "Bão <đổ bộ>");
        assert_eq!(updates[1]["articleBody"], "An toàn");
        // Ended by its entries: the end is the newest entry's time.
        doc.status = LiveStatus::Ended;
        let mut head = Head::article(&a, &site);
        head.live_updates(&a, &doc);
        let json: serde_json::Value =
            serde_json::from_str(head.structured_data.as_deref().unwrap()).unwrap();
        assert_eq!(json["coverageEndTime"], "2023-11-15T14:05:00+07:00");
        // Not live: a NewsArticle, and its updates are not added.
        let plain = article("");
        let mut head = Head::article(&plain, &site);
        head.live_updates(&plain, &doc);
        let json: serde_json::Value =
            serde_json::from_str(head.structured_data.as_deref().unwrap()).unwrap();
        assert_eq!(json["@type"], "NewsArticle");
        assert!(json.get("liveBlogUpdate").is_none() && json.get("coverageStartTime").is_none());
    }
}
