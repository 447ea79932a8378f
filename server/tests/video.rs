//! Contract v3's video over HTTP: the lists carry the format the server reads from each
//! article, an article with a video has a `VideoObject` in its page's JSON-LD, and the
//! article sitemaps describe its video (Google's extension). On the demo content, whose
//! «Tam Kỳ ra quân…» is a video article; on SQLite, and on PostgreSQL with
//! `NEWS_TEST_ENGINE=postgres` like every HTTP test.

mod common;

use common::*;
use contract::Format;

const VIDEO: &str = "tam-ky-ra-quan-lam-sach-bai-bien-tam-thanh";
const SITE: &str = "https://dai.example.vn/";

/// Each listed slug and its format.
fn formats(items: &[contract::Summary]) -> Vec<(&str, Option<Format>)> {
    items.iter().map(|s| (s.slug.as_str(), s.format)).collect()
}

#[test]
fn every_list_carries_the_format_read_from_the_article() {
    let s = Server::start(&[
        "--trusted-proxy",
        "127.0.0.1",
        "--ranking-refresh-secs",
        "0",
    ]);
    for path in ["/api/latest.json", "/api/categories/xa-hoi.json"] {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        let page = contract::parse_summary_page(&r.text()).unwrap();
        let listed = formats(&page.items);
        assert!(
            listed.contains(&(VIDEO, Some(Format::Video))),
            "{path}: {listed:?}"
        );
        // Each as its article says (its blocks, its coverage); no `format` member on the
        // others.
        for (slug, format) in &listed {
            let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/api/articles");
            let text = std::fs::read_to_string(format!("{file}/{slug}.json")).unwrap();
            let article = contract::parse_article(&text).unwrap();
            assert_eq!(*format, article.format(), "{path}: {slug}");
        }
        let with = listed.iter().filter(|(_, f)| f.is_some()).count();
        assert!(
            with >= 2,
            "{path}: the demo's video and live articles at least"
        );
        assert_eq!(r.text().matches("\"format\"").count(), with, "{path}");
    }
    // A 503 until the first search index is built, just after the start.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut found = s.get("/api/search.json?q=tam%20thanh");
    while found.status == 503 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
        found = s.get("/api/search.json?q=tam%20thanh");
    }
    assert_eq!(found.status, 200);
    let results = contract::parse_search_page(&found.text()).unwrap();
    let first = &results.items[0].summary;
    assert_eq!(
        (first.slug.as_str(), first.format),
        (VIDEO, Some(Format::Video))
    );
    // Read once: «Đọc nhiều» ranks it, with its format and its poster as thumbnail.
    let view = request(
        &s.addr,
        "POST",
        &format!("/api/articles/{VIDEO}/views"),
        &[("X-Forwarded-For", "203.0.113.9")],
        b"",
    );
    assert_eq!(view.status, 204);
    let most_read = contract::parse_summaries(&s.get("/api/most-read.json").text()).unwrap();
    assert_eq!(most_read[0].slug, VIDEO);
    assert_eq!(most_read[0].format, Some(Format::Video));
    assert_eq!(
        most_read[0].thumbnail.as_ref().map(|t| t.src.as_str()),
        Some("images/bai-bien-tam-thanh-ra-quan.svg")
    );
}

/// The JSON-LD of a page, as a search engine's JSON reader reads it.
fn json_ld(html: &str) -> serde_json::Value {
    let (_, rest) = html
        .split_once("<script type=\"application/ld+json\">")
        .expect("a JSON-LD script");
    let (json, _) = rest.split_once("</script>").unwrap();
    serde_json::from_str(json).unwrap()
}

#[test]
fn a_video_articles_page_describes_its_video_to_search_engines() {
    let s = Server::start(&["--site-url", SITE]);
    let r = s.get(&format!("/xa-hoi/{VIDEO}"));
    assert_eq!(r.status, 200);
    let html = r.text();
    // The player as the app draws it: nothing loaded before play.
    assert!(
        html.contains("<video controls preload=\"none\" playsinline"),
        "{html}"
    );
    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["video"],
        serde_json::json!({
            "@type": "VideoObject",
            "name": "Tam Kỳ ra quân làm sạch bãi biển Tam Thanh sau Tết",
            "description": "Người dân xã Tam Thanh thu gom rác thải trên bãi biển sáng 10.2.",
            "thumbnailUrl": [format!("{SITE}api/images/bai-bien-tam-thanh-ra-quan.svg")],
            "uploadDate": "2023-02-10T10:00:00+07:00",
            "contentUrl": format!("{SITE}api/video/{VIDEO}.mp4"),
            "duration": "PT10S"
        })
    );
    // An article without a video has none.
    let other = s.get(&format!("/chinh-tri/{KHOI}")).text();
    assert!(json_ld(&other).get("video").is_none());
}

#[test]
fn the_article_sitemap_describes_the_video_of_an_article_with_one() {
    let s = Server::start(&["--site-url", SITE]);
    let r = s.get("/sitemap-articles-1.xml");
    assert_eq!(r.status, 200);
    let xml = r.text();
    assert!(
        xml.contains("xmlns:video=\"http://www.google.com/schemas/sitemap-video/1.1\""),
        "{xml}"
    );
    assert_eq!(
        xml.matches("<video:video>").count(),
        1,
        "one article has a video"
    );
    let (_, entry) = xml
        .split_once(&format!("<loc>{SITE}xa-hoi/{VIDEO}</loc>"))
        .expect("the video article is listed");
    let entry = &entry[..entry.find("</url>").unwrap()];
    for part in [
        format!("<video:thumbnail_loc>{SITE}api/images/bai-bien-tam-thanh-ra-quan.svg</video:thumbnail_loc>"),
        "<video:title>Tam Kỳ ra quân làm sạch bãi biển Tam Thanh sau Tết</video:title>".into(),
        "<video:description>Người dân xã Tam Thanh thu gom rác thải trên bãi biển sáng 10.2.</video:description>".into(),
        format!("<video:content_loc>{SITE}api/video/{VIDEO}.mp4</video:content_loc>"),
        "<video:duration>10</video:duration>".into(),
    ] {
        assert!(entry.contains(&part), "{part} not in {entry}");
    }
    // The video file is served, with its type, and answers a range (a player seeks).
    let file = request(
        &s.addr,
        "GET",
        &format!("/api/video/{VIDEO}.mp4"),
        &[("Range", "bytes=0-99")],
        b"",
    );
    assert_eq!(file.status, 206);
    assert_eq!(file.header("content-type"), Some("video/mp4"));
    assert_eq!(file.body.len(), 100);
    let vtt = s.get(&format!("/api/video/{VIDEO}.vi.vtt"));
    assert_eq!(vtt.status, 200);
    assert!(
        vtt.header("content-type").unwrap().starts_with("text/vtt"),
        "{:?}",
        vtt.header("content-type")
    );
}
