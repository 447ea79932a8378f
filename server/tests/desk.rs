//! The moderation desk over real HTTP on loopback: accounts, login and its limits, cookies,
//! CSRF, sessions, and what approving, rejecting and hiding change for readers.

mod common;

use std::time::Duration;

use common::*;

const PASSWORD: &str = "mật khẩu đủ dài 2026";

fn server_with_moderator(extra: &[&str]) -> Server {
    let s = Server::start(extra);
    let out = s.add_user("bien-tap", PASSWORD);
    assert!(out.status.success(), "{out:?}");
    s
}

fn path(tail: &str) -> String {
    format!("{DESK}{tail}")
}

fn pending_id(s: &Server, slug: &str, body: &str) -> String {
    let r = s.comment(slug, "Độc giả", body);
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()["comment"]["id"].as_str().unwrap().to_string()
}

fn status_of(s: &Server, id: &str) -> String {
    s.sql_value("SELECT status FROM comments WHERE id = $1", &[id])
}

fn audit_rows(s: &Server) -> Vec<(String, String, String)> {
    s.sql(
        "SELECT actor, action, comment_id FROM desk_audit ORDER BY seq",
        &[],
    )
    .into_iter()
    .map(|r| {
        let text = |i: usize| r[i].clone().unwrap_or_default();
        (text(0), text(1), text(2))
    })
    .collect()
}

#[test]
fn accounts_are_made_on_the_command_line_with_an_argon2id_hash() {
    let s = server_with_moderator(&[]);
    let hash = s.sql_value(
        "SELECT password_hash FROM desk_users WHERE name = 'bien-tap'",
        &[],
    );
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PASSWORD));

    let short = s.add_user("thu-ky", "ngắn quá");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("ít nhất 10 ký tự"));
    assert!(!s.add_user("bien-tap", PASSWORD).status.success(), "taken");
    assert!(!s.add_user("Tên Có Dấu", PASSWORD).status.success());

    let list = s.cli(&["user", "list"]);
    let text = String::from_utf8(list.stdout).unwrap();
    assert!(text.starts_with("bien-tap\t"), "{text}");
    assert_eq!(text.lines().count(), 1);

    // Removing an account ends its sessions at once.
    let mut desk = DeskClient::new(&s);
    assert_eq!(desk.login("bien-tap", PASSWORD).status, 303);
    assert_eq!(desk.get(&path("/")).status, 200);
    assert!(s.cli(&["user", "remove", "bien-tap"]).status.success());
    let after = desk.get(&path("/"));
    assert_eq!(after.status, 303);
    assert!(!s.cli(&["user", "remove", "bien-tap"]).status.success());
}

#[test]
fn login_sets_a_strict_http_only_session_cookie_on_the_desk_path() {
    let s = server_with_moderator(&[]);
    let mut desk = DeskClient::new(&s);
    let first = desk.get(&path("/"));
    assert_eq!(first.status, 303);
    assert_eq!(first.header("location"), Some("/quan-tri/dang-nhap"));

    let form = desk.get(&path("/dang-nhap"));
    assert_eq!(form.status, 200);
    let csp = form.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(form.header("cache-control"), Some("no-store"));
    let login_cookie = header_values(&form, "set-cookie").join("\n");
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/quan-tri"] {
        assert!(login_cookie.contains(flag), "{login_cookie}");
    }

    let ok = desk.post(
        &path("/dang-nhap"),
        &[
            ("csrf", &csrf_of(&form.text())),
            ("ten", "bien-tap"),
            ("mat-khau", PASSWORD),
        ],
    );
    assert_eq!(ok.status, 303, "{}", ok.text());
    assert_eq!(ok.header("location"), Some("/quan-tri/"));
    let session = header_values(&ok, "set-cookie")
        .into_iter()
        .find(|c| c.starts_with("quan_tri_phien="))
        .unwrap()
        .to_string();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/quan-tri", "Max-Age="] {
        assert!(session.contains(flag), "{session}");
    }
    assert!(!session.contains("Secure"), "plain http on loopback");
    // At least 128 random bits, and only their digest in the database.
    let token = desk.cookie("quan_tri_phien").unwrap().to_string();
    assert!(token.len() >= 32, "{token}");
    let stored = s.sql_value("SELECT token_hash FROM desk_sessions", &[]);
    assert_ne!(stored, token);

    let queue = desk.get(&path("/"));
    assert_eq!(queue.status, 200);
    assert!(queue.text().contains("Hàng chờ duyệt"));
    assert!(queue.text().contains("bien-tap"));
    let script = desk.get(&path("/desk.js"));
    assert_eq!(script.status, 200);
    assert!(script
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
}

