//! The server under attack, from the outside, over loopback: each test reproduces one of
//! the defects found by trying it as an attacker would (issue «The reference server under
//! attack»), bounded in count and time. Other clients are other loopback addresses
//! (127.0.0.2, 127.0.0.3: all of 127.0.0.0/8 is this machine), or readers named by a
//! trusted proxy's `X-Forwarded-For`.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};
use socket2::{Domain, Socket, Type};

/// A connection to `addr` from the loopback address `from`.
fn connect_from(from: [u8; 4], addr: &str) -> TcpStream {
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    socket.bind(&SocketAddr::from((from, 0)).into()).unwrap();
    let target: SocketAddr = addr.parse().unwrap();
    socket.connect(&target.into()).unwrap();
    socket.into()
}

/// True when the server closed `stream` (or answered and closed) within `limit`.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buf = Vec::new();
    match stream.read_to_end(&mut buf) {
        Ok(_) => true,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

fn beacon(s: &Server, slug: &str, reader: &str) -> u16 {
    request(
        &s.addr,
        "POST",
        &format!("/api/articles/{slug}/views"),
        &[("X-Forwarded-For", reader)],
        b"",
    )
    .status
}

fn slugs(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_beacon_flood_from_one_client_neither_moves_the_ranking_nor_fills_the_database() {
    let s = Server::start(&[
        "--trusted-proxy",
        "127.0.0.1",
        "--ranking-refresh-secs",
        "0",
    ]);
    // Three readers read KHOI, two read HOI_AN: counts apart, so that the ranking does not
    // hang on which second the views fell in (equal counts go by the latest view).
    for reader in ["198.51.100.1", "198.51.100.2", "198.51.100.3"] {
        assert_eq!(beacon(&s, KHOI, reader), 204);
    }
    for reader in ["198.51.100.4", "198.51.100.5"] {
        assert_eq!(beacon(&s, HOI_AN, reader), 204);
    }
    // One client floods an article nobody else reads.
    let mut statuses = std::collections::BTreeMap::new();
    for _ in 0..2000 {
        *statuses
            .entry(beacon(&s, XUAN_HONG, "203.0.113.66"))
            .or_insert(0) += 1;
    }
    assert!(statuses[&429] >= 1900, "the flood is refused: {statuses:?}");
    let ranked = slugs(&s.get("/api/most-read.json").json());
    assert_eq!(ranked, [KHOI, HOI_AN, XUAN_HONG], "one view, ranked last");
    // Stored: one row for the flooder, not 2,000.
    assert_eq!(s.sql_value("SELECT COUNT(*) FROM article_views", &[]), "6");
}

#[test]
fn the_ranking_is_served_from_memory_between_refreshes() {
    let s = Server::start(&[
        "--trusted-proxy",
        "127.0.0.1",
        "--ranking-refresh-secs",
        "600",
    ]);
    let before = s.get("/api/most-read.json").json();
    assert_eq!(beacon(&s, XUAN_HONG, "198.51.100.1"), 204);
    assert_eq!(
        s.get("/api/most-read.json").json(),
        before,
        "not ranked again yet"
    );
}

#[test]
fn half_sent_requests_from_one_client_do_not_lock_others_out_and_time_out() {
    let s = Server::start(&[
        "--max-connections-per-client",
        "20",
        "--read-timeout-secs",
        "2",
    ]);
    // 200 connections from one client, each a request head that never ends.
    let mut attack: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut c = connect_from([127, 0, 0, 2], &s.addr);
            let _ = c.write_all(b"GET /api/latest.json HTTP/1.1\r\nHost: x\r\n");
            c
        })
        .collect();
    // Another reader is served at once.
    let mut reader = connect_from([127, 0, 0, 3], &s.addr);
    reader
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    reader
        .write_all(b"GET /api/latest.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    reader.read_to_end(&mut answer).unwrap();
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    // Over the cap: closed at once.
    let last = attack.last_mut().unwrap();
    assert!(closed_within(last, Duration::from_secs(1)));
    // Within the cap: closed when the head's time is up.
    let started = Instant::now();
    assert!(closed_within(&mut attack[0], Duration::from_secs(8)));
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[test]
fn a_body_that_never_arrives_is_answered_408() {
    let s = Server::start(&["--read-timeout-secs", "1"]);
    let mut c = TcpStream::connect(&s.addr).unwrap();
    c.write_all(
        format!(
            "POST /api/articles/{KHOI}/comments HTTP/1.1\r\nHost: x\r\n\
             Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"author"
        )
        .as_bytes(),
    )
    .unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let started = Instant::now();
    let mut answer = [0u8; 12];
    c.read_exact(&mut answer).unwrap();
    assert_eq!(&answer, b"HTTP/1.1 408");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(s.pending(), "");
}

#[test]
fn sigterm_does_not_wait_behind_idle_or_half_sent_connections() {
    let mut s = Server::start(&["--shutdown-grace-secs", "1", "--read-timeout-secs", "60"]);
    let mut idle = TcpStream::connect(&s.addr).unwrap();
    idle.write_all(b"GET /api/latest.json HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut first = [0u8; 12];
    idle.read_exact(&mut first).unwrap();
    let mut half = TcpStream::connect(&s.addr).unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost").unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let started = Instant::now();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &s.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still running 10 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn behind_a_trusted_proxy_each_reader_has_an_allowance_and_an_ipv6_64_is_one_reader() {
    let s = Server::start(&["--trusted-proxy", "127.0.0.1", "--rate-limit", "1"]);
    let post = |reader: &str| {
        let body = json!({"author_name": "An", "body": format!("Từ {reader}"), "website": ""});
        request(
            &s.addr,
            "POST",
            &format!("/api/articles/{KHOI}/comments"),
            &[
                ("Content-Type", "application/json"),
                ("X-Forwarded-For", reader),
            ],
            body.to_string().as_bytes(),
        )
        .status
    };
    assert_eq!(post("198.51.100.1"), 201);
    assert_eq!(post("198.51.100.1"), 429);
    assert_eq!(
        post("198.51.100.2"),
        201,
        "another reader behind the same proxy"
    );
    // A client may not pick its identity by writing the header itself first.
    assert_eq!(post("198.51.100.9, 198.51.100.1"), 429);
    // Addresses rotated inside one IPv6 /64 are one reader.
    assert_eq!(post("2001:db8:5:6::1"), 201);
    assert_eq!(post("2001:db8:5:6:ffff::2"), 429);
    assert_eq!(post("2001:db8:5:7::1"), 201);
}

#[test]
fn absurd_settings_are_refused_at_start() {
    for (flag, value) in [
        ("--rate-window-secs", "18446744073709551615"),
        ("--rate-limit", "4294967296"),
        ("--max-connections-per-client", "0"),
    ] {
        let out = std::process::Command::new(BIN)
            .args(["serve", "--addr", "127.0.0.1:0", flag, value])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(flag), "{err}");
    }
}

#[test]
fn a_large_article_is_not_read_to_refuse_a_request() {
    // A broken article of 6 MB: reading it would fail (503). The type check comes first.
    let dir = TempDir::new();
    let content = dir.0.join("content");
    copy_dir(&content_dir(), &content);
    let big = format!("{{\"slug\": \"{}\"", "x".repeat(6 * 1024 * 1024));
    std::fs::write(content.join("articles/lon.json"), big).unwrap();
    let s = Server::start_with_content(&content, &[]);
    let r = s.post("/api/articles/lon/comments", Some("text/plain"), b"{}");
    assert_eq!(r.status, 415);
}

#[test]
fn invisible_and_direction_changing_characters_do_not_reach_the_page() {
    let s = Server::start(&["--rate-limit", "0", "--auto-publish"]);
    for name in ["\u{200B}\u{200B}", "\u{3164}\u{3164}", "\u{202E}", "\u{0}"] {
        let r = s.comment(KHOI, name, "Hay");
        assert_eq!(r.status, 422, "{name:?}");
        assert!(r.json()["errors"]["author_name"].is_string());
    }
    let zalgo = format!("Bài hay{}", "\u{0301}".repeat(80));
    let r = s.comment(
        KHOI,
        "An\u{202E}gnp.exe",
        &format!("a\u{0}b\u{2066}c\n{zalgo}"),
    );
    assert_eq!(r.status, 201);
    let stored = &s.comments(KHOI)["items"][0];
    assert_eq!(stored["author_name"], "Angnp.exe");
    let body = stored["body"].as_str().unwrap();
    assert!(body.starts_with("abc\nBài hay"), "{body:?}");
    assert_eq!(body.chars().filter(|&c| c == '\u{0301}').count(), 3);
}

#[test]
fn the_views_attribute_lands_on_the_mount_element_whatever_the_title_says() {
    let s = Server::start(&[]);
    std::fs::write(
        s.dir.0.join("dist/index.html"),
        "<!doctype html><title>Vì sao data-news-app</title><main data-news-app></main>",
    )
    .unwrap();
    let page = s.get("/").text();
    assert!(
        page.contains("<title>Vì sao data-news-app</title>"),
        "{page}"
    );
    assert!(
        page.contains("<main data-news-app data-views-endpoint=\"articles/{slug}/views\">"),
        "{page}"
    );
}

#[test]
fn moderation_commands_leave_other_databases_alone() {
    // PostgreSQL's own case is in the database's unit tests (db/tests/schema.rs).
    if on_postgres() {
        return;
    }
    let dir = TempDir::new();
    let other = dir.0.join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    let before = std::fs::read(&other).unwrap();
    for args in [&["pending"][..], &["approve", "c-1"], &["reject", "c-1"]] {
        let out = std::process::Command::new(BIN)
            .args(args)
            .arg("--db")
            .arg(&other)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("not a database of news-server"));
    }
    assert_eq!(std::fs::read(&other).unwrap(), before);
    assert!(!dir.0.join("other.db-wal").exists());
}

#[test]
fn links_out_of_the_content_folder_and_the_build_are_not_followed() {
    let dir = TempDir::new();
    let content = dir.0.join("content");
    copy_dir(&content_dir(), &content);
    std::fs::write(dir.0.join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(dir.0.join("secret.txt"), content.join("images/leak.svg")).unwrap();
    let s = Server::start_with_content(&content, &[]);
    std::os::unix::fs::symlink(dir.0.join("secret.txt"), s.dir.0.join("dist/leak.js")).unwrap();
    std::os::unix::fs::symlink("/etc", s.dir.0.join("dist/etc")).unwrap();
    for path in [
        "/api/images/leak.svg",
        "/leak.js",
        "/etc/passwd",
        "/etc/hostname",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.text().contains("secret") && !r.text().contains("root:"),
            "{path}"
        );
    }
}

#[test]
fn pages_and_images_carry_the_security_headers() {
    let s = Server::start(&[]);
    let page = s.get("/");
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(csp.ends_with("frame-ancestors 'self'"), "{csp}");
    assert_eq!(page.header("x-frame-options"), Some("SAMEORIGIN"));
    assert_eq!(
        page.header("referrer-policy"),
        Some("strict-origin-when-cross-origin")
    );
    let svg = s.get("/api/images/hoi-bai-choi.svg");
    assert_eq!(svg.status, 200);
    let svg_csp = svg.header("content-security-policy").unwrap();
    assert!(
        svg_csp.contains("default-src 'none'") && svg_csp.contains("sandbox"),
        "{svg_csp}"
    );

    let framed = Server::start(&["--frame-ancestors", "'self' https://portal.example.vn"]);
    let page = framed.get("/");
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .ends_with("frame-ancestors 'self' https://portal.example.vn"));
    assert_eq!(page.header("x-frame-options"), None);
}

