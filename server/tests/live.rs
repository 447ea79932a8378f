//! Live coverage's entries (contract v3, «Live coverage»; issue 28) over HTTP on loopback:
//! an editor adds entries with `news-server live add` while the server runs, readers poll
//! `articles/{slug}/live.json` with `If-None-Match` and get a bodiless 304 while nothing
//! changed, `live end` stops the polls, and a bad file is not served.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use common::{
    content_dir, parse_response, request, serve_logged, stderr_after_kill, Resp, Server, TempDir,
    BIN, KHOI,
};

const LIVE: &str =
    "/api/articles/khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022/live.json";

/// A content folder holding one article of the demo (KHOI), in `dir`.
fn folder(dir: &TempDir) -> PathBuf {
    let content = dir.0.join("content");
    std::fs::create_dir_all(content.join("articles")).unwrap();
    let name = format!("articles/{KHOI}.json");
    std::fs::copy(content_dir().join(&name), content.join(&name)).unwrap();
    content
}

/// `news-server live ARGS…`.
fn live(args: &[&str]) -> Output {
    Command::new(BIN).arg("live").args(args).output().unwrap()
}

/// `live add` of `text` to KHOI's coverage, at `at`; the run must succeed.
fn add(content: &Path, text: &str, title: Option<&str>, at: &str) {
    let body = content.with_file_name("body.txt");
    std::fs::write(&body, text).unwrap();
    let content = content.to_str().unwrap();
    let mut args = vec!["add", "--content", content, "--slug", KHOI];
    args.extend(["--body-file", body.to_str().unwrap(), "--at", at]);
    if let Some(title) = title {
        args.extend(["--title", title]);
    }
    let out = live(&args);
    assert!(out.status.success(), "{out:?}");
}

/// A GET of `path` with `headers`, and every byte the server sent for it.
fn raw_get(addr: &str, path: &str, headers: &[(&str, &str)]) -> (Resp, usize) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let mut message = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        message.push_str(&format!("{name}: {value}\r\n"));
    }
    message.push_str("\r\n");
    stream.write_all(message.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    (parse_response(&raw), raw.len())
}

fn ids_and_titles(json: &Value) -> Vec<(String, String)> {
    json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let title = e["title"].as_str().unwrap_or("").to_string();
            (e["id"].as_str().unwrap().to_string(), title)
        })
        .collect()
}

#[test]
fn entries_added_while_serving_are_polled_with_304_until_ended() {
    let dir = TempDir::new();
    let content = folder(&dir);
    let server = Server::start_with_content(&content, &[]);
    assert_eq!(server.get(LIVE).status, 404, "no coverage yet");

    add(
        &content,
        "Khai mạc hội nghị.",
        Some("Khai mạc"),
        "2026-12-07T08:00:00+07:00",
    );
    add(
        &content,
        "Phát biểu của lãnh đạo tỉnh.",
        Some("Phát biểu"),
        "2026-12-07T01:05:00Z",
    );
    let first = server.get(LIVE);
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(first.header("cache-control"), Some("public, max-age=30"));
    let json = first.json();
    assert_eq!(json["status"], "live");
    let entries = ids_and_titles(&json);
    let titles: Vec<_> = entries.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(titles, ["Phát biểu", "Khai mạc"], "newest first");
    assert_ne!(entries[0].0, entries[1].0, "fresh ids");
    assert_eq!(
        json["entries"][0]["at"], "2026-12-07T08:05:00+07:00",
        "Vietnam time"
    );
    assert_eq!(
        json["entries"][1]["body"][0],
        serde_json::json!({"type": "paragraph", "html": "Khai mạc hội nghị."})
    );
    let etag = first.header("etag").unwrap().to_string();
    assert!(etag.starts_with("W/\""), "a weak validator: {etag}");

    // The poll when nothing changed: 304, no body; its cost is every byte sent.
    let (poll, bytes) = raw_get(&server.addr, LIVE, &[("If-None-Match", &etag)]);
    assert_eq!(poll.status, 304);
    assert!(poll.body.is_empty());
    assert_eq!(poll.header("etag"), Some(etag.as_str()));
    assert_eq!(poll.header("cache-control"), Some("public, max-age=30"));
    assert_eq!(poll.header("vary"), Some("accept-encoding"));
    println!("a poll with nothing new (304) costs {bytes} bytes on the wire");

    // A browser's poll: the entries brotli-encoded by the router's layer, under the same
    // weak tag, and a 304 for it too.
    let accept = ("Accept-Encoding", "gzip, deflate, br");
    let (packed, _) = raw_get(&server.addr, LIVE, &[accept]);
    assert_eq!(packed.status, 200);
    assert_eq!(packed.header("content-encoding"), Some("br"));
    assert_eq!(packed.header("etag"), Some(etag.as_str()));
    let (poll, bytes) = raw_get(&server.addr, LIVE, &[accept, ("If-None-Match", &etag)]);
    assert_eq!((poll.status, poll.body.len()), (304, 0));
    println!("the same poll from a browser (Accept-Encoding) costs {bytes} bytes");

    // A new entry: the old tag no longer matches.
    add(&content, "Bế mạc.", None, "2026-12-07T09:00:00+07:00");
    let (changed, _) = raw_get(&server.addr, LIVE, &[("If-None-Match", &etag)]);
    assert_eq!(changed.status, 200);
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
    let json = changed.json();
    assert_eq!(json["entries"].as_array().unwrap().len(), 3);
    assert!(json["entries"][0].get("title").is_none(), "no title given");

    // Ended: the status clients follow to stop, and a long max-age.
    let dir_arg = content.to_str().unwrap();
    let out = live(&["end", "--content", dir_arg, "--slug", KHOI]);
    assert!(out.status.success(), "{out:?}");
    let ended = server.get(LIVE);
    assert_eq!(ended.json()["status"], "ended");
    assert_eq!(ended.header("cache-control"), Some("public, max-age=86400"));
    assert_eq!(ended.json()["entries"].as_array().unwrap().len(), 3);
    // No entry after the end.
    let body = content.with_file_name("late.txt");
    std::fs::write(&body, "Muộn.").unwrap();
    let body = body.to_str().unwrap();
    let late = live(&[
        "add",
        "--content",
        dir_arg,
        "--slug",
        KHOI,
        "--body-file",
        body,
    ]);
    assert!(!late.status.success());
    assert!(String::from_utf8_lossy(&late.stderr).contains("ended"));
}

