//! The desk's pages, in Vietnamese, as maud templates (every value escaped by
//! construction). No inline script or style: the desk's CSP allows only its own files.

use maud::{html, Markup, DOCTYPE};

use crate::db::desk_rows::{AuditRow, DeskComment, Session};

/// Which page of the desk is shown, for the navigation's `aria-current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The pending queue.
    Queue,
    /// Published comments.
    Published,
    /// The audit log.
    Audit,
    /// Anything else (login, a refusal).
    None,
}

/// A comment of the desk with what the page shows of its article.
pub struct Listed<'a> {
    /// The comment.
    pub comment: &'a DeskComment,
    /// The article's title (its slug when the article is gone).
    pub title: String,
    /// The article's address for a reader, when known.
    pub link: Option<String>,
}

/// The whole page around `content`.
pub fn layout(
    desk: &str,
    title: &str,
    session: Option<&Session>,
    nav: Nav,
    content: Markup,
) -> Markup {
    let item = |href: String, label: &str, this: Nav| {
        html! {
            li { a href=(href) aria-current=[(nav == this).then_some("page")] { (label) } }
        }
    };
    html! {
        (DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                title { (title) " · Bàn kiểm duyệt" }
                link rel="stylesheet" href={ (desk) "/desk.css" };
                script src={ (desk) "/desk.js" } defer {}
            }
            body {
                a.bo-qua href="#noi-dung" { "Bỏ qua, đến nội dung chính" }
                header.dau {
                    p.ten { "Bàn kiểm duyệt" }
                    @if let Some(s) = session {
                        nav aria-label="Các trang của bàn kiểm duyệt" {
                            ul {
                                (item(format!("{desk}/"), "Hàng chờ duyệt", Nav::Queue))
                                (item(format!("{desk}/da-dang"), "Đã đăng", Nav::Published))
                                (item(format!("{desk}/nhat-ky"), "Nhật ký", Nav::Audit))
                            }
                        }
                        form.dang-xuat method="post" action={ (desk) "/dang-xuat" } {
                            input type="hidden" name="csrf" value=(s.csrf);
                            span { "Tài khoản: " strong { (s.user) } }
                            " "
                            button type="submit" { "Đăng xuất" }
                        }
                    }
                }
                main #noi-dung tabindex="-1" { (content) }
            }
        }
    }
}

/// The login form; `token` goes with the login cookie's nonce.
pub fn login(desk: &str, token: &str, error: Option<&str>, name: &str) -> Markup {
    let content = html! {
        h1 { "Đăng nhập bàn kiểm duyệt" }
        @if let Some(error) = error {
            p.loi #loi role="alert" { (error) }
        }
        form.dang-nhap method="post" action={ (desk) "/dang-nhap" } {
            input type="hidden" name="csrf" value=(token);
            p {
                label for="ten" { "Tên đăng nhập" }
                input #ten type="text" name="ten" value=(name) autocomplete="username"
                    required autofocus aria-describedby=[error.map(|_| "loi")];
            }
            p {
                label for="mat-khau" { "Mật khẩu" }
                input #mat-khau type="password" name="mat-khau"
                    autocomplete="current-password" required;
            }
            p { button type="submit" { "Đăng nhập" } }
        }
    };
    layout(desk, "Đăng nhập", None, Nav::None, content)
}

/// A refused request (a missing or wrong CSRF token, another site's form).
pub fn refused(desk: &str, why: &str) -> Markup {
    let content = html! {
        h1 { "Yêu cầu bị từ chối" }
        p role="alert" { (why) }
        p { a href={ (desk) "/" } { "Về hàng chờ duyệt" } }
    };
    layout(desk, "Yêu cầu bị từ chối", None, Nav::None, content)
}

/// What the spam guard's flag means, for the moderator.
pub fn flag_label(flag: &str) -> String {
    if flag == "links" {
        "Nhiều liên kết".into()
    } else if let Some(word) = flag.strip_prefix("banned:") {
        format!("Từ cấm: {word}")
    } else {
        format!("Bị giữ lại: {flag}")
    }
}

