//! Contract v2 on the reference server, over real HTTP on loopback: replies and their
//! pages, the most-liked order, likes by the reader cookie, and the spam guard before
//! moderation.

mod common;

use common::*;
use serde_json::{json, Value};

const MSG_PARENT: &str =
    "Không thể trả lời bình luận này: bình luận không tồn tại hoặc chưa được đăng";

fn reply(s: &Server, slug: &str, parent: &str, name: &str, body: &str) -> Resp {
    s.post_json(
        &format!("/api/articles/{slug}/comments"),
        &json!({"author_name": name, "body": body, "website": "", "parent_id": parent}),
    )
}

fn created_id(r: &Resp) -> String {
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()["comment"]["id"].as_str().unwrap().to_string()
}

fn get_json(s: &Server, path: &str) -> Value {
    let r = s.get(path);
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    r.json()
}

fn item<'a>(page: &'a Value, id: &str) -> &'a Value {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {page}"))
}

/// The reader cookie a comments GET gives, as `name=value`.
fn reader_cookie(s: &Server) -> String {
    let r = s.get(&format!("/api/articles/{XUAN_HONG}/comments.json"));
    let set = r.header("set-cookie").expect("a cookie for a new reader");
    set.split(';').next().unwrap().to_string()
}

fn like_as(s: &Server, method: &str, slug: &str, id: &str, cookie: &str) -> Resp {
    request(
        &s.addr,
        method,
        &format!("/api/articles/{slug}/comments/{id}/likes"),
        &[("Cookie", cookie)],
        b"",
    )
}

fn pending_line(s: &Server, id: &str) -> Vec<String> {
    let listing = s.pending();
    let line = listing
        .lines()
        .find(|l| l.starts_with(id))
        .unwrap_or_else(|| panic!("{id} not pending: {listing}"));
    line.split('\t').map(String::from).collect()
}

#[test]
fn a_reply_answers_only_a_published_top_level_comment_of_the_same_article() {
    let s = Server::start(&["--auto-publish", "--rate-limit", "0"]);
    let top = created_id(&s.comment(XUAN_HONG, "Lan", "Mở đầu cuộc trò chuyện"));
    let r = reply(&s, XUAN_HONG, &top, "Hùng", "Tôi đồng ý với chị Lan");
    let answer = r.json();
    let own = created_id(&r);
    assert_eq!(answer["status"], "published");
    assert!(answer["comment"].get("replies").is_none());
    contract::parse_created(&r.text()).unwrap();

    let rejected = created_id(&s.comment(XUAN_HONG, "Bình", "Sẽ bị từ chối"));
    assert!(s.cli(&["reject", &rejected]).status.success());
    let other_article = created_id(&s.comment(KHOI, "Mai", "Ở bài khác"));
    for (parent, why) in [
        (own.as_str(), "a reply"),
        ("c-no-such-comment", "unknown"),
        (other_article.as_str(), "another article's"),
        (rejected.as_str(), "rejected"),
        ("", "empty"),
    ] {
        let r = reply(&s, XUAN_HONG, parent, "Hùng", &format!("Trả lời {why}"));
        assert_eq!(r.status, 422, "{why}: {}", r.text());
        assert_eq!(
            r.json(),
            json!({"errors": {"parent_id": MSG_PARENT}}),
            "{why}"
        );
        let errors = contract::parse_validation_failure(&r.text()).unwrap();
        assert_eq!(errors.parent_id.as_deref(), Some(MSG_PARENT));
    }
    // Only the reply answered properly is stored, and total counts top-level comments only.
    let page = s.comments(XUAN_HONG);
    assert_eq!(page["total"], 1);
    assert_eq!(ids(&item(&page, &top)["replies"]), [own]);
}

