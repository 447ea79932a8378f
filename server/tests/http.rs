//! The built `news-server` binary over real HTTP on 127.0.0.1: each test starts its own
//! server on a free port with its own database file and a small app folder, and talks to
//! it with a minimal HTTP/1.1 client (one request per connection).

mod common;

use common::*;
use contract::comments::{MSG_BODY_EMPTY, MSG_BODY_LONG, MSG_NAME_EMPTY, MSG_NAME_LONG};
use serde_json::{json, Value};

#[test]
fn articles_latest_and_images_come_from_the_content_folder() {
    let s = Server::start(&[]);
    let r = s.get(&format!("/api/articles/{KHOI}.json"));
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    assert_nosniff(&r);
    let on_disk = std::fs::read(content_dir().join(format!("articles/{KHOI}.json"))).unwrap();
    assert_eq!(r.body, on_disk, "served byte for byte");
    assert_eq!(r.json()["slug"], KHOI);

    for missing in [
        "/api/articles/no-such-article.json",
        "/api/articles/..%2Fmost-read.json",
        &format!("/api/articles/{KHOI}"),
        "/api/articles/Khoi.json",
        "/api/nothing.json",
        "/api/images/none.svg",
        "/api/images/..%2F..%2FCargo.toml",
    ] {
        let r = s.get(missing);
        assert_eq!(r.status, 404, "{missing}");
        assert_ne!(
            r.text(),
            NOT_FOUND_HTML,
            "{missing}: data paths get a bare 404"
        );
        assert_nosniff(&r);
    }

    let r = s.get("/api/latest.json");
    assert_eq!(r.status, 200);
    assert!(!r.json()["items"].as_array().unwrap().is_empty());

    let svg = std::fs::read_dir(content_dir().join("images"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().into_string().unwrap())
        .find(|n| n.ends_with(".svg"))
        .unwrap();
    let r = s.get(&format!("/api/images/{svg}"));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("image/svg+xml"));
    assert_nosniff(&r);
}

#[test]
fn comment_pages_come_from_the_database_with_the_demo_imported() {
    let s = Server::start(&[]);
    let page = s.comments(KHOI);
    assert_eq!(
        ids(&page),
        ["c-0015", "c-0014", "c-0013", "c-0012"],
        "newest first"
    );
    assert_eq!(page["total"], 4);
    assert!(page.get("next").is_none());
    // Stored in UTC: 09:30 in Vietnam.
    assert_eq!(page["items"][0]["created_at"], "2023-02-03T02:30:00Z");
    // The demo's second static page is read too, and all six fit on one page of 20.
    let page = s.comments(HOI_AN);
    assert_eq!(page["total"], 6);
    assert_eq!(page["items"].as_array().unwrap().len(), 6);
    assert!(page.get("next").is_none());
    assert_eq!(s.comments(XUAN_HONG), json!({"items": [], "total": 0}));

    for missing in [
        "/api/articles/no-such-article/comments.json".to_string(),
        format!("/api/articles/{KHOI}/comments-2.json"),
        format!("/api/articles/{KHOI}/comments-1.json"),
        format!("/api/articles/{KHOI}/other.json"),
    ] {
        assert_eq!(s.get(&missing).status, 404, "{missing}");
    }
}

#[test]
fn pages_of_twenty_link_to_the_next_one() {
    let s = Server::start(&["--auto-publish", "--rate-limit", "0"]);
    for i in 1..=21 {
        assert_eq!(
            s.comment(XUAN_HONG, "Bạn đọc", &format!("Bình luận số {i}"))
                .status,
            201
        );
    }
    let first = s.comments(XUAN_HONG);
    assert_eq!(first["total"], 21);
    let items = first["items"].as_array().unwrap();
    assert_eq!(items.len(), 20);
    assert_eq!(items[0]["body"], "Bình luận số 21", "newest first");
    let next = first["next"].as_str().unwrap();
    assert_eq!(next, format!("articles/{XUAN_HONG}/comments-2.json"));
    let r = s.get(&format!("/api/{next}"));
    assert_eq!(r.status, 200);
    let second = r.json();
    assert_eq!(second["total"], 21);
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert_eq!(second["items"][0]["body"], "Bình luận số 1");
    assert!(second.get("next").is_none());
    assert_eq!(
        s.get(&format!("/api/articles/{XUAN_HONG}/comments-3.json"))
            .status,
        404
    );
}

