//! A live article's page (contract v3, «Live coverage»; issue 28), rendered per request:
//! its entries as they are when the page is asked for, newest first and escaped, under the
//! article, and its structured data a `LiveBlogPosting` with each entry a `liveBlogUpdate`;
//! an entry added with `news-server live add` in the next page, `live end` said there and in
//! `coverageEndTime`. An article without coverage keeps its `NewsArticle` and no section.

mod common;

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use common::{content_dir, Server, TempDir, BIN, KHOI};

const LIVE: &str = "bao-do-bo-vao-bo-bien-quang-nam-cap-nhat-tung-gio";

/// A content folder holding the demo's live article (with its entries) and KHOI.
fn folder(dir: &TempDir) -> PathBuf {
    let content = dir.0.join("content");
    std::fs::create_dir_all(content.join(format!("articles/{LIVE}"))).unwrap();
    for name in [
        format!("articles/{LIVE}.json"),
        format!("articles/{LIVE}/live.json"),
        format!("articles/{KHOI}.json"),
    ] {
        std::fs::copy(content_dir().join(&name), content.join(&name)).unwrap();
    }
    content
}

/// The page's JSON-LD.
fn structured_data(html: &str) -> Value {
    let start = html.find("<script type=\"application/ld+json\">").unwrap();
    let json = &html[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    serde_json::from_str(json).unwrap()
}

/// The entries' ids in the page, in order.
fn entry_ids(html: &str) -> Vec<&str> {
    html.split("data-na-entry=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect()
}

#[test]
fn a_live_articles_page_holds_its_entries_and_a_live_blog_posting() {
    let dir = TempDir::new();
    let content = folder(&dir);
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(content.join(format!("articles/{LIVE}/live.json"))).unwrap(),
    )
    .unwrap();
    let ids: Vec<&str> = file["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let server = Server::start_with_content(&content, &[]);
    let page = server.get(&format!("/xa-hoi/{LIVE}"));
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<span class=\"na-live-badge\">Trực tiếp</span>"));
    // Under the article, before the comments.
    let (article, section, comments) = (
        html.find("</article>").unwrap(),
        html.find("<section class=\"na-live\"").unwrap(),
        html.find("<section class=\"na-comments\"").unwrap(),
    );
    assert!(article < section && section < comments);
    assert_eq!(entry_ids(&html), ids, "every entry, newest first");
    assert!(html.contains("<time datetime=\"2023-11-15T21:40:00+07:00\">15/11/2023 21:40</time>"));
    let data = structured_data(&html);
    assert_eq!(data["@type"], "LiveBlogPosting");
    assert_eq!(data["coverageStartTime"], "2023-11-15T06:00:00+07:00");
    assert!(data.get("coverageEndTime").is_none());
    let updates = data["liveBlogUpdate"].as_array().unwrap();
    assert_eq!(updates.len(), ids.len());
    assert_eq!(updates[0]["@type"], "BlogPosting");
    assert_eq!(updates[0]["headline"], file["entries"][0]["title"]);
    assert_eq!(updates[0]["datePublished"], "2023-11-15T21:40:00+07:00");
    assert!(updates[0]["articleBody"]
        .as_str()
        .unwrap()
        .contains("0235 3852 101"));

    // An editor adds an entry (with markup that must stay text), then ends the coverage.
    let body = dir.0.join("entry.txt");
    std::fs::write(&body, "Nước rút <b>dần</b> & \"an toàn\".").unwrap();
    let (content_arg, body_arg) = (content.to_str().unwrap(), body.to_str().unwrap());
    let add = Command::new(BIN)
        .args(["live", "add", "--content", content_arg, "--slug", LIVE])
        .args(["--body-file", body_arg, "--title", "Nước rút <dần>"])
        .args(["--at", "2023-11-15T23:00:00+07:00"])
        .output()
        .unwrap();
    assert!(add.status.success(), "{add:?}");
    let html = server.get(&format!("/xa-hoi/{LIVE}")).text();
    assert_eq!(entry_ids(&html).len(), ids.len() + 1);
    assert_eq!(&entry_ids(&html)[1..], ids, "the new entry first");
    assert!(html.contains("<h3 class=\"na-live-title\">Nước rút &lt;dần&gt;</h3>"));
    assert!(
        html.contains("Nước rút &lt;b&gt;dần&lt;/b&gt; &amp; "),
        "its text as text"
    );
    assert!(!html.contains("<b>dần"));
    assert_eq!(
        structured_data(&html)["liveBlogUpdate"][0]["headline"],
        "Nước rút <dần>"
    );
    let end = Command::new(BIN)
        .args(["live", "end", "--content", content_arg, "--slug", LIVE])
        .output()
        .unwrap();
    assert!(end.status.success(), "{end:?}");
    let html = server.get(&format!("/xa-hoi/{LIVE}")).text();
    assert!(html.contains("data-na-live=\"ended\""));
    assert!(html.contains("role=\"status\">Đã kết thúc tường thuật</p>"));
    assert_eq!(
        structured_data(&html)["coverageEndTime"],
        "2023-11-15T23:00:00+07:00",
        "ended at its newest entry"
    );

    // An article without coverage: no section, a NewsArticle.
    let html = server.get(&format!("/chinh-tri/{KHOI}")).text();
    assert!(!html.contains("na-live"));
    assert_eq!(structured_data(&html)["@type"], "NewsArticle");
}

#[test]
fn a_long_coverage_holds_its_newest_entries_and_says_how_many_more() {
    let dir = TempDir::new();
    let content = folder(&dir);
    let n = page::live::SHOWN + 25;
    let entries: Vec<Value> = (1..=n)
        .rev()
        .map(|k| {
            serde_json::json!({"id": format!("e-{k}"),
                "at": format!("2023-11-15T{:02}:{:02}:00+07:00", 6 + k / 60, k % 60),
                "body": [{"type": "paragraph", "html": format!("Cập nhật {k}")}]})
        })
        .collect();
    let doc = serde_json::json!({"status": "live", "entries": entries});
    std::fs::write(
        content.join(format!("articles/{LIVE}/live.json")),
        doc.to_string(),
    )
    .unwrap();
    let newest: Vec<String> = (26..=n).rev().map(|k| format!("e-{k}")).collect();
    let server = Server::start_with_content(&content, &[]);
    // The page and the portal's fragment alike.
    for path in [
        format!("/xa-hoi/{LIVE}"),
        format!("/api/articles/{LIVE}.html"),
    ] {
        let html = server.get(&path).text();
        assert_eq!(entry_ids(&html), newest, "{path}: the newest, in order");
        assert!(
            html.contains("</ol><p class=\"na-live-earlier\">Còn 25 cập nhật trước</p>"),
            "{path}: how many more, as text"
        );
    }
    let html = server.get(&format!("/xa-hoi/{LIVE}")).text();
    let updates = structured_data(&html)["liveBlogUpdate"].clone();
    let texts: Vec<&str> = updates
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["articleBody"].as_str().unwrap())
        .collect();
    let bodies: Vec<String> = (26..=n).rev().map(|k| format!("Cập nhật {k}")).collect();
    assert_eq!(
        texts, bodies,
        "the structured data holds what the page shows"
    );
}