#[test]
fn a_thread_shows_three_replies_oldest_first_and_pages_the_rest() {
    let s = Server::start(&["--auto-publish", "--rate-limit", "0"]);
    let top = created_id(&s.comment(XUAN_HONG, "Lan", "Ai đi hiến máu hôm nay?"));
    let quiet = created_id(&s.comment(XUAN_HONG, "Hòa", "Không ai trả lời tôi"));
    let replies: Vec<String> = (0..25)
        .map(|i| created_id(&reply(&s, XUAN_HONG, &top, "Bạn đọc", &format!("Lần {i}"))))
        .collect();
    let page = s.comments(XUAN_HONG);
    assert_eq!(page["total"], 2, "replies are not top-level comments");
    assert_eq!(ids(&page), [quiet.clone(), top.clone()], "newest first");
    assert!(item(&page, &quiet).get("replies").is_none(), "none: absent");
    let thread = &item(&page, &top)["replies"];
    assert_eq!(ids(thread), replies[..3], "the first three, oldest first");
    assert_eq!(thread["total"], 25);
    let next = thread["next"].as_str().unwrap();
    assert_eq!(
        next,
        format!("articles/{XUAN_HONG}/comments/{top}/replies.json")
    );
    contract::parse_comment_page(&page.to_string()).unwrap();

    let rest = get_json(&s, &format!("/api/{next}"));
    contract::parse_reply_page(&rest.to_string()).unwrap();
    assert_eq!(ids(&rest), replies[3..23]);
    assert_eq!(rest["total"], 25);
    let next = rest["next"].as_str().unwrap();
    assert_eq!(
        next,
        format!("articles/{XUAN_HONG}/comments/{top}/replies-2.json")
    );
    let last = get_json(&s, &format!("/api/{next}"));
    assert_eq!(ids(&last), replies[23..]);
    assert!(last.get("next").is_none());

    let base = format!("/api/articles/{XUAN_HONG}/comments");
    for missing in [
        format!("{base}/{top}/replies-3.json"),
        format!("{base}/{top}/replies-1.json"),
        format!("{base}/{}/replies.json", replies[0]),
        format!("{base}/c-unknown/replies.json"),
        format!("/api/articles/{KHOI}/comments/{top}/replies.json"),
    ] {
        assert_eq!(s.get(&missing).status, 404, "{missing}");
    }
    // A thread with few replies has an empty rest.
    let empty = get_json(&s, &format!("{base}/{quiet}/replies.json"));
    assert_eq!(empty, json!({"items": [], "total": 0}));
}

#[test]
fn pending_replies_never_appear_and_pending_shows_flag_and_parent() {
    let s = Server::start(&["--rate-limit", "0"]);
    let top = created_id(&s.comment(XUAN_HONG, "Lan", "Chủ đề mới"));
    assert!(s.cli(&["approve", &top]).status.success());
    let r = reply(&s, XUAN_HONG, &top, "Hùng", "Đang chờ duyệt");
    assert_eq!(r.json()["status"], "pending");
    let pending_reply = created_id(&r);
    let columns = pending_line(&s, &pending_reply);
    assert_eq!(columns.len(), 7, "{columns:?}");
    assert_eq!(columns[5], "-", "no flag");
    assert_eq!(columns[6], top, "the thread it answers");

    for path in [
        format!("/api/articles/{XUAN_HONG}/comments.json"),
        format!("/api/articles/{XUAN_HONG}/comments-top.json"),
    ] {
        let page = get_json(&s, &path);
        assert_eq!(ids(&page), [top.as_str()], "{path}");
        assert!(page["items"][0].get("replies").is_none(), "{path}");
    }
    let rest = get_json(
        &s,
        &format!("/api/articles/{XUAN_HONG}/comments/{top}/replies.json"),
    );
    assert_eq!(rest["total"], 0);
    // Nor can it be liked.
    let cookie = reader_cookie(&s);
    assert_eq!(
        like_as(&s, "POST", XUAN_HONG, &pending_reply, &cookie).status,
        404
    );
    assert!(s.cli(&["approve", &pending_reply]).status.success());
    let page = s.comments(XUAN_HONG);
    assert_eq!(ids(&page["items"][0]["replies"]), [pending_reply.as_str()]);
    let r = like_as(&s, "POST", XUAN_HONG, &pending_reply, &cookie);
    assert_eq!(r.json(), json!({"likes": 1}), "a published reply is liked");
    assert_eq!(
        s.comments(XUAN_HONG)["items"][0]["replies"]["items"][0]["likes"],
        1
    );
}