#[test]
fn the_desk_moves_with_desk_path() {
    let s = server_with_moderator(&["--desk-path", "/toa-soan/duyet"]);
    assert_eq!(s.get("/quan-tri/dang-nhap").status, 404);
    let form = s.get("/toa-soan/duyet/dang-nhap");
    assert_eq!(form.status, 200);
    assert!(form
        .text()
        .contains(r#"action="/toa-soan/duyet/dang-nhap""#));
    assert!(header_values(&form, "set-cookie")
        .iter()
        .all(|c| c.contains("Path=/toa-soan/duyet;") || c.ends_with("Path=/toa-soan/duyet")));
    assert!(form.text().contains(r#"src="/toa-soan/duyet/desk.js""#));
    assert_eq!(s.get("/toa-soan/duyet/desk.js").status, 200);
}

#[test]
fn cookies_are_secure_over_https_by_site_url_or_a_trusted_proxy() {
    let s = server_with_moderator(&["--site-url", "https://bao.example.vn/"]);
    let mut desk = DeskClient::new(&s);
    let r = desk.login("bien-tap", PASSWORD);
    assert_eq!(r.status, 303);
    assert!(header_values(&r, "set-cookie")
        .iter()
        .all(|c| c.contains("; Secure")));

    let s = server_with_moderator(&["--trusted-proxy", "127.0.0.1"]);
    let mut proxied = DeskClient::new(&s);
    proxied.extra = vec![
        ("X-Forwarded-For".into(), "203.0.113.7".into()),
        ("X-Forwarded-Proto".into(), "https".into()),
    ];
    let r = proxied.login("bien-tap", PASSWORD);
    assert!(header_values(&r, "set-cookie")
        .iter()
        .all(|c| c.contains("; Secure")));
    // From a client that is not the proxy, the header is the client's own word.
    let mut direct = DeskClient::from_ip(&s, [127, 0, 0, 2]);
    direct.extra = vec![("X-Forwarded-Proto".into(), "https".into())];
    let r = direct.login("bien-tap", PASSWORD);
    assert!(header_values(&r, "set-cookie")
        .iter()
        .all(|c| !c.contains("Secure")));
}

#[test]
fn a_wrong_password_and_an_unknown_name_get_the_same_answer() {
    let s = server_with_moderator(&[]);
    let mut desk = DeskClient::new(&s);
    let wrong = desk.login("bien-tap", "không phải mật khẩu");
    let unknown = desk.login("khong-co", PASSWORD);
    for r in [&wrong, &unknown] {
        assert_eq!(r.status, 200);
        assert!(r.text().contains("Tên đăng nhập hoặc mật khẩu không đúng."));
        assert!(header_values(r, "set-cookie")
            .iter()
            .all(|c| !c.starts_with("quan_tri_phien")));
    }
    assert!(desk.cookie("quan_tri_phien").is_none());
    assert_eq!(desk.get(&path("/")).status, 303);
}

#[test]
fn failed_logins_are_limited_per_account_and_per_client() {
    let s = server_with_moderator(&[]);
    assert!(s.add_user("thu-ky", PASSWORD).status.success());
    let mut desk = DeskClient::new(&s);
    for _ in 0..5 {
        assert_eq!(desk.login("bien-tap", "sai mật khẩu rồi").status, 200);
    }
    // The sixth attempt is refused before the password is looked at, the right one too.
    let held = desk.login("bien-tap", PASSWORD);
    assert_eq!(held.status, 429);
    let wait: u64 = held.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(
        held.text().contains("Vui lòng thử lại sau"),
        "{}",
        held.text()
    );
    assert!(desk.cookie("quan_tri_phien").is_none());
    // From another client too: the account is held, not the client.
    let mut other = DeskClient::from_ip(&s, [127, 0, 0, 2]);
    assert_eq!(other.login("bien-tap", PASSWORD).status, 429);
    // Another account from the first client is not.
    assert_eq!(desk.login("thu-ky", PASSWORD).status, 303);

    // One client trying many names: 20 attempts, then 429 whatever the name.
    let mut guesser = DeskClient::from_ip(&s, [127, 0, 0, 3]);
    for n in 0..20 {
        let r = guesser.login(&format!("ten-{n}"), "đoán thử mật khẩu");
        assert_eq!(r.status, 200, "attempt {n}");
    }
    let r = guesser.login("thu-ky", PASSWORD);
    assert_eq!(r.status, 429);
    assert!(r.header("retry-after").is_some());
    // Another client still logs in.
    let mut fourth = DeskClient::from_ip(&s, [127, 0, 0, 4]);
    assert_eq!(fourth.login("thu-ky", PASSWORD).status, 303);
}

#[test]
fn a_post_without_the_right_csrf_token_is_refused_and_changes_nothing() {
    let s = server_with_moderator(&[]);
    let id = pending_id(&s, KHOI, "Chờ duyệt, không ai được đổi");

    // The login form: no token, a wrong one, one signed for another nonce.
    let mut desk = DeskClient::new(&s);
    desk.get(&path("/dang-nhap"));
    let login = path("/dang-nhap");
    let no_token = desk.post(&login, &[("ten", "bien-tap"), ("mat-khau", PASSWORD)]);
    assert_eq!(no_token.status, 403);
    assert!(no_token.text().contains("mã chống giả mạo"));
    let wrong = desk.post(
        &login,
        &[
            ("csrf", "00ff"),
            ("ten", "bien-tap"),
            ("mat-khau", PASSWORD),
        ],
    );
    assert_eq!(wrong.status, 403);
    let mut elsewhere = DeskClient::from_ip(&s, [127, 0, 0, 2]);
    let foreign = csrf_of(&elsewhere.get(&login).text());
    let r = desk.post(
        &login,
        &[
            ("csrf", &foreign),
            ("ten", "bien-tap"),
            ("mat-khau", PASSWORD),
        ],
    );
    assert_eq!(r.status, 403, "a token goes with its own cookie only");
    assert!(desk.cookie("quan_tri_phien").is_none());

    assert_eq!(desk.login("bien-tap", PASSWORD).status, 303);
    let mine = desk.csrf();
    let mut second = DeskClient::from_ip(&s, [127, 0, 0, 2]);
    assert_eq!(second.login("bien-tap", PASSWORD).status, 303);
    let theirs = second.csrf();
    assert_ne!(mine, theirs, "one token per session");

    let approve = path("/duyet");
    for fields in [
        vec![("duyet", id.as_str())],
        vec![("duyet", id.as_str()), ("csrf", "")],
        vec![("duyet", id.as_str()), ("csrf", "deadbeef")],
        vec![("duyet", id.as_str()), ("csrf", theirs.as_str())],
    ] {
        let r = desk.post(&approve, &fields);
        assert_eq!(r.status, 403, "{fields:?}");
    }
    // The right token from another site's page.
    desk.extra = vec![("Origin".into(), "https://ke-xau.example".into())];
    assert_eq!(
        desk.post(&approve, &[("duyet", &id), ("csrf", &mine)])
            .status,
        403
    );
    desk.extra = vec![("Sec-Fetch-Site".into(), "cross-site".into())];
    assert_eq!(
        desk.post(&approve, &[("duyet", &id), ("csrf", &mine)])
            .status,
        403
    );
    // Without a session at all.
    let mut stranger = DeskClient::from_ip(&s, [127, 0, 0, 3]);
    assert_eq!(
        stranger
            .post(&approve, &[("duyet", &id), ("csrf", &mine)])
            .status,
        403
    );
    assert_eq!(status_of(&s, &id), "pending");
    assert!(audit_rows(&s).is_empty());

    // The same form from this site, with its own token, goes through.
    desk.extra = vec![
        ("Origin".into(), format!("http://{}", s.addr)),
        ("Sec-Fetch-Site".into(), "same-origin".into()),
    ];
    let r = desk.post(&approve, &[("duyet", &id), ("csrf", &mine)]);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(status_of(&s, &id), "published");
}

#[test]
fn sessions_end_when_idle_and_at_their_absolute_limit() {
    let s = server_with_moderator(&["--desk-idle-secs", "1", "--desk-max-secs", "60"]);
    let mut desk = DeskClient::new(&s);
    assert_eq!(desk.login("bien-tap", PASSWORD).status, 303);
    assert_eq!(desk.get(&path("/")).status, 200);
    std::thread::sleep(Duration::from_millis(2500));
    let r = desk.get(&path("/"));
    assert_eq!(r.status, 303, "idle too long");
    assert_eq!(r.header("location"), Some("/quan-tri/dang-nhap"));

    // Whole seconds: margins of about two seconds on either side of the limit.
    let s = server_with_moderator(&["--desk-idle-secs", "60", "--desk-max-secs", "4"]);
    let mut desk = DeskClient::new(&s);
    assert_eq!(desk.login("bien-tap", PASSWORD).status, 303);
    for _ in 0..2 {
        std::thread::sleep(Duration::from_millis(1000));
        assert_eq!(desk.get(&path("/")).status, 200, "in use");
    }
    std::thread::sleep(Duration::from_millis(3000));
    assert_eq!(desk.get(&path("/")).status, 303, "past the absolute limit");
}

#[test]
fn logout_deletes_the_session_on_the_server() {
    let s = server_with_moderator(&[]);
    let mut desk = DeskClient::new(&s);
    assert_eq!(desk.login("bien-tap", PASSWORD).status, 303);
    let stolen = desk.cookies.clone();
    let token = desk.csrf();
    let r = desk.post(&path("/dang-xuat"), &[("csrf", &token)]);
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/quan-tri/dang-nhap"));
    assert!(header_values(&r, "set-cookie")
        .iter()
        .any(|c| c.starts_with("quan_tri_phien=;") && c.contains("Max-Age=0")));
    let left = s.sql_value("SELECT COUNT(*) FROM desk_sessions", &[]);
    assert_eq!(left, "0");
    // A copy of the old cookie opens nothing.
    let mut replay = DeskClient::new(&s);
    replay.cookies = stolen;
    assert_eq!(replay.get(&path("/")).status, 303);
}

#[test]
fn approving_rejecting_and_hiding_change_what_readers_get_and_are_logged() {
    let s = server_with_moderator(&[]);
    // A reply, in a thread that has none yet (so it is among the first shown).
    let r = s.post_json(
        &format!("/api/articles/{KHOI}/comments"),
        &serde_json::json!({"author_name": "Độc giả", "body": "Trả lời: tôi đồng ý với bạn",
            "website": "", "parent_id": "c-0013"}),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let reply = r.json()["comment"]["id"].as_str().unwrap().to_string();
    let spam = pending_id(&s, KHOI, "Mua ngay ở http://a.example http://b.example");
    let other = pending_id(&s, XUAN_HONG, "Một ý kiến khác");
    s.sql("UPDATE comments SET flag = 'links' WHERE id = $1", &[&spam]);
    s.sql(
        "UPDATE comments SET flag = 'banned:lừa đảo' WHERE id = $1",
        &[&other],
    );
    let mut desk = DeskClient::new(&s);
    assert_eq!(desk.login("bien-tap", PASSWORD).status, 303);
    let queue = desk.get(&path("/")).text();
    assert!(queue.contains("Hàng chờ duyệt (3)"), "{queue}");
    // Newest first.
    let at = |id: &str| queue.find(&format!("data-id=\"{id}\"")).unwrap();
    assert!(at(&other) < at(&spam) && at(&spam) < at(&reply));
    assert!(queue.contains("Cảnh báo: Nhiều liên kết"));
    assert!(queue.contains("Cảnh báo: Từ cấm: lừa đảo"));
    assert!(
        queue.contains("Trả lời bình luận của"),
        "the parent is shown"
    );
    assert!(queue.contains("Khối thi đua"), "the article's title");
    assert!(
        queue.contains(&format!("/chinh-tri/{KHOI}")),
        "and its link"
    );
    assert!(queue.contains(": 2 bình luận chờ"), "counts per article");

    let token = csrf_of(&queue);
    let r = desk.post(&path("/duyet"), &[("csrf", &token), ("duyet", &reply)]);
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/quan-tri/?xong=duyet&so=1"));
    let r = desk.post(
        &path("/duyet"),
        &[
            ("csrf", &token),
            ("hang-loat", "tu-choi"),
            ("id", &spam),
            ("id", &other),
        ],
    );
    assert_eq!(r.header("location"), Some("/quan-tri/?xong=tu-choi&so=2"));
    assert!(desk
        .get(&path("/?xong=tu-choi&so=2"))
        .text()
        .contains("Đã từ chối 2 bình luận."));

    let readers = s.comments(KHOI);
    assert!(thread_ids(&readers).contains(&reply), "under its comment");
    assert!(!ids(&readers).contains(&spam));
    let article = s.get(&format!("/chinh-tri/{KHOI}"));
    assert!(article.text().contains("tôi đồng ý với bạn"));
    let etag = article.header("etag").unwrap().to_string();

    // Found by article title, slug or author, then hidden.
    for q in ["khối thi đua", KHOI, "ĐỘC GIẢ"] {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", q)
            .finish();
        let found = desk.get(&path(&format!("/da-dang?{query}"))).text();
        assert!(found.contains(&format!("value=\"{reply}\"")), "{q}");
    }
    let r = desk.post(
        &path("/an"),
        &[("csrf", &token), ("id", &reply), ("q", "khoi")],
    );
    assert_eq!(r.status, 303);
    assert_eq!(
        r.header("location"),
        Some("/quan-tri/da-dang?q=khoi&xong=an&so=1")
    );
    assert!(
        !thread_ids(&s.comments(KHOI)).contains(&reply),
        "gone from comments.json"
    );
    let article = s.get(&format!("/chinh-tri/{KHOI}"));
    assert!(
        !article.text().contains("tôi đồng ý với bạn"),
        "and from the page"
    );
    assert_ne!(article.header("etag").unwrap(), etag);
    let row = s.sql(
        "SELECT status, hidden_by FROM comments WHERE id = $1",
        &[&reply],
    );
    assert_eq!(
        row,
        [[Some("rejected".to_string()), Some("bien-tap".to_string())]]
    );

    // The command line still moderates, and is logged as such.
    let late = pending_id(&s, KHOI, "Duyệt từ dòng lệnh");
    assert!(s.cli(&["approve", &late]).status.success());

    assert_eq!(
        audit_rows(&s),
        [
            ("bien-tap".to_string(), "approve".to_string(), reply.clone()),
            ("bien-tap".into(), "reject".into(), spam.clone()),
            ("bien-tap".into(), "reject".into(), other.clone()),
            ("bien-tap".into(), "hide".into(), reply.clone()),
            ("dòng lệnh".into(), "approve".into(), late.clone()),
        ]
    );
    let log = desk.get(&path("/nhat-ky")).text();
    assert!(log.contains("Nhật ký kiểm duyệt"));
    for word in ["Duyệt", "Từ chối", "Ẩn", "dòng lệnh", reply.as_str()] {
        assert!(log.contains(word), "{word}");
    }
}

/// The ids of a comment page's comments and of the replies shown under them.
fn thread_ids(page: &serde_json::Value) -> Vec<String> {
    let mut found = ids(page);
    for c in page["items"].as_array().unwrap() {
        if c.get("replies").is_some() {
            found.extend(ids(&c["replies"]));
        }
    }
    found
}