#[test]
fn most_read_falls_back_to_the_file_then_ranks_by_views() {
    // Every request comes from 127.0.0.1: as a proxy, it can name the client, so that each
    // view below is a different reader's. The ranking is computed on every request.
    let s = Server::start(&[
        "--trusted-proxy",
        "127.0.0.1",
        "--ranking-refresh-secs",
        "0",
    ]);
    let r = s.get("/api/most-read.json");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let file: Value =
        serde_json::from_slice(&std::fs::read(content_dir().join("most-read.json")).unwrap())
            .unwrap();
    assert_eq!(r.json(), file, "no views yet: the content folder's list");

    let views = |slug: &str| format!("/api/articles/{slug}/views");
    let beacon = |slug: &str, reader: &str, content_type: Option<&str>, body: &[u8]| {
        let mut headers = vec![("X-Forwarded-For", reader)];
        headers.extend(content_type.map(|t| ("Content-Type", t)));
        request(&s.addr, "POST", &views(slug), &headers, body).status
    };
    // sendBeacon: no type and no body, or text/plain with one.
    // Counts 4, 3 and 2 (below): no tie, which the time of the views would break, and a
    // second may pass between them.
    for reader in ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"] {
        assert_eq!(beacon(XUAN_HONG, reader, None, b""), 204);
    }
    assert_eq!(
        beacon(KHOI, "203.0.113.1", Some("text/plain;charset=UTF-8"), b"x"),
        204
    );
    assert_eq!(beacon(KHOI, "203.0.113.2", None, b""), 204);
    assert_eq!(beacon(KHOI, "203.0.113.3", None, b""), 204);
    // The same reader again: answered, not counted twice.
    for _ in 0..5 {
        assert_eq!(beacon(HOI_AN, "203.0.113.1", None, b""), 204);
    }
    assert_nosniff(&s.post(&views(HOI_AN), None, b""));
    assert_eq!(s.post(&views("no-such-article"), None, b"").status, 404);
    assert_eq!(s.post(&views("..%2Flatest"), None, b"").status, 404);

    let list = s.get("/api/most-read.json").json();
    let items = list["items"].as_array().unwrap();
    let slugs: Vec<_> = items.iter().map(|i| i["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, [XUAN_HONG, KHOI, HOI_AN]);
    let article = s.get(&format!("/api/articles/{KHOI}.json")).json();
    let khoi = &items[1];
    assert_eq!(khoi["title"], article["title"]);
    assert_eq!(khoi["category"], article["category"]);
    assert_eq!(khoi["published_at"], article["published_at"]);
    // No hero in this article: its first body image.
    let first_image = article["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "image")
        .unwrap();
    assert!(article.get("hero").is_none());
    assert_eq!(khoi["thumbnail"]["src"], first_image["src"]);
    assert_eq!(khoi["thumbnail"]["width"], first_image["width"]);
    assert!(khoi["thumbnail"]["width"].as_u64().is_some());
    assert!(khoi["thumbnail"]["height"].as_u64().is_some());
    assert!(khoi["thumbnail"].get("caption").is_none());
    let hoi_an = s.get(&format!("/api/articles/{HOI_AN}.json")).json();
    assert_eq!(
        items[2]["thumbnail"]["src"], hoi_an["hero"]["src"],
        "the hero first"
    );
    // Every listed item is one the app can link: the contract's own parser keeps them all.
    let parsed = contract::parse_summaries(&list.to_string()).unwrap();
    assert_eq!(parsed.len(), 3);
}

#[test]
fn a_comment_waits_for_moderation_then_is_approved_or_rejected() {
    let s = Server::start(&["--rate-limit", "0"]);
    let r = s.comment(KHOI, "  Minh Anh ", "\n Hay quá!\nCảm ơn tác giả. \n");
    assert_eq!(r.status, 201, "{}", r.text());
    assert_nosniff(&r);
    let created = r.json();
    assert_eq!(created["status"], "pending");
    let c = &created["comment"];
    assert_eq!(c["author_name"], "Minh Anh", "trimmed");
    assert_eq!(c["body"], "Hay quá!\nCảm ơn tác giả.");
    let id = c["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("c-"));
    assert!(contract::time::parse_rfc3339(c["created_at"].as_str().unwrap()).is_some());
    // The contract's own reader of the answer accepts it.
    contract::parse_created(&r.text()).unwrap();

    assert_eq!(s.comments(KHOI)["total"], 4, "not shown while pending");
    let listing = s.pending();
    let line = listing
        .lines()
        .find(|l| l.starts_with(&id))
        .expect("listed");
    let columns: Vec<_> = line.split('\t').collect();
    assert_eq!(columns[1], KHOI);
    assert_eq!(columns[2], c["created_at"]);
    assert_eq!(columns[3], "Minh Anh");
    assert_eq!(
        columns[4], "Hay quá! ⏎ Cảm ơn tác giả.",
        "the whole body, its line breaks shown"
    );

    let out = s.cli(&["approve", &id]);
    assert!(out.status.success(), "{out:?}");
    let page = s.comments(KHOI);
    assert_eq!(page["total"], 5);
    assert_eq!(ids(&page)[0], id, "published, newest first");
    assert!(!s.pending().contains(&id));

    let r = s.comment(KHOI, "Spam", "Mua ngay");
    let spam_id = r.json()["comment"]["id"].as_str().unwrap().to_string();
    assert!(s.pending().contains(&spam_id));
    let out = s.cli(&["reject", &spam_id]);
    assert!(out.status.success(), "{out:?}");
    assert!(!s.pending().contains(&spam_id));
    let page = s.comments(KHOI);
    assert_eq!(page["total"], 5);
    assert!(!ids(&page).contains(&spam_id));

    let out = s.cli(&["approve", "c-does-not-exist"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("c-does-not-exist"));
    // All or nothing: a good id beside an unknown one stays as it was.
    let r = s.comment(KHOI, "An", "Chờ duyệt");
    let waiting = r.json()["comment"]["id"].as_str().unwrap().to_string();
    let out = s.cli(&["approve", &waiting, "c-nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(s.pending().contains(&waiting));
    assert_eq!(s.cli(&["reject", "c-nope"]).status.code(), Some(1));
}

#[test]
fn auto_publish_shows_the_comment_at_once() {
    let s = Server::start(&["--auto-publish"]);
    let r = s.comment(KHOI, "Lan", "Bài viết hay");
    assert_eq!(r.status, 201);
    let created = r.json();
    assert_eq!(created["status"], "published");
    let page = s.comments(KHOI);
    assert_eq!(page["total"], 5);
    assert_eq!(page["items"][0], created["comment"]);
    assert_eq!(s.pending(), "");
}

#[test]
fn refusals_have_the_contract_statuses() {
    let s = Server::start(&["--rate-limit", "0"]);
    let path = format!("/api/articles/{KHOI}/comments");

    let r = s.comment(KHOI, " \n ", "\t ");
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {"author_name": MSG_NAME_EMPTY, "body": MSG_BODY_EMPTY}})
    );
    assert_eq!(
        r.json()["errors"]["body"],
        "Vui lòng nhập bình luận của bạn"
    );
    // Characters, not bytes: 80 three-byte letters pass, 81 do not.
    let r = s.comment(KHOI, &"ệ".repeat(81), &"ữ".repeat(2001));
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"errors": {"author_name": MSG_NAME_LONG, "body": MSG_BODY_LONG}})
    );
    let r = s.comment(KHOI, "x", &"ữ".repeat(2001));
    assert_eq!(r.json(), json!({"errors": {"body": MSG_BODY_LONG}}));
    assert_eq!(s.comment(KHOI, &"ệ".repeat(80), "ok").status, 201);

    let good = json!({"author_name": "An", "body": "Hay", "website": ""}).to_string();
    assert_eq!(
        s.post(&path, Some("text/plain"), good.as_bytes()).status,
        415
    );
    assert_eq!(s.post(&path, None, good.as_bytes()).status, 415);
    assert_eq!(
        s.post(
            &path,
            Some("application/json; charset=utf-8"),
            good.as_bytes()
        )
        .status,
        201
    );

    let huge = json!({"author_name": "An", "body": "a".repeat(contract::comments::SUBMISSION_MAX_BYTES), "website": ""});
    assert_eq!(s.post_json(&path, &huge).status, 413);

    for bad in [
        &b"{"[..],
        b"",
        b"null",
        b"[]",
        br#"{"author_name":1,"body":"x"}"#,
        br#"{"body":"x"}"#,
    ] {
        let r = s.post(&path, Some("application/json"), bad);
        assert_eq!(r.status, 400, "{}", String::from_utf8_lossy(bad));
    }

    assert_eq!(s.comment("no-such-article", "An", "Hay").status, 404);
    assert_eq!(s.comment(CLOSED, "An", "Hay").status, 403);
    assert_eq!(
        s.get(&format!("/api/articles/{CLOSED}/comments.json"))
            .status,
        200
    );

    // Only the two valid ones were stored.
    assert_eq!(s.pending().lines().count(), 2);
}