#[test]
fn comments_top_is_most_liked_first_then_newest_with_its_own_pages() {
    let s = Server::start(&["--auto-publish", "--rate-limit", "0"]);
    let made: Vec<String> = (0..22)
        .map(|i| created_id(&s.comment(XUAN_HONG, "Bạn đọc", &format!("Ý kiến số {i}"))))
        .collect();
    let readers: Vec<String> = (0..3).map(|_| reader_cookie(&s)).collect();
    for (n, likers) in [(5, 3), (10, 2), (1, 2)] {
        for cookie in &readers[..likers] {
            let r = like_as(&s, "POST", XUAN_HONG, &made[n], cookie);
            assert_eq!(r.status, 200, "{}", r.text());
        }
    }
    let top = get_json(&s, &format!("/api/articles/{XUAN_HONG}/comments-top.json"));
    contract::parse_comment_page(&top.to_string()).unwrap();
    assert_eq!(top["total"], 22);
    let order = ids(&top);
    assert_eq!(order.len(), 20);
    assert_eq!(
        order[..3],
        [made[5].clone(), made[10].clone(), made[1].clone()]
    );
    assert_eq!(top["items"][0]["likes"], 3);
    assert_eq!(order[3], made[21], "then the newest of those without likes");
    assert_eq!(
        top["next"],
        format!("articles/{XUAN_HONG}/comments-top-2.json")
    );
    let second = get_json(
        &s,
        &format!("/api/articles/{XUAN_HONG}/comments-top-2.json"),
    );
    assert_eq!(ids(&second), [made[2].clone(), made[0].clone()]);
    assert!(second.get("next").is_none());
    assert_eq!(
        s.get(&format!("/api/articles/{XUAN_HONG}/comments-top-3.json"))
            .status,
        404
    );
    // The newest-first pages are unchanged by likes.
    let newest = s.comments(XUAN_HONG);
    assert_eq!(ids(&newest)[0], made[21]);
    assert_eq!(
        newest["next"],
        format!("articles/{XUAN_HONG}/comments-2.json")
    );
}

#[test]
fn the_reader_cookie_is_given_once_with_its_flags() {
    let s = Server::start(&["--auto-publish"]);
    let top = created_id(&s.comment(XUAN_HONG, "Lan", "Một chủ đề"));
    for path in [
        format!("/api/articles/{KHOI}/comments.json"),
        format!("/api/articles/{KHOI}/comments-top.json"),
        format!("/api/articles/{XUAN_HONG}/comments/{top}/replies.json"),
    ] {
        let r = s.get(&path);
        assert_eq!(r.status, 200, "{path}");
        let set = r.header("set-cookie").unwrap_or_else(|| panic!("{path}"));
        let parts: Vec<&str> = set.split(';').map(str::trim).collect();
        let value = parts[0].strip_prefix("news_reader=").expect("the cookie");
        assert_eq!(value.len(), 32, "128 bits in hex: {value}");
        assert!(value.bytes().all(|b| b.is_ascii_hexdigit()));
        for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=31536000"] {
            assert!(parts.contains(&flag), "{flag} in {set}");
        }
        assert!(!parts.contains(&"Secure"), "plain http: {set}");
        assert_eq!(r.header("cache-control"), Some("private, no-cache"));
        // A reader who has one is not given another.
        let again = request(&s.addr, "GET", &path, &[("Cookie", parts[0])], b"");
        assert_eq!(again.status, 200);
        assert!(again.header("set-cookie").is_none(), "{path}");
    }
    assert_ne!(
        reader_cookie(&s),
        reader_cookie(&s),
        "each reader their own"
    );
    // With the article's page, which carries the comments and their buttons.
    let r = s.get(&format!("/chinh-tri/{KHOI}"));
    assert_eq!(r.status, 200);
    let set = r.header("set-cookie").expect("a cookie with the page");
    assert!(
        set.starts_with("news_reader=") && set.contains("HttpOnly"),
        "{set}"
    );
    // Not with other answers.
    assert!(s.get("/api/most-read.json").header("set-cookie").is_none());
    assert!(s
        .get(&format!("/api/articles/{KHOI}.json"))
        .header("set-cookie")
        .is_none());

    let https = Server::start(&["--site-url", "https://bao.example.vn/"]);
    let r = https.get(&format!("/api/articles/{KHOI}/comments.json"));
    let set = r.header("set-cookie").unwrap();
    assert!(set.split(';').any(|p| p.trim() == "Secure"), "{set}");
}

