//! Live coverage (contract v3, «Live coverage»): an article's `live` field, and the entries
//! document it points at, `{"status", "entries": [LiveEntry]}`, newest first. Read by the
//! reference server (which refuses to serve a bad file) and written by its `live` command,
//! and by the app's live island. The first view's wasm decodes only the article's field.
//!
//! An entry's blocks are read by the article's block decoder (`decode::block`), through a
//! list of their own, and their media then (`decode::read_later`): the article's list
//! reader keeps one caller, which the first view's wasm inlines. Measured on the main part
//! (raw bytes over the same build without any entries' decoding): the entries' decoder
//! calling `block` through `Fields::list` +203 B; through the article's own decoder (an
//! article of their body alone) +201 B, or +279 B with that decoder inlined into both.

use serde::{Deserialize, Serialize};

use crate::decode::{block, missing, read_later, wrong, Fields, Result};
use crate::json::{self, Value};
use crate::{Block, ParseError};

pub use crate::{Live, LiveStatus};

/// The largest entries document the reference server serves: a day of coverage is a few
/// hundred KB at most.
pub const LIVE_MAX_BYTES: usize = 2 * 1024 * 1024;

/// One entry of live coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveEntry {
    /// Unique within the document.
    pub id: String,
    /// When it was posted: RFC 3339 with an offset.
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The article's blocks (paragraphs, headings, images, quotes).
    pub body: Vec<Block>,
}

/// The entries document, `articles/{slug}/live.json` by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveEntries {
    pub status: LiveStatus,
    /// Newest first.
    pub entries: Vec<LiveEntry>,
}

/// Parses an entries document: a wrong shape, a bad time, a repeated id or entries out of
/// order (newest first) are errors, never panics.
pub fn parse_live_entries(text: &str) -> Result<LiveEntries> {
    let doc = live_entries(json::parse(text).map_err(ParseError)?)?;
    // Sorted ids rather than a HashSet: the app's wasm reads this too, and a hash map
    // costs it about 3 KB.
    let mut ids: Vec<&str> = doc.entries.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(id) = ids
        .windows(2)
        .find(|w| w[0] == w[1])
        .map(|w| w[0])
        .or(ids.first().copied().filter(|id| id.is_empty()))
    {
        return Err(ParseError(format!("entry id «{id}» empty or repeated")));
    }
    let mut previous: Option<i64> = None;
    for entry in &doc.entries {
        let at = crate::time::parse_rfc3339(&entry.at)
            .ok_or_else(|| ParseError(format!("entry {}: `at` is not RFC 3339", entry.id)))?;
        if previous.is_some_and(|newer| at > newer) {
            return Err(ParseError(format!(
                "entry {}: newer than the one before it (entries are newest first)",
                entry.id
            )));
        }
        previous = Some(at);
    }
    Ok(doc)
}

/// Reads a live coverage's entries document (its order and ids are checked by the caller).
fn live_entries(v: Value) -> Result<LiveEntries> {
    let mut f = Fields::of(v, "live entries")?;
    // Written again rather than shared with `decode::live`: a helper of two callers is not
    // inlined into the first view's article decoder.
    let status = match f.str("status")?.as_str() {
        "live" => LiveStatus::Live,
        "ended" => LiveStatus::Ended,
        _ => return Err(wrong("status", "\"live\" or \"ended\"")),
    };
    Ok(LiveEntries {
        status,
        entries: f.list("entries", live_entry)?,
    })
}