#[test]
fn a_hostile_body_is_stored_as_escaped_text() {
    let dir = TempDir::new();
    let content = folder(&dir);
    let text = "<script>alert(\"x\")</script> & <img src=x onerror=alert(1)>\n\nĐoạn hai";
    add(
        &content,
        text,
        Some("<b>Tiêu đề</b>"),
        "2026-12-07T08:00:00+07:00",
    );
    let stored =
        std::fs::read_to_string(content.join(format!("articles/{KHOI}/live.json"))).unwrap();
    let json: Value = serde_json::from_str(&stored).unwrap();
    let body = &json["entries"][0]["body"];
    assert_eq!(
        body[0]["html"],
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"
    );
    assert_eq!(body[1]["html"], "Đoạn hai");
    assert!(!stored.contains("<script") && !stored.contains("<img"));
    // A title is text (the contract's titles are never HTML): kept as written.
    assert_eq!(json["entries"][0]["title"], "<b>Tiêu đề</b>");
}

#[test]
fn a_slug_without_an_article_is_refused() {
    let dir = TempDir::new();
    let content = folder(&dir);
    let body = dir.0.join("body.txt");
    std::fs::write(&body, "x").unwrap();
    for slug in ["khong-co-bai-nay", "../khoi", ""] {
        let out = live(&[
            "add",
            "--content",
            content.to_str().unwrap(),
            "--slug",
            slug,
            "--body-file",
            body.to_str().unwrap(),
        ]);
        assert!(!out.status.success(), "{slug}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("article") || err.contains("slug"), "{err}");
    }
    assert!(
        !content.join("articles/khong-co-bai-nay").exists(),
        "nothing written"
    );
}

#[test]
fn a_truncated_file_is_503_said_once_and_the_server_goes_on() {
    let dir = TempDir::new();
    let content = folder(&dir);
    add(&content, "Một.", None, "2026-12-07T08:00:00+07:00");
    let file = content.join(format!("articles/{KHOI}/live.json"));
    let whole = std::fs::read(&file).unwrap();
    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
    let (child, addr) = serve_logged(&content, &dir, None);
    for _ in 0..3 {
        assert_eq!(request(&addr, "GET", LIVE, &[], b"").status, 503);
    }
    let article = format!("/api/articles/{KHOI}.json");
    assert_eq!(request(&addr, "GET", &article, &[], b"").status, 200);
    assert_eq!(request(&addr, "GET", "/healthz", &[], b"").status, 200);
    // Mended: served again.
    std::fs::write(&file, &whole).unwrap();
    assert_eq!(request(&addr, "GET", LIVE, &[], b"").status, 200);
    let log = stderr_after_kill(child);
    let said = log
        .lines()
        .filter(|l| l.contains("skipped") && l.contains("live.json"))
        .count();
    assert_eq!(said, 1, "said once: {log}");
}

#[test]
fn editors_adding_at_once_keep_every_entry() {
    let dir = TempDir::new();
    let content = folder(&dir);
    // Six runs started together: each reads, changes and rewrites the file, one at a time.
    let runs: Vec<_> = (0..6)
        .map(|n| {
            let body = dir.0.join(format!("body-{n}.txt"));
            std::fs::write(&body, format!("Tin số {n}")).unwrap();
            Command::new(BIN)
                .args(["live", "add", "--slug", KHOI, "--content"])
                .arg(&content)
                .arg("--body-file")
                .arg(&body)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut run in runs {
        assert!(run.wait().unwrap().success());
    }
    let stored =
        std::fs::read_to_string(content.join(format!("articles/{KHOI}/live.json"))).unwrap();
    let json: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(json["entries"].as_array().unwrap().len(), 6, "none lost");
}