#[test]
fn a_reader_with_the_cookie_likes_once_and_one_without_is_refused() {
    let s = Server::start(&[]);
    let id = ids(&s.comments(KHOI))[0].clone();
    let before = s.comments(KHOI)["items"][0]["likes"].as_u64().unwrap_or(0);
    let cookie = reader_cookie(&s);
    for _ in 0..2 {
        let r = like_as(&s, "POST", KHOI, &id, &cookie);
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(
            r.json(),
            json!({"likes": before + 1}),
            "the same reader once"
        );
    }
    let r = like_as(&s, "DELETE", KHOI, &id, &cookie);
    assert_eq!(r.json(), json!({"likes": before}));

    let path = format!("/api/articles/{KHOI}/comments/{id}/likes");
    for cookie in [
        None,
        Some("news_reader=short"),
        Some("other=0123456789abcdef0123"),
    ] {
        let headers: Vec<(&str, &str)> = cookie.map(|c| ("Cookie", c)).into_iter().collect();
        let r = request(&s.addr, "POST", &path, &headers, b"");
        assert_eq!(r.status, 403, "{cookie:?}");
        assert_eq!(
            r.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        let message = r.json()["error"].as_str().unwrap().to_string();
        assert!(message.contains("cookie"), "{message}");
        assert!(message.contains("bình luận"), "Vietnamese: {message}");
    }
    let now = s.comments(KHOI)["items"][0]["likes"].as_u64().unwrap_or(0);
    assert_eq!(now, before, "unchanged");
}

#[test]
fn fifty_concurrent_likes_from_fifty_cookie_readers_count_fifty() {
    let s = Server::start(&["--auto-publish"]);
    let id = created_id(&s.comment(XUAN_HONG, "Lan", "Thích thì bấm"));
    let cookies: Vec<String> = (0..50).map(|_| reader_cookie(&s)).collect();
    let path = format!("/api/articles/{XUAN_HONG}/comments/{id}/likes");
    let threads: Vec<_> = cookies
        .iter()
        .cloned()
        .map(|cookie| {
            let (addr, path) = (s.addr.clone(), path.clone());
            std::thread::spawn(move || request(&addr, "POST", &path, &[("Cookie", &cookie)], b""))
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
    assert_eq!(
        counts,
        (1..=50).collect::<Vec<u64>>(),
        "none lost, none doubled"
    );
    assert_eq!(s.comments(XUAN_HONG)["items"][0]["likes"], 50);
    // A reader's second like changes nothing; a like taken back is taken back once.
    assert_eq!(
        like_as(&s, "POST", XUAN_HONG, &id, &cookies[7]).json(),
        json!({"likes": 50})
    );
    assert_eq!(
        like_as(&s, "DELETE", XUAN_HONG, &id, &cookies[7]).json(),
        json!({"likes": 49})
    );
    assert_eq!(
        like_as(&s, "DELETE", XUAN_HONG, &id, &cookies[7]).json(),
        json!({"likes": 49})
    );
}

#[test]
fn too_many_likes_from_one_client_get_429_with_retry_after() {
    let s = Server::start(&[
        "--trusted-proxy",
        "127.0.0.1",
        "--like-rate-limit",
        "3",
        "--like-rate-window-secs",
        "600",
    ]);
    let page = s.comments(KHOI);
    let all = ids(&page);
    let cookie = reader_cookie(&s);
    let like_from = |client: &str, id: &str| {
        request(
            &s.addr,
            "POST",
            &format!("/api/articles/{KHOI}/comments/{id}/likes"),
            &[("Cookie", &cookie), ("X-Forwarded-For", client)],
            b"",
        )
    };
    for id in &all[..3] {
        assert_eq!(like_from("198.51.100.1", id).status, 200);
    }
    let r = like_from("198.51.100.1", &all[3]);
    assert_eq!(r.status, 429, "{}", r.text());
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=200).contains(&wait), "{wait}");
    // Another client has its own allowance.
    assert_eq!(like_from("198.51.100.2", &all[3]).status, 200);
}

#[test]
fn the_spam_guard_holds_banned_words_and_links_and_refuses_duplicates() {
    let mut flags = vec![
        "--auto-publish",
        "--trusted-proxy",
        "127.0.0.1",
        "--rate-limit",
        "0",
    ];
    // SQLite's default file is beside the database; PostgreSQL's in the working folder,
    // so there it is named.
    let words_dir = TempDir::new();
    let named = words_dir.0.join("banned-words.txt").display().to_string();
    if on_postgres() {
        flags.extend(["--banned-words", named.as_str()]);
    }
    let s = Server::start(&flags);
    // Written after the start: read when it appears.
    let words = if on_postgres() {
        words_dir.0.join("banned-words.txt")
    } else {
        s.dir.0.join("banned-words.txt")
    };
    std::fs::write(&words, "# Từ cấm của tòa soạn\ncá độ\nlừa đảo\n").unwrap();
    let post = |client: &str, name: &str, body: &str| {
        let json = json!({"author_name": name, "body": body, "website": ""}).to_string();
        request(
            &s.addr,
            "POST",
            &format!("/api/articles/{XUAN_HONG}/comments"),
            &[
                ("Content-Type", "application/json"),
                ("X-Forwarded-For", client),
            ],
            json.as_bytes(),
        )
    };
    let r = post("198.51.100.1", "Khách", "Vào trang CÁ ĐỘ này đi");
    assert_eq!(r.status, 201);
    assert_eq!(
        r.json()["status"],
        "pending",
        "held even with --auto-publish"
    );
    let banned = created_id(&r);
    assert_eq!(pending_line(&s, &banned)[5], "banned:cá độ");
    let r = post("198.51.100.1", "Khách", "Các độc giả ca do thái quá");
    assert_eq!(r.json()["status"], "published", "no whole banned word");

    let three = "Xem https://a.example, http://b.example và www.c.example";
    let r = post("198.51.100.1", "Khách", three);
    assert_eq!(r.json()["status"], "pending");
    assert_eq!(pending_line(&s, &created_id(&r))[5], "links");
    let r = post(
        "198.51.100.1",
        "Khách",
        "Nguồn: https://a.example và www.b.example",
    );
    assert_eq!(r.json()["status"], "published", "two links pass");

    // The newsroom edits the file: the next comment is checked against the new words.
    std::fs::write(&words, "cờ bạc\n").unwrap();
    let r = post("198.51.100.1", "Khách", "Trang cờ bạc uy tín");
    assert_eq!(r.json()["status"], "pending");
    assert_eq!(pending_line(&s, &created_id(&r))[5], "banned:cờ bạc");
    let r = post("198.51.100.1", "Khách", "Không còn lừa đảo nữa");
    assert_eq!(r.json()["status"], "published");

    // The same body from the same client within ten minutes.
    let r = post("198.51.100.7", "Hạnh", "Cảm ơn tòa soạn");
    assert_eq!(r.json()["status"], "published");
    let r = post("198.51.100.7", "Hạnh", "  Cảm ơn tòa soạn ");
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json(), json!({"errors": {"body": "Bình luận trùng lặp"}}));
    assert_eq!(post("198.51.100.8", "Hạnh", "Cảm ơn tòa soạn").status, 201);
    assert_eq!(
        post("198.51.100.7", "Hạnh", "Cảm ơn tòa soạn nhiều").status,
        201
    );
    let published: Vec<String> = s.comments(XUAN_HONG)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        published.iter().filter(|b| *b == "Cảm ơn tòa soạn").count(),
        2,
        "one per client"
    );
}