#[test]
fn the_honeypot_is_answered_like_a_person_and_dropped() {
    let s = Server::start(&["--auto-publish"]);
    let r = s.post_json(
        &format!("/api/articles/{KHOI}/comments"),
        &json!({"author_name": "Bot", "body": "Mua ngay", "website": "http://spam.example"}),
    );
    assert_eq!(r.status, 201);
    let created = r.json();
    assert_eq!(created["status"], "published");
    let id = created["comment"]["id"].as_str().unwrap();
    assert!(id.starts_with("c-") && id.len() == 18);
    assert_eq!(created["comment"]["body"], "Mua ngay");
    let page = s.comments(KHOI);
    assert_eq!(page["total"], 4, "not stored");
    assert!(!ids(&page).contains(&id.to_string()));
    assert_eq!(s.pending(), "");
}

#[test]
fn too_many_comments_get_429_with_retry_after() {
    let s = Server::start(&["--rate-limit", "2", "--rate-window-secs", "600"]);
    // A refused submission takes no slot.
    assert_eq!(s.comment(KHOI, "", "").status, 422);
    assert_eq!(s.comment(KHOI, "An", "Một").status, 201);
    assert_eq!(s.comment(HOI_AN, "An", "Hai").status, 201);
    let r = s.comment(KHOI, "An", "Ba");
    assert_eq!(r.status, 429);
    assert_nosniff(&r);
    // A burst of 2, then one more each 600 / 2 seconds.
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((290..=300).contains(&retry), "{retry}");
    assert_eq!(r.json(), json!({ "retry_after": retry }));
    // X-Forwarded-For is not an identity.
    let body = json!({"author_name": "An", "body": "Bốn", "website": ""}).to_string();
    let r = request(
        &s.addr,
        "POST",
        &format!("/api/articles/{KHOI}/comments"),
        &[
            ("Content-Type", "application/json"),
            ("X-Forwarded-For", "203.0.113.9"),
        ],
        body.as_bytes(),
    );
    assert_eq!(r.status, 429);
    assert_eq!(s.pending().lines().count(), 2);
}