fn live_entry(v: Value) -> Result<LiveEntry> {
    let mut f = Fields::of(v, "entry")?;
    Ok(LiveEntry {
        id: f.str("id")?,
        at: f.str("at")?,
        title: f.opt_str("title")?,
        // Not `f.list("body", block)`: a list of their own (above).
        body: match f.take("body") {
            Some(Value::Array(blocks)) => {
                let mut body = blocks.into_iter().map(block).collect::<Result<Vec<_>>>()?;
                read_later(&mut body)?;
                body
            }
            Some(_) => return Err(wrong("body", "a list")),
            None => return Err(missing("body")),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"status":"live","entries":[
        {"id":"e-2","at":"2026-02-02T09:05:00+07:00","title":"Bàn thắng",
         "body":[{"type":"paragraph","html":"<b>1-0</b>"}]},
        {"id":"e-1","at":"2026-02-02T01:00:00Z","body":[]}]}"#;

    #[test]
    fn a_document_reads_and_writes_back_the_same() {
        let doc = parse_live_entries(DOC).unwrap();
        assert_eq!(doc.status, LiveStatus::Live);
        assert_eq!(doc.entries[0].title.as_deref(), Some("Bàn thắng"));
        assert_eq!(
            doc.entries[0].body,
            [Block::Paragraph {
                html: "<b>1-0</b>".into()
            }]
        );
        assert_eq!(doc.entries[1].title, None);
        let again = serde_json::to_string(&doc).unwrap();
        assert_eq!(parse_live_entries(&again).unwrap(), doc);
        let ended = DOC.replace(r#""live""#, r#""ended""#);
        assert_eq!(
            parse_live_entries(&ended).unwrap().status,
            LiveStatus::Ended
        );
    }

    #[test]
    fn bad_shapes_are_errors() {
        for bad in [
            "",
            "[]",
            r#"{"entries":[]}"#,
            r#"{"status":"paused","entries":[]}"#,
            r#"{"status":"live"}"#,
            r#"{"status":"live","entries":{}}"#,
            r#"{"status":"live","entries":[{"id":"a","at":"2026-02-02T01:00:00Z"}]}"#,
            r#"{"status":"live","entries":[{"id":"a","at":"hôm nay","body":[]}]}"#,
            r#"{"status":"live","entries":[{"id":"a","at":"2026-02-02T01:00:00","body":[]}]}"#,
            r#"{"status":"live","entries":[{"id":"","at":"2026-02-02T01:00:00Z","body":[]}]}"#,
            r#"{"status":"live","entries":[{"id":"a","at":"2026-02-02T01:00:00Z","body":[1]}]}"#,
            r#"{"status":"live","entries":[{"id":7,"at":"2026-02-02T01:00:00Z","body":[]}]}"#,
        ] {
            assert!(parse_live_entries(bad).is_err(), "{bad}");
        }
        // A truncated good document.
        for cut in 0..DOC.len() - 1 {
            if DOC.is_char_boundary(cut) {
                assert!(parse_live_entries(&DOC[..cut]).is_err(), "{cut}");
            }
        }
    }

    #[test]
    fn ids_are_unique_and_entries_newest_first() {
        let twice = DOC.replace(r#""e-1""#, r#""e-2""#);
        assert!(parse_live_entries(&twice).is_err());
        let doc = parse_live_entries(DOC).unwrap();
        let mut reversed = doc.clone();
        reversed.entries.reverse();
        let text = serde_json::to_string(&reversed).unwrap();
        assert!(parse_live_entries(&text).is_err());
    }

    fn article(live: &str) -> String {
        format!(
            r#"{{"slug":"bao","title":"Bão","category":{{"slug":"xa-hoi","name":"Xã hội"}},
            "published_at":"2023-11-15T06:00:00+07:00","authors":[],"body":[]{live}}}"#
        )
    }

    #[test]
    fn an_articles_live_field_reads_like_serde_and_names_its_entries() {
        let a = crate::parse_article(&article(r#","live":{"status":"live"}"#)).unwrap();
        let live = a.live.as_deref().unwrap();
        assert_eq!(live.status, LiveStatus::Live);
        assert_eq!(live.endpoint("bao"), "articles/bao/live.json");
        let serde: crate::Article =
            serde_json::from_str(&article(r#","live":{"status":"live"}"#)).unwrap();
        assert_eq!(serde, a);
        let elsewhere = article(
            r#","live":{"status":"ended","entries_endpoint":"https://cdn.example.vn/live/{slug}.json"}"#,
        );
        let a = crate::parse_article(&elsewhere).unwrap();
        let live = a.live.as_deref().unwrap();
        assert_eq!(live.status, LiveStatus::Ended);
        assert_eq!(live.endpoint("bao"), "https://cdn.example.vn/live/bao.json");
        assert_eq!(
            serde_json::from_str::<crate::Article>(&elsewhere).unwrap(),
            a
        );
        // Absent or null: no coverage; written back without the field.
        for none in ["", r#","live":null"#] {
            let a = crate::parse_article(&article(none)).unwrap();
            assert_eq!(a.live, None);
            assert!(!serde_json::to_string(&a).unwrap().contains("live"));
        }
    }

    #[test]
    fn a_wrong_live_field_makes_the_article_invalid() {
        for bad in [
            r#","live":true"#,
            r#","live":{}"#,
            r#","live":{"status":"paused"}"#,
            r#","live":{"status":"live","entries_endpoint":7}"#,
        ] {
            assert!(crate::parse_article(&article(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_entrys_unknown_block_is_skipped_and_a_wrong_body_refused() {
        let doc = r#"{"status":"live","entries":[{"id":"a","at":"2026-02-02T01:00:00Z",
            "body":[{"type":"video"},{"type":"paragraph","html":"x"}]}]}"#;
        let doc = parse_live_entries(doc).unwrap();
        assert_eq!(
            doc.entries[0].body,
            [Block::Unknown, Block::Paragraph { html: "x".into() }]
        );
        let bad =
            r#"{"status":"live","entries":[{"id":"a","at":"2026-02-02T01:00:00Z","body":{}}]}"#;
        assert!(parse_live_entries(bad).is_err());
    }
}