#[test]
fn an_explicit_banned_words_file_is_used() {
    let dir = TempDir::new();
    let words = dir.0.join("tu-cam.txt");
    std::fs::write(&words, "quảng cáo\n").unwrap();
    let s = Server::start(&["--auto-publish", "--banned-words", words.to_str().unwrap()]);
    let r = s.comment(XUAN_HONG, "Khách", "Nhận Quảng Cáo giá rẻ");
    assert_eq!(r.json()["status"], "pending");
    let r = s.comment(XUAN_HONG, "Khách", "Nhận quang cao giá rẻ");
    assert_eq!(r.json()["status"], "published", "diacritics count");
}

/// Every comment of the pages from `first` on, following `next`, each as its id, its likes
/// and its whole thread: what the server and the static files share (the server writes
/// times in UTC, the files in Vietnam's, and pages of its own size).
fn whole_list(get: &dyn Fn(&str) -> Value, first: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut next = Some(first.to_string());
    while let Some(path) = next.take() {
        let page = get(&path);
        for c in page["items"].as_array().unwrap() {
            let thread = match c.get("replies") {
                None => Vec::new(),
                Some(r) => {
                    let mut all: Vec<Value> = r["items"].as_array().unwrap().to_vec();
                    if let Some(rest) = r["next"].as_str() {
                        all.extend(whole_list(get, rest));
                    }
                    all
                }
            };
            out.push(
                json!({"id": c["id"], "likes": c["likes"], "thread": thread.iter()
                .map(|r| json!({"id": r["id"], "likes": r["likes"]})).collect::<Vec<_>>()}),
            );
        }
        next = page["next"].as_str().map(String::from);
    }
    out
}

#[test]
fn the_demo_threads_and_likes_are_served_as_the_static_files_have_them() {
    let s = Server::start(&[]);
    let root = content_dir();
    let from_file = |path: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(path)).unwrap()).unwrap()
    };
    let from_server = |path: &str| get_json(&s, &format!("/api/{path}"));
    for slug in [
        KHOI,
        HOI_AN,
        "hoc-sinh-quang-nam-tro-lai-truong-sau-ky-nghi-tet",
    ] {
        for first in [
            format!("articles/{slug}/comments.json"),
            format!("articles/{slug}/comments-top.json"),
        ] {
            let file = whole_list(&from_file, &first);
            assert!(!file.is_empty(), "{first}");
            assert_eq!(whole_list(&from_server, &first), file, "{first}");
        }
    }
    let top = get_json(&s, &format!("/api/articles/{KHOI}/comments-top.json"));
    assert_eq!(ids(&top), ["c-0015", "c-0014", "c-0013", "c-0012"]);
    let thread = &top["items"][0]["replies"];
    assert_eq!(ids(thread), ["c-0101", "c-0102", "c-0103"]);
    assert_eq!(thread["total"], 5);
}