fn comment_body(item: &Listed<'_>, time: &str) -> Markup {
    let c = item.comment;
    html! {
        p.bai {
            "Bài viết: "
            @if let Some(link) = &item.link {
                a href=(link) { (item.title) }
            } @else {
                (item.title)
            }
        }
        p.gio { "Gửi lúc " time datetime=(c.created_at) { (time) } " · mã " code { (c.id) } }
        @if let Some(flag) = &c.flag {
            p.co { strong { "Cảnh báo: " (flag_label(flag)) } }
        }
        @if let Some((author, body)) = &c.parent {
            blockquote.cha {
                p { "Trả lời bình luận của " bdi { (author) } ":" }
                p.van-ban dir="auto" { (body) }
            }
        }
        p.van-ban dir="auto" { (c.body) }
    }
}

/// The pending queue: `counts` per article, the comments newest first, `done` a notice.
pub fn queue(
    desk: &str,
    session: &Session,
    items: &[(Listed<'_>, String)],
    counts: &[(String, Option<String>, u32)],
    done: Option<String>,
) -> Markup {
    let content = html! {
        h1 { "Hàng chờ duyệt (" (items.len()) ")" }
        @if let Some(done) = done {
            p.xong role="status" { (done) }
        }
        section aria-labelledby="phim-tat" {
            h2 #phim-tat { "Phím tắt" }
            ul.phim {
                li { kbd { "j" } " xuống bình luận sau" }
                li { kbd { "k" } " lên bình luận trước" }
                li { kbd { "a" } " duyệt bình luận đang chọn" }
                li { kbd { "r" } " từ chối bình luận đang chọn" }
                li { kbd { "x" } " đánh dấu để duyệt hoặc từ chối hàng loạt" }
            }
        }
        @if !counts.is_empty() {
            section aria-labelledby="theo-bai" {
                h2 #theo-bai { "Theo bài viết" }
                ul.dem {
                    @for (title, link, n) in counts {
                        li {
                            @if let Some(link) = link { a href=(link) { (title) } } @else { (title) }
                            ": " (n) " bình luận chờ"
                        }
                    }
                }
            }
        }
        @if items.is_empty() {
            p { "Không có bình luận nào chờ duyệt." }
        } @else {
            form #hang-doi method="post" action={ (desk) "/duyet" } {
                input type="hidden" name="csrf" value=(session.csrf);
                h2 { "Bình luận chờ duyệt, mới nhất trước" }
                p.hang-loat {
                    button type="submit" name="hang-loat" value="duyet" { "Duyệt các mục đã đánh dấu" }
                    " "
                    button type="submit" name="hang-loat" value="tu-choi" { "Từ chối các mục đã đánh dấu" }
                }
                ol.danh-sach {
                    @for (n, (item, time)) in items.iter().enumerate() {
                        @let c = item.comment;
                        @let head = format!("tieu-de-{n}");
                        li.muc tabindex="-1" data-id=(c.id) aria-labelledby=(head) {
                            h3 #(head) {
                                @if c.parent.is_some() { "Trả lời của " } @else { "Bình luận của " }
                                bdi { (c.author_name) }
                            }
                            p.chon {
                                input #{ "chon-" (n) } type="checkbox" name="id" value=(c.id);
                                " "
                                label for={ "chon-" (n) } { "Đánh dấu" }
                            }
                            (comment_body(item, time))
                            p.nut {
                                button type="submit" name="duyet" value=(c.id) data-phim="a" { "Duyệt" }
                                " "
                                button type="submit" name="tu-choi" value=(c.id) data-phim="r" { "Từ chối" }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(desk, "Hàng chờ duyệt", Some(session), Nav::Queue, content)
}

/// Published comments found for `query`, each with a form to hide it.
pub fn published(
    desk: &str,
    session: &Session,
    query: &str,
    items: &[(Listed<'_>, String)],
    done: Option<String>,
) -> Markup {
    let content = html! {
        h1 { "Bình luận đã đăng" }
        @if let Some(done) = done {
            p.xong role="status" { (done) }
        }
        form.tim method="get" action={ (desk) "/da-dang" } role="search" {
            label for="q" { "Tìm theo bài viết (đường dẫn hoặc tiêu đề) hoặc tên người viết" }
            input #q type="search" name="q" value=(query);
            " "
            button type="submit" { "Tìm" }
        }
        h2 {
            @if query.is_empty() { "Mới đăng gần đây" } @else { "Kết quả cho «" (query) "»" }
            " (" (items.len()) ")"
        }
        @if items.is_empty() {
            p { "Không tìm thấy bình luận nào." }
        } @else {
            ol.danh-sach {
                @for (n, (item, time)) in items.iter().enumerate() {
                    @let c = item.comment;
                    @let head = format!("tieu-de-{n}");
                    li.muc tabindex="-1" data-id=(c.id) aria-labelledby=(head) {
                        h3 #(head) { "Bình luận của " bdi { (c.author_name) } }
                        (comment_body(item, time))
                        form method="post" action={ (desk) "/an" } {
                            input type="hidden" name="csrf" value=(session.csrf);
                            input type="hidden" name="id" value=(c.id);
                            input type="hidden" name="q" value=(query);
                            button type="submit" { "Ẩn bình luận này" }
                        }
                    }
                }
            }
        }
    };
    layout(
        desk,
        "Bình luận đã đăng",
        Some(session),
        Nav::Published,
        content,
    )
}

/// The action's name in the log.
fn action_label(action: &str) -> &'static str {
    match action {
        "approve" => "Duyệt",
        "reject" => "Từ chối",
        "hide" => "Ẩn",
        _ => "Khác",
    }
}

/// The audit log, newest first; each row's time already in Vietnam time.
pub fn audit(desk: &str, session: &Session, rows: &[(AuditRow, String)]) -> Markup {
    let content = html! {
        h1 { "Nhật ký kiểm duyệt" }
        @if rows.is_empty() {
            p { "Chưa có việc nào được ghi lại." }
        } @else {
            table.nhat-ky {
                caption { "Ai đã duyệt, từ chối hay ẩn bình luận nào, lúc nào (mới nhất trước)" }
                thead {
                    tr {
                        th scope="col" { "Thời gian" }
                        th scope="col" { "Người làm" }
                        th scope="col" { "Việc" }
                        th scope="col" { "Bình luận" }
                        th scope="col" { "Bài viết" }
                    }
                }
                tbody {
                    @for (row, time) in rows {
                        tr.dong {
                            td { (time) }
                            td { bdi { (row.actor) } }
                            td { (action_label(&row.action)) }
                            td {
                                code { (row.comment_id) }
                                @if let Some((_, body)) = &row.comment {
                                    " "
                                    span.trich dir="auto" { (excerpt(body)) }
                                }
                            }
                            td { @if let Some((slug, _)) = &row.comment { (slug) } }
                        }
                    }
                }
            }
        }
    };
    layout(
        desk,
        "Nhật ký kiểm duyệt",
        Some(session),
        Nav::Audit,
        content,
    )
}

/// The first 80 characters of a text, on one line.
fn excerpt(body: &str) -> String {
    let line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = line.chars().take(80).collect();
    if line.chars().count() > 80 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_named_for_the_moderator() {
        assert_eq!(flag_label("links"), "Nhiều liên kết");
        assert_eq!(flag_label("banned:lừa đảo"), "Từ cấm: lừa đảo");
        assert_eq!(flag_label("other"), "Bị giữ lại: other");
    }

    #[test]
    fn readers_text_is_escaped() {
        let c = DeskComment {
            id: "c-1".into(),
            slug: "a".into(),
            author_name: "<script>alert(1)</script>".into(),
            body: "<img src=x onerror=alert(1)>".into(),
            created_at: "2023-01-01T00:00:00Z".into(),
            flag: Some("banned:<b>".into()),
            parent: Some(("<i>".into(), "<u>".into())),
        };
        let session = Session {
            user: "bien-tap".into(),
            csrf: "t".into(),
        };
        let item = Listed {
            comment: &c,
            title: "<em>".into(),
            link: None,
        };
        let html = queue("/quan-tri", &session, &[(item, "x".into())], &[], None).into_string();
        for raw in ["<script>", "<img", "<b>", "<i>", "<u>", "<em>"] {
            assert!(!html.contains(raw), "{raw} in {html}");
        }
        assert!(html.contains("&lt;script&gt;"));
    }
}