#[test]
fn the_app_is_served_with_cache_headers_and_a_404_page_for_deep_links() {
    let s = Server::start(&[]);
    for path in ["/", "/index.html"] {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}");
        // The page tells the app where to send its view beacon.
        assert_eq!(
            r.text(),
            INDEX_HTML.replace(
                "data-news-app",
                "data-news-app data-views-endpoint=\"articles/{slug}/views\""
            )
        );
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.header("cache-control"), Some("no-cache"));
        assert_nosniff(&r);
    }
    // A deep link to an article that exists is its page, rendered now, with a 200.
    let r = s.get(&format!("/chinh-tri/{KHOI}"));
    assert_eq!(r.status, 200);
    assert!(
        r.text().starts_with("<!doctype html><title>Khối thi đua"),
        "{}",
        r.text()
    );
    // The app's search page (v3) is the app for any query, a topic's page for a tag some
    // article has (an unknown one is the not-found page, below).
    for path in [
        "/tim-kiem",
        "/tim-kiem?q=%C4%90%C3%A0+N%E1%BA%B5ng",
        "/chu-de/tam-ky",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.text().contains("data-news-app"), "{path}");
    }
    for path in [
        "/chu-de",
        "/chu-de/khong-co-chu-de-nay",
        "/tim-kiem/x",
        "/chinh-tri/some-article",
        "/a/b/c",
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            r.text().starts_with("<!doctype html><title>404</title>"),
            "{path}"
        );
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.header("cache-control"), Some("no-cache"));
        assert_nosniff(&r);
    }
    let r = s.get("/boot.js");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    let immutable = Some("public, max-age=31536000, immutable");
    let r = s.get("/news-app-0123456789abcdef.js");
    assert_eq!(r.header("cache-control"), immutable);
    assert_eq!(
        r.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let r = s.get("/news-app-0123456789abcdef_bg.wasm");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    assert_eq!(r.header("cache-control"), immutable);
    assert_eq!(r.body, b"\0asm");
    let r = s.get("/base-fedcba9876543210.css");
    assert_eq!(r.header("cache-control"), immutable);
    assert_nosniff(&r);
    assert_eq!(request(&s.addr, "DELETE", "/", &[], b"").status, 405);
}

