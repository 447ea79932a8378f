//! Search (`search.json`) and topics (`topics/{slug}.json`) over HTTP, on a content folder
//! of the fixtures in `fixtures/search/` (copied, so that a test may write into it): what a
//! reader finds with or without marks, in which order, what a hostile query is answered,
//! and an article found once written, without a restart. On SQLite, and on PostgreSQL with
//! `NEWS_TEST_ENGINE=postgres` like every HTTP test.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

const STORM: &str = "bao-so-5-do-bo-da-nang";
const PRESS: &str = "bao-chi-cach-mang-viet-nam";
const FLOOD: &str = "lu-len-nhanh-o-quang-nam";
const GOLD: &str = "gia-vang-hom-nay";
const HOI_AN_NFD: &str = "pho-co-hoi-an-don-khach";
const RESERVED: &str = "bai-trong-chuyen-muc-cam";

/// A copy of the fixtures' content folder, removed on drop.
struct Content {
    dir: TempDir,
}

impl Content {
    fn new() -> Content {
        let dir = TempDir::new();
        let articles = dir.0.join("content/articles");
        std::fs::create_dir_all(&articles).unwrap();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/articles");
        for entry in std::fs::read_dir(fixtures).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), articles.join(entry.file_name())).unwrap();
        }
        Content { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.0.join("content")
    }
}

/// A server over a fresh copy of the fixtures.
fn server() -> (Server, Content) {
    let content = Content::new();
    let s = Server::start_with_content(&content.path(), &[]);
    (s, content)
}

/// The results' slugs, in order.
fn slugs(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap().to_string())
        .collect()
}

/// The results for an already encoded query; a 503 (the first index is built after the
/// server listens) is asked again, for a bounded time.
fn search(s: &Server, encoded: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut r = s.get(&format!("/api/search.json?q={encoded}"));
    while r.status == 503 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
        r = s.get(&format!("/api/search.json?q={encoded}"));
    }
    assert_eq!(r.status, 200, "{encoded}: {}", r.text());
    // Every answer reads with the contract's strict reader.
    contract::parse_search_page(&r.text()).unwrap();
    r.json()
}

#[test]
fn with_or_without_marks_a_reader_finds_every_spelling_ranked_as_asked() {
    let (s, _content) = server();
    // «da nang» finds «Đà Nẵng»: a title match above a body-only match, though the body's
    // article is newer; the reserved category's article is nowhere.
    for q in [
        "da%20nang",
        "%C4%90%C3%A0%20N%E1%BA%B5ng",
        "Da+N%E1%BA%B5ng",
        "DA+NANG",
    ] {
        let page = search(&s, q);
        assert_eq!(slugs(&page), [STORM, GOLD], "{q}");
        assert_eq!(page["total"], 2, "{q}");
        assert!(page.get("next").is_none());
    }
    // Where it matched, in chars of the title as served: «Bão số 5 đổ bộ Đà Nẵng».
    let page = search(&s, "da+nang");
    assert_eq!(
        page["items"][0]["matches"]["title"],
        serde_json::json!([[15, 17], [18, 22]])
    );
    assert_eq!(page["items"][0]["title"], "Bão số 5 đổ bộ Đà Nẵng");
    assert!(
        page["items"][1]["matches"].get("title").is_none(),
        "a body match has none"
    );
    // «dien ban» finds «Điện Bàn», written in the body only (and as `Điện&nbsp;Bàn`).
    assert_eq!(slugs(&search(&s, "dien+ban")), [FLOOD]);
    // «bão» (storm) above «Báo» (press), though the press article is newer; «báo» the
    // other way round; «bao» newest first.
    assert_eq!(slugs(&search(&s, "b%C3%A3o")), [STORM, PRESS]);
    assert_eq!(slugs(&search(&s, "b%C3%A1o")), [PRESS, STORM]);
    assert_eq!(slugs(&search(&s, "bao")), [PRESS, STORM]);
    // An article saved in NFD is found in NFC, and its ranges slice its own text.
    let page = search(&s, "h%E1%BB%99i+an");
    assert_eq!(slugs(&page), [HOI_AN_NFD]);
    let title: Vec<char> = page["items"][0]["title"]
        .as_str()
        .unwrap()
        .chars()
        .collect();
    let [from, to] = [0, 1].map(|i| page["items"][0]["matches"]["title"][0][i].as_u64().unwrap());
    let shown: String = title[from as usize..to as usize].iter().collect();
    assert_eq!(
        shown.chars().filter(|c| c.is_alphabetic()).count(),
        3,
        "{shown:?}: «Hội»"
    );
    // Query syntax is only separators.
    assert_eq!(slugs(&search(&s, "%22da%22+-nang*+(%3A)")), [STORM, GOLD]);
    assert!(slugs(&search(&s, "ha+noi")).is_empty());
    assert_eq!(s.get("/api/categories/tim-kiem.json").status, 404);
    assert!(!slugs(&search(&s, "chuyen+muc+cam")).contains(&RESERVED.to_string()));
}

