//! Contract v3's video block and the summaries' format, read by the strict reader (the
//! app's) and by serde (the server's) alike.

use contract::{parse_article, parse_summary_page, Article, Block, Format, SummaryPage};

fn with_body(blocks: &str) -> String {
    format!(
        r#"{{"slug":"a","title":"T","category":{{"slug":"thoi-su","name":"Thời sự"}},
        "published_at":"2023-02-02T16:30:00+07:00","authors":[],"body":[{blocks}]}}"#
    )
}

/// Both readers, which must agree.
fn read(json: &str) -> Article {
    let strict = parse_article(json).unwrap();
    let by_serde: Article = serde_json::from_str(json).unwrap();
    assert_eq!(strict, by_serde, "the two readers disagree on {json}");
    strict
}

const VIDEO: &str = r#"{"type":"video","poster":{"src":"images/p.svg","alt":"Bão","width":640,"height":360},
    "sources":[{"src":"video/a.mp4","type":"video/mp4"},{"src":"https://cdn.example.vn/a.m3u8","type":"application/vnd.apple.mpegurl"}],
    "captions":[{"src":"video/a.vi.vtt","lang":"vi","label":"Tiếng Việt"}],
    "duration_s":155,"caption":"Sóng lớn ở Cửa Đại"}"#;

#[test]
fn a_video_block_reads_with_its_sources_captions_and_duration() {
    let a = read(&with_body(VIDEO));
    let Block::Video(v) = &a.body[0] else {
        panic!("not a video: {:?}", a.body[0]);
    };
    assert_eq!(v.poster.src, "images/p.svg");
    assert_eq!(v.poster.size(), Some((640, 360)));
    assert_eq!(v.sources.len(), 2);
    assert_eq!(v.sources[1].kind, "application/vnd.apple.mpegurl");
    assert_eq!(v.captions[0].label, "Tiếng Việt");
    assert_eq!(v.duration_s, Some(155));
    assert_eq!(v.caption.as_deref(), Some("Sóng lớn ở Cửa Đại"));
    assert_eq!(a.format(), Some(Format::Video));
    // Written back by serde, it reads the same.
    let written = serde_json::to_string(&a).unwrap();
    assert!(
        written.contains(r#"{"type":"video","poster":"#),
        "{written}"
    );
    assert_eq!(read(&written), a);
}

#[test]
fn a_video_without_a_usable_poster_or_source_is_skipped_like_an_unknown_block() {
    for skipped in [
        VIDEO.replace(
            r#""poster":{"src":"images/p.svg","#,
            r#""poster":{"src":"javascript:alert(1)","#,
        ),
        VIDEO.replace(r#""poster":{"#, r#""still":{"#),
        VIDEO.replace(r#""sources":["#, r#""sources":[],"x":["#),
        VIDEO.replace(r#""sources":"#, r#""files":"#),
        VIDEO
            .replace("video/a.mp4", "data:video/mp4;base64,AA")
            .replace("https://cdn.example.vn/a.m3u8", " javascript:x"),
    ] {
        let a = read(&with_body(&format!(
            r#"{skipped},{{"type":"paragraph","html":"sau"}}"#
        )));
        assert_eq!(a.body[0], Block::Unknown, "{skipped}");
        assert!(matches!(a.body[1], Block::Paragraph { .. }));
        assert_eq!(a.format(), None);
    }
}

#[test]
fn a_bad_file_is_dropped_and_the_video_kept() {
    let json = VIDEO
        .replace("https://cdn.example.vn/a.m3u8", "vbscript:x")
        .replace("video/a.vi.vtt", "data:text/vtt,x");
    let a = read(&with_body(&json));
    let Block::Video(v) = &a.body[0] else {
        panic!("the video went");
    };
    assert_eq!(v.sources.len(), 1);
    assert!(v.captions.is_empty());
}

#[test]
fn wrong_json_types_in_a_video_are_errors_in_both_readers() {
    for bad in [
        VIDEO.replace(r#""duration_s":155"#, r#""duration_s":"2:35""#),
        VIDEO.replace(r#""duration_s":155"#, r#""duration_s":-1"#),
        VIDEO.replace(r#""type":"video/mp4""#, r#""type":4"#),
        VIDEO.replace(r#","type":"video/mp4""#, ""),
        VIDEO
            .replace(r#""sources":["#, r#""sources":{"a":["#)
            .replace(r#"mpegurl"}],"#, r#"mpegurl"}]},"#),
        VIDEO.replace(r#""lang":"vi","#, ""),
        VIDEO
            .replace(r#""caption":"Sóng"#, r#""caption":["Sóng"#)
            .replace(r#"Cửa Đại""#, r#"Cửa Đại"]"#),
    ] {
        let json = with_body(&bad);
        assert!(parse_article(&json).is_err(), "strict accepted {bad}");
        assert!(
            serde_json::from_str::<Article>(&json).is_err(),
            "serde accepted {bad}"
        );
    }
}

#[test]
fn a_summarys_format_is_read_and_an_unknown_one_is_none() {
    let json = r#"{"items":[
        {"slug":"a","title":"A","category":{"slug":"x","name":"X"},"format":"video"},
        {"slug":"b","title":"B","category":{"slug":"x","name":"X"},"format":"gallery"},
        {"slug":"c","title":"C","category":{"slug":"x","name":"X"},"format":"live"},
        {"slug":"d","title":"D","category":{"slug":"x","name":"X"},"format":"infographic"},
        {"slug":"e","title":"E","category":{"slug":"x","name":"X"}}]}"#;
    let page = parse_summary_page(json).unwrap();
    let formats: Vec<_> = page.items.iter().map(|s| s.format).collect();
    assert_eq!(
        formats,
        [
            Some(Format::Video),
            Some(Format::Gallery),
            Some(Format::Live),
            None,
            None
        ]
    );
    assert_eq!(page, serde_json::from_str::<SummaryPage>(json).unwrap());
    let written = serde_json::to_string(&page).unwrap();
    assert!(written.contains(r#""format":"live""#), "{written}");
    assert_eq!(written.matches("format").count(), 3, "{written}");
    let bad = json.replace(r#""format":"video""#, r#""format":1"#);
    assert!(parse_summary_page(&bad).is_err());
    assert!(serde_json::from_str::<SummaryPage>(&bad).is_err());
}