#[test]
fn an_acknowledged_comment_survives_kill_9_and_a_restart() {
    let mut s = Server::start(&["--auto-publish"]);
    let r = s.comment(XUAN_HONG, "Hùng", "Đừng mất bình luận này");
    assert_eq!(r.status, 201);
    let id = r.json()["comment"]["id"].as_str().unwrap().to_string();
    s.kill_9_and_restart();
    let page = s.comments(XUAN_HONG);
    assert_eq!(ids(&page), [id]);
    // The demo is imported once, not again on the restart.
    assert_eq!(s.comments(KHOI)["total"], 4);
}

#[test]
fn fifty_concurrent_comments_are_all_stored() {
    let s = Server::start(&["--auto-publish", "--rate-limit", "1000"]);
    let addr = s.addr.clone();
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let body = json!({"author_name": format!("Bạn đọc {i}"), "body": format!("Cùng lúc {i}"), "website": ""});
                request(
                    &addr,
                    "POST",
                    &format!("/api/articles/{XUAN_HONG}/comments"),
                    &[("Content-Type", "application/json")],
                    body.to_string().as_bytes(),
                )
            })
        })
        .collect();
    let mut acknowledged: Vec<String> = threads
        .into_iter()
        .map(|t| {
            let r = t.join().unwrap();
            assert_eq!(r.status, 201, "{}", r.text());
            r.json()["comment"]["id"].as_str().unwrap().to_string()
        })
        .collect();
    acknowledged.sort();
    acknowledged.dedup();
    assert_eq!(acknowledged.len(), 50, "distinct ids");

    let first = s.comments(XUAN_HONG);
    assert_eq!(first["total"], 50);
    let mut stored = ids(&first);
    let mut next = first["next"].as_str().map(String::from);
    while let Some(path) = next {
        let page = s.get(&format!("/api/{path}")).json();
        stored.extend(ids(&page));
        next = page["next"].as_str().map(String::from);
    }
    stored.sort();
    assert_eq!(stored, acknowledged);
}

