//! Live coverage from the moderation desk (issue 28) over real HTTP on loopback: an editor
//! adds an entry and ends the coverage at `/quan-tri/truc-tiep`, readers' `live.json`
//! follows, every write needs the session and its CSRF token, bad input comes back with a
//! Vietnamese message and what was typed, and the audit log has both actions.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const PASSWORD: &str = "mật khẩu đủ dài 2026";

/// A content folder holding one article of the demo (KHOI), in `dir`.
fn folder(dir: &TempDir) -> PathBuf {
    let content = dir.0.join("content");
    std::fs::create_dir_all(content.join("articles")).unwrap();
    let name = format!("articles/{KHOI}.json");
    std::fs::copy(content_dir().join(&name), content.join(&name)).unwrap();
    content
}

/// A server of `content` with an editor's account, and the editor logged in.
fn desk_of(content: &Path) -> (Server, DeskClient) {
    let s = Server::start_with_content(content, &[]);
    assert!(s.add_user("bien-tap", PASSWORD).status.success());
    let mut desk = DeskClient::new(&s);
    assert_eq!(desk.login("bien-tap", PASSWORD).status, 303);
    (s, desk)
}

fn page() -> String {
    format!("{DESK}/truc-tiep")
}

fn live_json() -> String {
    format!("/api/articles/{KHOI}/live.json")
}

fn audit_rows(s: &Server) -> Vec<(String, String, String, String)> {
    s.sql(
        "SELECT actor, action, comment_id, slug FROM desk_audit ORDER BY seq",
        &[],
    )
    .into_iter()
    .map(|r| {
        let text = |i: usize| r[i].clone().unwrap_or_default();
        (text(0), text(1), text(2), text(3))
    })
    .collect()
}

