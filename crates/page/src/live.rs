//! Live coverage (contract v3): the «Trực tiếp» badge in a live article's header (the
//! first view's template: a few bytes), and the coverage's section under the article: its
//! heading, its status line, the room of the «N cập nhật mới» button (a polite live region,
//! out of the flow: its button appearing moves nothing), and the entries, newest first, each
//! with its time in Vietnam time, its title and its blocks through the article's own body
//! template. The server writes the section into a live article's page with the entries it
//! has; the live island (never the first view's wasm) writes it, its entries and its button
//! in the app. And the coverage in the article's structured data (`LiveBlogPosting`).

use contract::live::{LiveEntries, LiveEntry, LiveStatus};
use contract::Article;
use maud::{html, Markup};

use crate::article::body;
use crate::comforts::strip_tags;
use crate::head::{member, Head};
use crate::render::Render;
use crate::time::time;
use crate::words;

/// The badge, while the article says its coverage is live (nothing once it has ended: the
/// section says so).
pub fn badge(a: &Article) -> Markup {
    html! {
        @if a.live.as_ref().is_some_and(|l| l.status == LiveStatus::Live) {
            span.na-live-badge { (words::LIVE_NOW) } " "
        }
    }
}

/// The section of a coverage in `status` with `entries` (newest first), as the page opens.
pub fn section(status: LiveStatus, entries: &[LiveEntry], r: &Render) -> Markup {
    let ended = status == LiveStatus::Ended;
    html! {
        section.na-live aria-labelledby="na-live-title" data-na-live=(if ended { "ended" } else { "live" }) {
            h2 #na-live-title .na-section-title { (words::LIVE_UPDATES) }
            p.na-live-status role="status" { @if ended { (words::LIVE_ENDED) } }
            div.na-live-new aria-live="polite" {}
            ol.na-live-list { (list(entries, r)) }
            @if entries.is_empty() { p.na-empty { (words::LIVE_NO_ENTRIES) } }
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

/// The article's schema.org type: a live coverage is a `LiveBlogPosting`.
pub(crate) fn schema_type(a: &Article) -> &'static str {
    if a.live.is_some() {
        "LiveBlogPosting"
    } else {
        "NewsArticle"
    }
}

/// A live coverage's times in its JSON-LD: it began when the article was published, and
/// ended (when it says so) at its update.
pub(crate) fn coverage(j: &mut String, a: &Article, published: Option<&str>) {
    let Some(live) = &a.live else { return };
    if let Some(t) = published {
        member(j, "coverageStartTime", t);
    }
    let end = a
        .updated_at
        .as_deref()
        .and_then(contract::time::vietnam_rfc3339);
    if let Some(t) = end.filter(|_| live.status == LiveStatus::Ended) {
        member(j, "coverageEndTime", &t);
    }
}

impl Head {
    /// Adds a live coverage's entries to the structured data (`liveBlogUpdate`, each a
    /// `BlogPosting` with its headline, time and text), and its end when the entries say
    /// it has ended and the article did not.
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
        for (i, e) in doc.entries.iter().enumerate() {
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