#[test]
fn a_fault_on_our_side_is_503_and_the_server_keeps_serving() {
    // A content folder with a broken article and nothing else.
    let content = TempDir::new();
    std::fs::create_dir_all(content.0.join("articles")).unwrap();
    std::fs::write(content.0.join("articles/broken.json"), "{").unwrap();
    std::fs::write(content.0.join("most-read.json"), r#"{"items":[]}"#).unwrap();
    let s = Server::start_with_content(&content.0, &[]);
    let r = s.comment("broken", "An", "Hay");
    assert_eq!(r.status, 503);
    assert_nosniff(&r);
    assert_eq!(s.post("/api/articles/broken/views", None, b"").status, 204);
    assert_eq!(s.get("/api/most-read.json").status, 503);
    assert_eq!(s.comments("broken"), json!({"items": [], "total": 0}));
    assert_eq!(
        s.get("/api/latest.json").status,
        404,
        "latest.json is optional"
    );
}

#[test]
fn article_pages_are_rendered_per_request_with_live_comments_and_an_etag() {
    let s = Server::start(&[
        "--auto-publish",
        "--rate-limit",
        "0",
        "--site-url",
        "https://bao.example.vn/",
    ]);
    let path = format!("/chinh-tri/{KHOI}");
    let first = s.get(&path);
    assert_eq!(first.status, 200);
    assert_eq!(
        first.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    // A first visit gets the reader cookie: private to that reader.
    assert_eq!(first.header("cache-control"), Some("private, no-cache"));
    let cookie = first
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap();
    let known = request(&s.addr, "GET", &path, &[("Cookie", cookie)], b"");
    assert_eq!(known.header("cache-control"), Some("no-cache"));
    assert!(known.header("set-cookie").is_none());
    let page = first.text();
    // The article, its comments and the ranking, in the build's shell.
    assert!(page.contains("data-news-static=\"khoi-thi-dua"), "{page}");
    assert!(page.contains("class=\"na-comment\""));
    assert!(page.contains("class=\"na-rank\""));
    assert!(page.contains("data-views-endpoint=\"articles/{slug}/views\""));
    // Its public address, from --site-url.
    let address = format!("https://bao.example.vn/chinh-tri/{KHOI}");
    let doc = scraper::Html::parse_document(&page);
    let canonical = scraper::Selector::parse("link[rel=canonical]").unwrap();
    let href = doc
        .select(&canonical)
        .next()
        .and_then(|e| e.value().attr("href"));
    assert_eq!(href, Some(address.as_str()), "{page}");
    // Unchanged: 304 for the reader's copy.
    let etag = first.header("etag").expect("an ETag").to_string();
    let again = request(&s.addr, "GET", &path, &[("If-None-Match", &etag)], b"");
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    // A comment published since: a new page, with it.
    assert_eq!(s.comment(KHOI, "Bạn đọc", "Bình luận mới nhất").status, 201);
    let changed = request(&s.addr, "GET", &path, &[("If-None-Match", &etag)], b"");
    assert_eq!(changed.status, 200);
    assert!(changed.text().contains("Bình luận mới nhất"));
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
}

// --- Pages of other origins (`--allow-origin`) and likes ---

/// The portal origin the CORS tests allow.
const PORTAL: &str = "http://portal.example.test:8081";
/// An origin no test allows.
const STRANGER: &str = "https://elsewhere.example.test";

/// Every value of a header, joined as one list, lower case.
fn all_values(r: &Resp, name: &str) -> String {
    r.headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(", ")
}

fn cors_headers(r: &Resp) -> Vec<&str> {
    r.headers
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| n.starts_with("access-control-"))
        .collect()
}

fn get_from(s: &Server, path: &str, origin: &str) -> Resp {
    request(&s.addr, "GET", path, &[("Origin", origin)], b"")
}

fn comment_from(s: &Server, origin: &str, body: &str) -> Resp {
    let json = json!({"author_name": "Bạn đọc xa", "body": body, "website": ""}).to_string();
    request(
        &s.addr,
        "POST",
        &format!("/api/articles/{KHOI}/comments"),
        &[("Content-Type", "application/json"), ("Origin", origin)],
        json.as_bytes(),
    )
}

/// A demo comment of KHOI with no likes (the last of its page: the oldest).
const UNLIKED: &str = "c-0012";

fn unliked(page: &Value) -> &Value {
    &page["items"][3]
}

fn likes_path(slug: &str, id: &str) -> String {
    format!("/api/articles/{slug}/comments/{id}/likes")
}

fn like(s: &Server, method: &str, path: &str, token: Option<&str>, origin: Option<&str>) -> Resp {
    let mut headers = Vec::new();
    if let Some(t) = token {
        headers.push(("X-Reader-Token", t));
    }
    if let Some(o) = origin {
        headers.push(("Origin", o));
    }
    request(&s.addr, method, path, &headers, b"")
}

#[test]
fn an_allowed_origin_gets_cors_answers_and_preflights() {
    let s = Server::start(&[
        "--allow-origin",
        PORTAL,
        "--allow-origin",
        STRANGER,
        "--ranking-refresh-secs",
        "0",
    ]);
    for (method, headers) in [
        ("POST", "content-type"),
        ("DELETE", "x-reader-token"),
        ("POST", "x-reader-token"),
    ] {
        let r = request(
            &s.addr,
            "OPTIONS",
            &format!("/api/articles/{KHOI}/comments"),
            &[
                ("Origin", PORTAL),
                ("Access-Control-Request-Method", method),
                ("Access-Control-Request-Headers", headers),
            ],
            b"",
        );
        assert!(matches!(r.status, 200 | 204), "{r:?}");
        assert_eq!(r.header("access-control-allow-origin"), Some(PORTAL));
        let methods = all_values(&r, "access-control-allow-methods");
        for m in ["get", "head", "post", "delete"] {
            assert!(methods.contains(m), "{methods}");
        }
        let allowed = all_values(&r, "access-control-allow-headers");
        assert!(allowed.contains("content-type"), "{allowed}");
        assert!(allowed.contains("x-reader-token"), "{allowed}");
        assert_eq!(r.header("access-control-max-age"), Some("600"));
        assert!(all_values(&r, "vary").contains("origin"), "{r:?}");
        // No cookies across sites: credentials are never allowed.
        assert_eq!(r.header("access-control-allow-credentials"), None);
    }
    // The app's files and every GET of the contract.
    for path in [
        "/boot.js".to_string(),
        "/news-app-0123456789abcdef.js".into(),
        "/news-app-0123456789abcdef_bg.wasm".into(),
        "/api/most-read.json".into(),
        format!("/api/articles/{KHOI}.json"),
        format!("/api/articles/{KHOI}/comments.json"),
        format!("/chinh-tri/{KHOI}"),
    ] {
        let r = get_from(&s, &path, PORTAL);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(
            r.header("access-control-allow-origin"),
            Some(PORTAL),
            "{path}"
        );
        assert!(all_values(&r, "vary").contains("origin"), "{path}");
        // The app reads Retry-After on a 429.
        assert!(all_values(&r, "access-control-expose-headers").contains("retry-after"));
        assert_eq!(r.header("access-control-allow-credentials"), None);
        assert_nosniff(&r);
    }
    // Each allowed origin is answered with itself, never a list or `*`.
    let r = get_from(&s, "/api/most-read.json", STRANGER);
    assert_eq!(r.header("access-control-allow-origin"), Some(STRANGER));
    // Without Origin: no CORS headers, but caches are told the answer depends on it.
    let r = s.get("/api/most-read.json");
    assert!(cors_headers(&r).is_empty(), "{r:?}");
    assert!(all_values(&r, "vary").contains("origin"), "{r:?}");

    let r = comment_from(&s, PORTAL, "Gửi từ cổng thông tin");
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.header("access-control-allow-origin"), Some(PORTAL));
    assert!(s.pending().contains("Gửi từ cổng thông tin"));
    let view = request(
        &s.addr,
        "POST",
        &format!("/api/articles/{XUAN_HONG}/views"),
        &[("Origin", PORTAL)],
        b"",
    );
    assert_eq!(view.status, 204);
    assert_eq!(
        s.get("/api/most-read.json").json()["items"][0]["slug"],
        XUAN_HONG
    );
}

