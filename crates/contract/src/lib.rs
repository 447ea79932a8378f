//! The news data contract (`docs/contract.md`): the JSON types the app reads,
//! the strict reader, the rules both the browser and the server apply to them (limits,
//! messages, URLs), and every API path and route of the app (`paths`). No web dependencies
//! and no HTML (that is `news-page`'s), so the same code runs in the wasm app, in the
//! reference server and in native unit tests.

pub mod comments;
mod decode;
pub mod gallery;
pub mod json;
pub mod live;
pub mod paths;
pub mod time;
mod types;
pub mod url;
pub mod video;

pub use types::*;
pub use video::{Format, Video, VideoCaptions, VideoSource};

/// Why a JSON document could not be read as a contract type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The largest article file the reference server serves or prerenders (docs/contract.md,
/// «Where the contract is silent»): a real article is a few tens of KB.
pub const ARTICLE_MAX_BYTES: usize = 2 * 1024 * 1024;

/// Parses an `Article` document; wrong shapes are an error, never a panic.
pub fn parse_article(json: &str) -> Result<Article, ParseError> {
    let mut article = parse_article_first(json)?;
    read_media(&mut article)?;
    Ok(article)
}

/// [`parse_article`] but its media blocks (v3's video and gallery) are `Block::Later`, not
/// read: for the shell's first stage, so that the first view's wasm goes without their
/// readers. The same errors but a media block's wrong member, found by [`read_media`].
pub fn parse_article_first(json: &str) -> Result<Article, ParseError> {
    let article = decode::article(json::parse(json).map_err(ParseError)?)?;
    if !is_valid_slug(&article.slug) {
        return Err(ParseError("slug outside [a-z0-9-]".into()));
    }
    Ok(article)
}

/// Reads the media blocks [`parse_article_first`] left (`Block::Later`) in `article`.
pub fn read_media(article: &mut Article) -> Result<(), ParseError> {
    decode::read_later(&mut article.body)
}

/// Parses a `{"items": [Summary]}` document (most read, front page), dropping items whose
/// slugs could not form a link.
pub fn parse_summaries(json: &str) -> Result<Vec<Summary>, ParseError> {
    parse_summary_page(json).map(|page| page.items)
}

/// Parses a `SummaryPage` (v2: `latest.json`, `categories/{slug}.json` and their `next`
/// pages), dropping items whose slugs could not form a link.
pub fn parse_summary_page(json: &str) -> Result<SummaryPage, ParseError> {
    let mut page = decode::summary_page(json::parse(json).map_err(ParseError)?)?;
    page.items.retain(Summary::is_linkable);
    Ok(page)
}

/// Parses `categories.json` (v3, the masthead's menu), in the portal's order, dropping
/// categories whose slugs could not form a link or are the app's reserved routes.
pub fn parse_categories(json: &str) -> Result<Vec<Category>, ParseError> {
    let mut items = decode::categories(json::parse(json).map_err(ParseError)?)?;
    items.retain(|c| paths::is_category_slug(&c.slug));
    Ok(items)
}

/// Parses a `SearchPage` (v3, `search.json`), dropping results whose slugs could not form
/// a link and matched ranges past the end of their text (so that the app may slice with
/// every range it keeps).
pub fn parse_search_page(json: &str) -> Result<SearchPage, ParseError> {
    let mut page = decode::search_page(json::parse(json).map_err(ParseError)?)?;
    page.items.retain(|r| r.summary.is_linkable());
    for r in &mut page.items {
        let within = |text: &str, ranges: &mut Vec<[u32; 2]>| {
            let len = text.chars().count() as u32;
            ranges.retain(|&[_, end]| end <= len);
        };
        within(&r.summary.title, &mut r.matches.title);
        let lead = r.summary.lead.as_deref().unwrap_or("");
        within(lead, &mut r.matches.lead);
    }
    Ok(page)
}

/// Parses a `CommentPage` document.
pub fn parse_comment_page(json: &str) -> Result<CommentPage, ParseError> {
    decode::comment_page(json::parse(json).map_err(ParseError)?)
}

/// Parses a `ReplyPage` document (the rest of a thread's replies).
pub fn parse_reply_page(json: &str) -> Result<ReplyPage, ParseError> {
    decode::reply_page(json::parse(json).map_err(ParseError)?)
}