#[test]
fn only_pages_that_exist_are_200() {
    let s = Server::start(&[]);
    for (path, status) in [
        ("/", 200),
        ("/chinh-tri", 200),
        (&format!("/chinh-tri/{KHOI}")[..], 200),
        ("/khong-co-chuyen-muc", 404),
        (&format!("/kinh-te/{KHOI}")[..], 404),
        ("/chinh-tri/khong-co-bai-nay", 404),
    ] {
        assert_eq!(s.get(path).status, status, "{path}");
    }
}

#[test]
fn two_thousand_emoji_written_as_escapes_are_a_valid_comment() {
    let s = Server::start(&["--rate-limit", "0"]);
    // What Python's json.dumps writes: every emoji as a \uXXXX\uXXXX pair, 12 bytes.
    let body = format!(
        "{{\"author_name\": \"An\", \"body\": \"{}\", \"website\": \"\"}}",
        "\\ud83d\\ude00".repeat(2000)
    );
    assert!(body.len() > 16 * 1024);
    let r = s.post(
        &format!("/api/articles/{KHOI}/comments"),
        Some("application/json"),
        body.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(
        r.json()["comment"]["body"]
            .as_str()
            .unwrap()
            .chars()
            .count(),
        2000
    );
}

#[test]
fn the_moderator_sees_the_whole_body_with_nothing_hidden() {
    let s = Server::start(&["--rate-limit", "0"]);
    let r = s.comment(
        KHOI,
        "An",
        "Bài viết hay.\n\n\n\nhttp://spam\u{200D}.example",
    );
    assert_eq!(r.status, 201);
    let listing = s.pending();
    assert_eq!(listing.lines().count(), 1, "{listing}");
    assert!(
        listing.contains("Bài viết hay. ⏎  ⏎  ⏎  ⏎ http://spam\\u{200D}.example"),
        "{listing}"
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