#[test]
fn an_origin_not_allowed_gets_no_cors_headers_and_cannot_write() {
    let s = Server::start(&["--allow-origin", PORTAL]);
    let id = UNLIKED.to_string();
    let file_list = s.get("/api/most-read.json").json();
    for path in ["/boot.js", "/api/most-read.json"] {
        let r = get_from(&s, path, STRANGER);
        assert_eq!(r.status, 200, "{path}");
        assert!(cors_headers(&r).is_empty(), "{path}: {r:?}");
        assert!(all_values(&r, "vary").contains("origin"), "{path}");
    }
    let r = request(
        &s.addr,
        "OPTIONS",
        &format!("/api/articles/{KHOI}/comments"),
        &[
            ("Origin", STRANGER),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        b"",
    );
    assert!(!(200..300).contains(&r.status), "{r:?}");
    assert!(cors_headers(&r).is_empty(), "{r:?}");

    // Writes a page could send without a preflight, and those a browser would not.
    let r = comment_from(&s, STRANGER, "Gửi từ nơi khác");
    assert_eq!(r.status, 403);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    assert!(cors_headers(&r).is_empty(), "{r:?}");
    assert_nosniff(&r);
    for origin in [STRANGER, "null", "http://portal.example.test:8082"] {
        let r = request(
            &s.addr,
            "POST",
            &format!("/api/articles/{XUAN_HONG}/views"),
            &[("Origin", origin), ("Content-Type", "text/plain")],
            b"",
        );
        assert_eq!(r.status, 403, "{origin}");
    }
    let token = "stranger-token-0123456789";
    assert_eq!(
        like(
            &s,
            "POST",
            &likes_path(KHOI, &id),
            Some(token),
            Some(STRANGER)
        )
        .status,
        403
    );
    assert_eq!(
        like(
            &s,
            "DELETE",
            &likes_path(KHOI, &id),
            Some(token),
            Some(STRANGER)
        )
        .status,
        403
    );
    // Nothing was stored.
    assert_eq!(s.pending(), "");
    assert_eq!(s.get("/api/most-read.json").json(), file_list);
    assert!(unliked(&s.comments(KHOI)).get("likes").is_none());
}

#[test]
fn without_allowed_origins_the_servers_own_pages_still_write() {
    let s = Server::start(&[]);
    // A browser on the server's own pages sends Origin = the address it asked (Host).
    let own = format!("http://{}", s.addr);
    let r = comment_from(&s, &own, "Từ trang của máy chủ");
    assert_eq!(r.status, 201, "{}", r.text());
    assert!(cors_headers(&r).is_empty());
    let port = s.addr.rsplit(':').next().unwrap();
    let r = comment_from(&s, &format!("http://localhost:{port}"), "Tên khác");
    assert_eq!(r.status, 403, "localhost is another origin than 127.0.0.1");
    let r = comment_from(&s, PORTAL, "Từ cổng");
    assert_eq!(r.status, 403);
    // No CORS layer at all: a preflight is a plain 405, a GET has no CORS header.
    let r = request(
        &s.addr,
        "OPTIONS",
        &format!("/api/articles/{KHOI}/comments"),
        &[
            ("Origin", PORTAL),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert_eq!(r.status, 405);
    assert!(cors_headers(&r).is_empty());
    let r = get_from(&s, "/api/most-read.json", PORTAL);
    assert_eq!(r.status, 200);
    assert!(cors_headers(&r).is_empty());
    let pending = s.pending();
    assert!(pending.contains("Từ trang của máy chủ"));
    assert_eq!(pending.lines().count(), 1);
}

#[test]
fn serve_help_describes_allow_origin_and_bad_origins_are_refused() {
    let out = std::process::Command::new(BIN)
        .args(["serve", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("--allow-origin ORIGIN (repeatable; none by default)"));
    assert!(help.contains("scheme://host[:port]"));
    let out = std::process::Command::new(BIN)
        .args([
            "serve",
            "--allow-origin",
            "https://portal.example.vn/tin-tuc/",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "invalid value 'https://portal.example.vn/tin-tuc/' for '--allow-origin <ORIGIN>'"
        ),
        "{err}"
    );
}

#[test]
fn a_reader_likes_a_published_comment_once_and_can_take_it_back() {
    let s = Server::start(&[]);
    let page = s.comments(KHOI);
    let id = ids(&page)[3].clone();
    assert_eq!(id, UNLIKED);
    assert!(unliked(&page).get("likes").is_none(), "none yet: absent");
    let path = likes_path(KHOI, &id);
    let (a, b) = ("reader-a-0123456789abcdef", "reader_b_0123456789ABCDEF");
    let likes = |r: Resp| {
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(
            r.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        r.json()
    };
    assert_eq!(
        likes(like(&s, "POST", &path, Some(a), None)),
        json!({"likes": 1})
    );
    assert_eq!(
        likes(like(&s, "POST", &path, Some(a), None)),
        json!({"likes": 1})
    );
    assert_eq!(
        likes(like(&s, "POST", &path, Some(b), None)),
        json!({"likes": 2})
    );
    assert_eq!(
        likes(like(&s, "DELETE", &path, Some(a), None)),
        json!({"likes": 1})
    );
    assert_eq!(
        likes(like(&s, "DELETE", &path, Some(a), None)),
        json!({"likes": 1})
    );
    let page = s.comments(KHOI);
    assert_eq!(unliked(&page)["likes"], 1);
    assert_eq!(page["items"][2]["likes"], 3, "the demo's, untouched");
    // The page is still one the app reads.
    let parsed = contract::parse_comment_page(&page.to_string()).unwrap();
    assert_eq!(parsed.items[3].likes, Some(1));

    for token in ["short", "has space 0123456789"] {
        let r = like(&s, "POST", &path, Some(token), None);
        assert_eq!(r.status, 400, "{token:?}");
        assert!(r.text().contains("X-Reader-Token"), "{}", r.text());
    }
    // Only a published comment of that article.
    let hoi_an = ids(&s.comments(HOI_AN))[0].clone();
    let r = s.comment(KHOI, "An", "Chờ duyệt");
    let pending = r.json()["comment"]["id"].as_str().unwrap().to_string();
    for wrong in [
        likes_path(KHOI, "no-such-comment"),
        likes_path(KHOI, &hoi_an),
        likes_path(KHOI, &pending),
        likes_path("no-such-article", &id),
    ] {
        assert_eq!(
            like(&s, "POST", &wrong, Some(a), None).status,
            404,
            "{wrong}"
        );
    }
    assert_eq!(unliked(&s.comments(KHOI))["likes"], 1, "unchanged");
}

#[test]
fn fifty_concurrent_likes_are_all_counted() {
    let s = Server::start(&[]);
    let path = likes_path(KHOI, UNLIKED);
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let (addr, path) = (s.addr.clone(), path.clone());
            std::thread::spawn(move || {
                let token = format!("concurrent-reader-{i:04}");
                request(&addr, "POST", &path, &[("X-Reader-Token", &token)], b"")
            })
        })
        .collect();
    let mut counts: Vec<u64> = threads
        .into_iter()
        .map(|t| {
            let r = t.join().unwrap();
            assert_eq!(r.status, 200, "{}", r.text());
            r.json()["likes"].as_u64().unwrap()
        })
        .collect();
    counts.sort_unstable();
    // Each like saw its own count: none lost, none doubled.
    assert_eq!(counts, (1..=50).collect::<Vec<u64>>());
    assert_eq!(unliked(&s.comments(KHOI))["likes"], 50);
}

#[test]
fn healthz_says_ok_while_the_database_answers_and_is_never_cached() {
    let s = Server::start(&[]);
    let r = s.get("/healthz");
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "ok\n");
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert!(r.header("content-type").unwrap().starts_with("text/plain"));
}