#[test]
fn an_editor_adds_an_entry_then_ends_the_coverage_and_both_are_audited() {
    let dir = TempDir::new();
    let content = folder(&dir);
    let (s, mut desk) = desk_of(&content);
    assert_eq!(s.get(&live_json()).status, 404, "no coverage yet");

    let form = desk.get(&page());
    assert_eq!(form.status, 200, "{}", form.text());
    let html = form.text();
    assert!(html.contains("Tường thuật trực tiếp") && html.contains("Đăng cập nhật"));
    let queue = desk.get(&format!("{DESK}/")).text();
    assert!(
        queue.contains(&format!(r#"href="{DESK}/truc-tiep""#)),
        "in the navigation"
    );
    let csrf = csrf_of(&html);

    let first = [
        ("csrf", csrf.as_str()),
        ("slug", KHOI),
        ("tieu-de", "Khai mạc"),
        ("noi-dung", "Hội nghị bắt đầu."),
    ];
    let r = desk.post(&page(), &first);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        r.header("location"),
        Some(&*format!("{}?xong=them", page()))
    );
    let before = s.get(&live_json());
    assert_eq!(before.status, 200);
    let tag = before.header("etag").unwrap().to_string();

    let second = [
        ("csrf", csrf.as_str()),
        ("slug", KHOI),
        ("tieu-de", ""),
        ("noi-dung", "Đại biểu <b>phát biểu</b>.\n\nPhần hai."),
    ];
    assert_eq!(desk.post(&page(), &second).status, 303);
    let after = s.get(&live_json());
    assert_ne!(after.header("etag").unwrap(), tag, "a new version");
    let doc = after.json();
    assert_eq!(doc["status"], "live");
    let newest = &doc["entries"][0];
    assert!(newest.get("title").is_none(), "{doc}");
    assert_eq!(
        newest["body"][0]["html"], "Đại biểu &lt;b&gt;phát biểu&lt;/b&gt;.",
        "text, never markup"
    );
    assert_eq!(newest["body"][1]["html"], "Phần hai.");
    assert_eq!(doc["entries"][1]["title"], "Khai mạc");
    let newest_id = newest["id"].as_str().unwrap().to_string();

    let listed = desk.get(&format!("{}?xong=them", page())).text();
    assert!(listed.contains("Đã đăng cập nhật.") && listed.contains("đang tường thuật"));
    let end = desk.post(
        &format!("{}/ket-thuc", page()),
        &[("csrf", &csrf), ("slug", KHOI)],
    );
    assert_eq!(end.status, 303, "{}", end.text());
    assert_eq!(s.get(&live_json()).json()["status"], "ended");

    // An ended coverage takes no entry: the form again, with what was typed.
    let late = desk.post(&page(), &first);
    assert_eq!(late.status, 422);
    let late = late.text();
    assert!(late.contains("đã kết thúc: không thêm được"), "{late}");
    assert!(late.contains(r#"value="Khai mạc""#) && late.contains("Hội nghị bắt đầu."));
    assert_eq!(
        s.get(&live_json()).json()["entries"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let rows = audit_rows(&s);
    let actions: Vec<_> = rows.iter().map(|r| (r.1.as_str(), r.3.as_str())).collect();
    assert_eq!(
        actions,
        [("live-add", KHOI), ("live-add", KHOI), ("live-end", KHOI)]
    );
    assert!(rows.iter().all(|r| r.0 == "bien-tap"));
    assert_eq!(rows[1].2, newest_id, "the entry's id");
    let log = desk.get(&format!("{DESK}/nhat-ky")).text();
    assert!(log.contains("Đăng cập nhật trực tiếp") && log.contains("Kết thúc tường thuật"));
}

#[test]
fn bad_input_comes_back_with_a_vietnamese_message_and_what_was_typed() {
    let dir = TempDir::new();
    let content = folder(&dir);
    let (s, mut desk) = desk_of(&content);
    let csrf = csrf_of(&desk.get(&page()).text());
    let cases = [
        (KHOI, "  \n\n ", "không được để trống"),
        ("khong-co-bai-nay", "Tin mới", "Không có bài viết nào"),
        ("../khoi", "Tin mới", "Slug không hợp lệ"),
    ];
    for (slug, body, said) in cases {
        let r = desk.post(
            &page(),
            &[
                ("csrf", &csrf),
                ("slug", slug),
                ("tieu-de", "Hiệp <2>"),
                ("noi-dung", body),
            ],
        );
        assert_eq!(r.status, 422, "{slug}");
        let html = r.text();
        assert!(html.contains(said), "{said} in {html}");
        assert!(
            html.contains(r#"value="Hiệp &lt;2&gt;""#),
            "the title kept: {html}"
        );
    }
    assert_eq!(s.get(&live_json()).status, 404, "nothing written");
    assert!(!content.join("articles/khong-co-bai-nay").exists());
    assert!(audit_rows(&s).is_empty());
}

#[test]
fn without_a_session_or_its_token_nothing_is_written() {
    let dir = TempDir::new();
    let content = folder(&dir);
    let (s, mut desk) = desk_of(&content);
    let fields = |csrf: &'static str| {
        [
            ("csrf", csrf),
            ("slug", KHOI),
            ("tieu-de", ""),
            ("noi-dung", "Tin mới"),
        ]
    };
    assert_eq!(desk.post(&page(), &fields("")).status, 403);
    assert_eq!(desk.post(&page(), &fields("deadbeef")).status, 403);
    let no_token = desk.post(&format!("{}/ket-thuc", page()), &[("slug", KHOI)]);
    assert_eq!(no_token.status, 403);

    let mut stranger = DeskClient::new(&s);
    let page_of_stranger = stranger.get(&page());
    assert_eq!(page_of_stranger.status, 303);
    assert_eq!(
        page_of_stranger.header("location"),
        Some(&*format!("{DESK}/dang-nhap"))
    );
    assert_eq!(stranger.post(&page(), &fields("deadbeef")).status, 403);

    assert_eq!(s.get(&live_json()).status, 404, "nothing written");
    assert!(audit_rows(&s).is_empty());
}
