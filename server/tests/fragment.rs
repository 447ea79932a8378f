//! `GET /api/articles/{slug}.html`: an article's fragment for a portal's server-side include
//! (SSI, ESI), made per request like the article's page, over real HTTP on 127.0.0.1.

mod common;

use common::*;

/// The build's shell with its stylesheet, as Trunk writes it.
const SHELL: &str = "<!doctype html><html lang=vi><head><title>Tin tức</title>\
    <script async src=/boot-0123456789abcdef.js></script>\
    <link href=/news-app-0123456789abcdef.css rel=stylesheet></head>\
    <body><main class=na-page data-news-app></main></body></html>";

const PORTAL: &str = "http://portal.example.test:8081";

fn with_shell(extra: &[&str]) -> Server {
    let s = Server::start(extra);
    std::fs::write(s.dir.0.join("dist/index.html"), SHELL).unwrap();
    s
}

fn fragment_path(slug: &str) -> String {
    format!("/api/articles/{slug}.html")
}

/// The `src` of every image in `html`.
fn image_srcs(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_fragment(html);
    let img = scraper::Selector::parse("img[src]").unwrap();
    doc.select(&img)
        .map(|e| e.value().attr("src").unwrap().to_string())
        .collect()
}

#[test]
fn a_fragment_is_made_per_request_with_live_comments_and_an_etag() {
    let s = with_shell(&[
        "--auto-publish",
        "--rate-limit",
        "0",
        "--site-url",
        "https://cdn.example.vn/tin/",
    ]);
    let path = fragment_path(KHOI);
    let first = s.get(&path);
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(
        first.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(first.header("cache-control"), Some("no-cache"));
    assert!(first.header("set-cookie").is_none(), "a server fetches it");
    assert_nosniff(&first);
    let html = first.text();
    // The stylesheet at the app's public address, then the static page's root.
    let head = format!(
        "<link rel=\"stylesheet\" href=\"https://cdn.example.vn/tin/news-app-0123456789abcdef.css\">\
         <div class=\"news-app\" lang=\"vi\" data-news-static=\"{KHOI}\">"
    );
    assert!(html.starts_with(&head), "{html}");
    assert!(html.ends_with("</div>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("class=\"na-comment\""));
    assert!(html.contains("class=\"na-rank\""));
    let images = image_srcs(&html);
    assert!(!images.is_empty());
    for src in images {
        assert!(
            src.starts_with("https://cdn.example.vn/tin/api/images/"),
            "{src}"
        );
    }
    // Unchanged: 304.
    let etag = first.header("etag").expect("an ETag").to_string();
    let again = request(&s.addr, "GET", &path, &[("If-None-Match", &etag)], b"");
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    // A comment published since: a new fragment, with it.
    assert_eq!(
        s.comment(KHOI, "Bạn đọc", "Bình luận trong mảnh").status,
        201
    );
    let changed = request(&s.addr, "GET", &path, &[("If-None-Match", &etag)], b"");
    assert_eq!(changed.status, 200);
    assert!(changed.text().contains("Bình luận trong mảnh"));
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
}

#[test]
fn without_a_site_address_it_is_the_pages_content_with_paths() {
    let s = with_shell(&[]);
    let html = s.get(&fragment_path(KHOI)).text();
    let sheet = "<link rel=\"stylesheet\" href=\"/news-app-0123456789abcdef.css\">";
    let root = html.strip_prefix(sheet).expect("the stylesheet first");
    let page = s.get(&format!("/chinh-tri/{KHOI}")).text();
    // The page's content but for its masthead and search box (the portal's page has its own).
    let start = page.find("<header class=\"na-masthead\">").unwrap();
    let end = page[start..].find("</form>").unwrap() + start + "</form>".len();
    let page = format!("{}{}", &page[..start], &page[end..]);
    assert!(page.contains(root), "byte for byte what the page holds");
    assert!(image_srcs(root)
        .iter()
        .all(|s| s.starts_with("/api/images/")));
    // An article whose comments are closed says so, as its page does.
    let closed = s.get(&fragment_path(CLOSED));
    assert_eq!(closed.status, 200);
    assert!(closed.text().contains("na-comments-off"));
}

#[test]
fn an_unknown_article_is_404_and_other_origins_get_cors_as_for_the_json() {
    let s = with_shell(&["--allow-origin", PORTAL]);
    for missing in [
        fragment_path("no-such-article"),
        fragment_path("Khoi"),
        "/api/articles/..%2Fmost-read.html".into(),
        format!("/api/articles/{KHOI}.htm"),
    ] {
        let r = s.get(&missing);
        assert_eq!(r.status, 404, "{missing}");
        assert_ne!(r.text(), NOT_FOUND_HTML, "{missing}: a bare 404");
    }
    for path in [fragment_path(KHOI), format!("/api/articles/{KHOI}.json")] {
        let r = request(&s.addr, "GET", &path, &[("Origin", PORTAL)], b"");
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(
            r.header("access-control-allow-origin"),
            Some(PORTAL),
            "{path}"
        );
        let vary: Vec<String> = header_values(&r, "vary")
            .iter()
            .map(|v| v.to_ascii_lowercase())
            .collect();
        assert!(
            vary.iter().any(|v| v.contains("origin")),
            "{path}: {vary:?}"
        );
    }
    // An SSI or ESI server asks without Origin: no CORS headers, the fragment all the same.
    let r = s.get(&fragment_path(KHOI));
    assert_eq!(r.status, 200);
    assert!(r.header("access-control-allow-origin").is_none());
}