/// Reads the answer to a like, `{"likes": int}`: the comment's count.
pub fn parse_likes(text: &str) -> Result<u32, ParseError> {
    decode::likes(json::parse(text).map_err(ParseError)?)
}

/// Reads a `201` answer to a comment.
pub fn parse_created(text: &str) -> Result<comments::CommentCreated, ParseError> {
    decode::comment_created(json::parse(text).map_err(ParseError)?)
}

/// Reads a `422` answer's field messages.
pub fn parse_validation_failure(text: &str) -> Result<comments::FieldErrors, ParseError> {
    decode::field_errors(json::parse(text).map_err(ParseError)?)
}

/// True for a slug of the contract's alphabet, `[a-z0-9-]+`.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"slug":"a-1","title":"T","category":{"slug":"xa-hoi","name":"Xã Hội"},
        "published_at":"2023-02-02T16:30:00+07:00","authors":[],"body":[]}"#;

    #[test]
    fn a_thread_reads_with_its_first_replies_and_the_path_of_the_rest() {
        let json = r#"{"items":[{"id":"c-1","author_name":"An","body":"x","created_at":"t",
            "likes":4,"replies":{"items":[{"id":"r-1","author_name":"Bình","body":"y",
            "created_at":"t"}],"total":6,"next":"articles/a/comments/c-1/replies.json"}}],
            "total":1}"#;
        let page = parse_comment_page(json).unwrap();
        assert_eq!(page, serde_json::from_str::<CommentPage>(json).unwrap());
        let replies = page.items[0].replies.as_ref().unwrap();
        assert_eq!((replies.total, replies.items[0].id.as_str()), (6, "r-1"));
        assert_eq!(replies.items[0].likes, None);
        let rest = r#"{"items":[],"total":6}"#;
        assert_eq!(parse_reply_page(rest).unwrap().next, None);
        assert!(
            parse_reply_page(r#"{"items":[]}"#).is_err(),
            "total is required"
        );
        assert_eq!(parse_likes(r#"{"likes":12}"#), Ok(12));
        assert!(parse_likes(r#"{"likes":-1}"#).is_err());
    }

    #[test]
    fn categories_read_in_order_without_unlinkable_or_reserved_slugs() {
        let json = r#"{"items":[{"slug":"thoi-su","name":"Thời sự"},{"slug":"Bad","name":"x"},
            {"slug":"tim-kiem","name":"x"},{"slug":"kinh-te","name":"Kinh tế"}]}"#;
        let names: Vec<String> = parse_categories(json)
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(names, ["Thời sự", "Kinh tế"]);
        assert!(parse_categories(r#"{"items":[{"slug":"a"}]}"#).is_err());
        assert!(parse_categories("[]").is_err());
    }

    #[test]
    fn a_topics_list_may_name_its_tag_and_older_lists_still_read() {
        let named = r#"{"items":[],"name":"Bão số 5","next":"topics/bao/1.json"}"#;
        let page = parse_summary_page(named).unwrap();
        assert_eq!(page.name.as_deref(), Some("Bão số 5"));
        assert_eq!(page, serde_json::from_str::<SummaryPage>(named).unwrap());
        assert_eq!(parse_summary_page(r#"{"items":[]}"#).unwrap().name, None);
        assert!(parse_summary_page(r#"{"items":[],"name":5}"#).is_err());
    }

    #[test]
    fn minimal_article_has_every_optional_field_absent() {
        let a = parse_article(MINIMAL).unwrap();
        assert_eq!(a.slug, "a-1");
        assert_eq!(a.lead, None);
        assert_eq!(a.hero, None);
        assert_eq!(a.updated_at, None);
        assert!(a.tags.is_empty());
        assert!(a.related.is_empty());
        assert!(a.comments_enabled());
        assert_eq!(a.comments, None);
    }

    #[test]
    fn the_first_stage_reads_media_blocks_as_later_and_the_rest_alike() {
        let json = MINIMAL.replace(
            r#""body":[]"#,
            r#""body":[{"type":"paragraph","html":"a"},
                {"type":"video","poster":{"src":"p.svg"},"sources":[{"src":"v.mp4","type":"video/mp4"}]},
                {"type":"gallery","images":[{"src":"g.svg"}]},
                {"type":"map"}]"#,
        );
        let whole = parse_article(&json).unwrap();
        let first = parse_article_first(&json).unwrap();
        assert!(matches!(whole.body[1], Block::Video(_)));
        assert!(matches!(whole.body[2], Block::Gallery(_)));
        assert_eq!(first.body[0], whole.body[0]);
        assert!(matches!(
            first.body[1..],
            [Block::Later(_), Block::Later(_), Block::Unknown]
        ));
        let mut read = first.clone();
        read_media(&mut read).unwrap();
        assert_eq!(read, whole);
        assert_eq!(whole.body[3], Block::Unknown);
        assert_eq!((first.title, first.slug), (whole.title, whole.slug));
    }

    #[test]
    fn unknown_block_types_are_kept_as_unknown_and_the_rest_parses() {
        let json = MINIMAL.replace(
            r#""body":[]"#,
            r#""body":[{"type":"video","src":"x.mp4"},{"type":"paragraph","html":"<b>x</b>"},
                {"type":"heading","text":"H","level":3},{"type":"quote","text":"Q"},
                {"type":"image","src":"a.svg","alt":"A","width":800,"height":450},
                {"type":"embed"},{"type":"image","alt":"no src"},{"type":"paragraph"}]"#,
        );
        let a = parse_article(&json).unwrap();
        assert_eq!(a.body.len(), 8);
        assert_eq!(a.body[0], Block::Unknown);
        assert_eq!(
            a.body[1],
            Block::Paragraph {
                html: "<b>x</b>".into()
            }
        );
        assert_eq!(
            a.body[2],
            Block::Heading {
                text: "H".into(),
                level: 3
            }
        );
        assert_eq!(
            a.body[3],
            Block::Quote {
                text: "Q".into(),
                cite: None
            }
        );
        match &a.body[4] {
            Block::Image(img) => {
                assert_eq!(img.src, "a.svg");
                assert_eq!(img.width, Some(800));
                assert_eq!(img.caption, None);
            }
            other => panic!("expected an image, got {other:?}"),
        }
        assert_eq!(a.body[5], Block::Unknown);
        // Known types without their content are skipped the same way.
        assert_eq!(a.body[6], Block::Unknown);
        assert_eq!(a.body[7], Block::Unknown);
    }

    #[test]
    fn wrong_types_are_errors_not_panics() {
        for bad in [
            "",
            "null",
            "[]",
            "{",
            r#"{"slug":"a"}"#,
            &MINIMAL.replace(r#""title":"T""#, r#""title":42"#),
            &MINIMAL.replace(r#""authors":[]"#, r#""authors":"Đại Quang""#),
            &MINIMAL.replace(r#""body":[]"#, r#""body":{"type":"paragraph"}"#),
            &MINIMAL.replace(
                r#""body":[]"#,
                r#""body":[{"type":"heading","text":"x","level":"2"}]"#,
            ),
            &MINIMAL.replace(r#""body":[]"#, r#""body":[{"html":"no type"}]"#),
            &MINIMAL.replace(
                r#""body":[]"#,
                r#""body":[{"type":"image","src":"a","width":"800"}]"#,
            ),
            &MINIMAL.replace(
                r#""body":[]"#,
                r#""body":[{"type":"paragraph","html":["x"]}]"#,
            ),
            &MINIMAL.replace(r#""slug":"a-1""#, r#""slug":"../../x""#),
            &MINIMAL.replace(r#""slug":"a-1""#, r#""slug":"""#),
        ] {
            assert!(parse_article(bad).is_err(), "accepted {bad}");
        }
    }

    #[test]
    fn comments_flag_reads_enabled() {
        let off = MINIMAL.replace(
            r#""body":[]"#,
            r#""body":[],"comments":{"enabled":false,"count":0}"#,
        );
        assert!(!parse_article(&off).unwrap().comments_enabled());
    }

    #[test]
    fn comment_likes_are_optional_and_read_alike_by_both_readers() {
        let json = r#"{"items":[
            {"id":"c-2","author_name":"A","body":"x","created_at":"t","likes":3},
            {"id":"c-1","author_name":"B","body":"y","created_at":"t"}
        ],"total":2}"#;
        let page = parse_comment_page(json).unwrap();
        assert_eq!(page.items[0].likes, Some(3));
        assert_eq!(page.items[1].likes, None);
        let by_serde: CommentPage = serde_json::from_str(json).unwrap();
        assert_eq!(page, by_serde);
        // Written back, no likes is no field (a v1 reader sees what it always saw).
        let written = serde_json::to_string(&page.items[1]).unwrap();
        assert!(!written.contains("likes"), "{written}");
        for bad in [r#""likes":"3""#, r#""likes":-1"#, r#""likes":1.5"#] {
            let doc = json.replace(r#""likes":3"#, bad);
            assert!(parse_comment_page(&doc).is_err(), "accepted {bad}");
            assert!(
                serde_json::from_str::<CommentPage>(&doc).is_err(),
                "serde: {bad}"
            );
        }
    }

    #[test]
    fn summaries_drop_items_with_unlinkable_slugs() {
        let json = r#"{"items":[
            {"slug":"ok-1","title":"A","category":{"slug":"kinh-te","name":"Kinh Tế"}},
            {"slug":"javascript:alert(1)","title":"B","category":{"slug":"kinh-te","name":"Kinh Tế"}},
            {"slug":"ok-2","title":"C","category":{"slug":"a/b","name":"X"}},
            {"slug":"ok-3","title":"D"}
        ]}"#;
        let items = parse_summaries(json).unwrap();
        let slugs: Vec<_> = items.iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(slugs, ["ok-1"]);
    }

    #[test]
    fn a_summary_page_names_the_next_one_and_agrees_with_serde() {
        let json = r#"{"items":[{"slug":"a","title":"A","category":{"slug":"x","name":"X"}}],
            "next":"latest-2.json"}"#;
        let page = parse_summary_page(json).unwrap();
        assert_eq!(page.next.as_deref(), Some("latest-2.json"));
        assert_eq!(page, serde_json::from_str::<SummaryPage>(json).unwrap());
        // v1's lists have no `next`: the last page.
        let last = parse_summary_page(r#"{"items":[]}"#).unwrap();
        assert_eq!(last.next, None);
        assert!(parse_summary_page(r#"{"items":[],"next":2}"#).is_err());
    }

    #[test]
    fn a_search_page_carries_its_total_and_matched_ranges() {
        let json = r#"{"items":[
            {"slug":"bao-so-5","title":"Bão số 5 đổ bộ Đà Nẵng","lead":"Đà Nẵng",
             "category":{"slug":"thoi-su","name":"Thời sự"},
             "matches":{"title":[[15,17],[18,22]],"lead":[[0,2],[3,9]]}},
            {"slug":"khac","title":"Khác","category":{"slug":"thoi-su","name":"Thời sự"}},
            {"slug":"x","title":"X","category":{"slug":"tim-kiem","name":"X"}}
        ],"total":41,"next":"search.json?q=da%20nang&trang=2"}"#;
        let page = parse_search_page(json).unwrap();
        assert_eq!(page.total, 41);
        assert_eq!(
            page.next.as_deref(),
            Some("search.json?q=da%20nang&trang=2")
        );
        assert_eq!(
            page.items.len(),
            2,
            "a reserved category slug cannot be linked"
        );
        let first = &page.items[0];
        assert_eq!(first.matches.title, [[15, 17], [18, 22]]);
        // [3, 9] ends past «Đà Nẵng» (7 chars): dropped, so that slicing never panics.
        assert_eq!(first.matches.lead, [[0, 2]]);
        assert!(page.items[1].matches.is_empty());
        // serde reads the same shape (but keeps every range and item).
        let by_serde: SearchPage = serde_json::from_str(json).unwrap();
        assert_eq!(by_serde.items[0].summary, first.summary);
        assert_eq!(by_serde.items[0].matches.lead, [[0, 2], [3, 9]]);
        let written = serde_json::to_string(&page.items[1]).unwrap();
        assert!(!written.contains("matches"), "{written}");
        for bad in [
            r#"{"items":[]}"#,
            r#"{"items":[],"total":-1}"#,
            r#"{"items":[{"slug":"a","title":"A","matches":{"title":[[2,1]]}}],"total":1}"#,
            r#"{"items":[{"slug":"a","title":"A","matches":{"title":[[0]]}}],"total":1}"#,
            r#"{"items":[{"slug":"a","title":"A","matches":{"title":[["0","1"]]}}],"total":1}"#,
            r#"{"items":[{"slug":"a","title":"A","matches":[]}],"total":1}"#,
        ] {
            assert!(parse_search_page(bad).is_err(), "accepted {bad}");
        }
    }

    #[test]
    fn slug_alphabet() {
        assert!(is_valid_slug("khoi-thi-dua-2022"));
        for bad in ["", "Abc", "a b", "a/b", "a.b", "ă", "a_b"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}