#[test]
fn hostile_queries_get_a_clear_answer_never_a_500() {
    let (s, _content) = server();
    let long = "a".repeat(2000);
    for (query, message) in [
        ("", "Vui lòng nhập từ khóa cần tìm"),
        ("?q=", "Vui lòng nhập từ khóa cần tìm"),
        ("?q=%20%20%09", "Vui lòng nhập từ khóa cần tìm"),
        ("?q=%22*()%3A-", "Vui lòng nhập từ khóa cần tìm"),
        (
            "?q=%00%07%1B%E2%80%AE%E2%81%A6%E2%80%8F",
            "Vui lòng nhập từ khóa cần tìm",
        ),
        (&format!("?q={long}"), "Từ khóa quá dài: tối đa 200 ký tự"),
        ("?q=%FF%FE", "Từ khóa có ký tự không hợp lệ"),
        ("?q=bao&trang=0", "Số trang không hợp lệ"),
        ("?q=bao&trang=abc", "Số trang không hợp lệ"),
        ("?q=bao&trang=99999999999", "Số trang không hợp lệ"),
    ] {
        let r = s.get(&format!("/api/search.json{query}"));
        assert_eq!(r.status, 422, "{query}: {}", r.text());
        assert_eq!(r.json()["error"], message, "{query}");
    }
    // Direction and control characters inside a query are separators: the words still count.
    let page = search(&s, "%E2%80%AEda%00nang%E2%81%A6");
    assert_eq!(slugs(&page), [STORM, GOLD]);
    // A page past the results is empty, with the total (the index is ready: searched above).
    let r = s.get("/api/search.json?q=da+nang&trang=5");
    assert_eq!(r.status, 200);
    assert_eq!(
        (
            r.json()["items"].as_array().unwrap().len(),
            r.json()["total"].as_u64()
        ),
        (0, Some(2))
    );
}

#[test]
fn searches_are_limited_per_client() {
    let (s, _content) = server();
    search(&s, "bao");
    let mut refused = None;
    for _ in 0..80 {
        let r = s.get("/api/search.json?q=bao");
        assert!(r.status == 200 || r.status == 429, "{}", r.status);
        if r.status == 429 {
            refused = Some(r);
            break;
        }
    }
    let refused = refused.expect("80 searches at once were all answered");
    assert!(refused.header("retry-after").is_some());
}

#[test]
fn a_topic_lists_only_its_tags_articles() {
    let (s, _content) = server();
    let topic = |slug: &str| {
        let r = s.get(&format!("/api/topics/{slug}.json"));
        assert_eq!(r.status, 200, "{slug}");
        let page = contract::parse_summary_page(&r.text()).unwrap();
        page.items.into_iter().map(|i| i.slug).collect::<Vec<_>>()
    };
    assert_eq!(topic("mien-trung"), [FLOOD, STORM], "newest first");
    assert_eq!(topic("bao-chi"), [PRESS]);
    assert_eq!(topic("du-lich"), [HOI_AN_NFD]);
    for missing in [
        "/api/topics/khong-co.json",
        "/api/topics/thoi-su.json",
        "/api/topics/mien-trung/1.json",
        "/api/topics/mien-trung/0.json",
    ] {
        assert_eq!(s.get(missing).status, 404, "{missing}");
    }
}

#[test]
fn a_new_article_is_found_without_a_restart_and_a_removed_one_is_gone() {
    let (s, content) = server();
    assert!(slugs(&search(&s, "tam+ky")).is_empty());
    let slug = "tam-ky-don-tet";
    let file = content.path().join(format!("articles/{slug}.json"));
    let json = serde_json::json!({
        "slug": slug, "title": "Tam Kỳ đón Tết", "category": {"slug": "xa-hoi", "name": "Xã hội"},
        "published_at": "2026-12-01T08:00:00+07:00", "authors": [], "body": [],
        "tags": [{"slug": "tet", "name": "Tết"}],
    });
    std::fs::write(&file, json.to_string()).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while slugs(&search(&s, "tam+ky")) != [slug] {
        assert!(Instant::now() < deadline, "the new article was never found");
        std::thread::sleep(Duration::from_millis(300));
    }
    assert_eq!(s.get("/api/topics/tet.json").status, 200);
    // Changed: found by its new words only.
    let changed = json.to_string().replace("Tam Kỳ đón Tết", "Hội An đón Tết");
    std::fs::write(&file, changed).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !slugs(&search(&s, "tam+ky")).is_empty() {
        assert!(
            Instant::now() < deadline,
            "the changed article kept its old words"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    assert!(slugs(&search(&s, "hoi+an+don+tet")).contains(&slug.to_string()));
    std::fs::remove_file(&file).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while slugs(&search(&s, "hoi+an+don+tet")).contains(&slug.to_string()) {
        assert!(
            Instant::now() < deadline,
            "the removed article was still found"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}
