//! The moderation desk's pages (the server's `desk/`), in Vietnamese (`words::desk`), as
//! maud templates (every value escaped by construction). No inline script or style: the
//! desk's CSP allows only its own files (`desk.js`, `desk.css`, served by the server). The
//! inputs are plain structs of borrowed text, so that this crate knows nothing of the
//! server's database rows.

use maud::{html, Markup, DOCTYPE};

use crate::words::desk as w;

/// Which page of the desk is shown, for the navigation's `aria-current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The pending queue.
    Queue,
    /// Published comments.
    Published,
    /// The audit log.
    Audit,
    /// Live coverage.
    Live,
    /// Anything else (login, a refusal).
    None,
}

/// The logged-in moderator.
#[derive(Debug, Clone, Copy)]
pub struct Moderator<'a> {
    /// Their account's name.
    pub user: &'a str,
    /// The session's CSRF token, carried by every form.
    pub csrf: &'a str,
}

/// A reader's comment as the desk shows it.
#[derive(Debug, Clone, Copy)]
pub struct Comment<'a> {
    /// Its id.
    pub id: &'a str,
    /// The reader's name.
    pub author_name: &'a str,
    /// The reader's text.
    pub body: &'a str,
    /// When it was posted (RFC 3339, UTC), for `datetime`.
    pub created_at: &'a str,
    /// Why the spam guard held it (`links`, `banned:word`), if it did.
    pub flag: Option<&'a str>,
    /// The comment it answers, for a reply: (author, body).
    pub parent: Option<(&'a str, &'a str)>,
}

/// A comment of the desk with what the page shows of its article.
#[derive(Debug, Clone)]
pub struct Listed<'a> {
    /// The comment.
    pub comment: Comment<'a>,
    /// The article's title (its slug when the article is gone).
    pub title: String,
    /// The article's address for a reader, when known.
    pub link: Option<String>,
    /// When it was posted, in Vietnam time (`26/11/2026 08:51`).
    pub time: String,
}

/// One row of the audit log.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    /// When, in Vietnam time.
    pub time: String,
    /// Who.
    pub actor: &'a str,
    /// What (`approve`, `reject`, `hide`, `live-add`, `live-end`).
    pub action: &'a str,
    /// Which comment (a live entry's id, or empty).
    pub comment_id: &'a str,
    /// Its article's slug and its text, when the comment still exists.
    pub comment: Option<(&'a str, &'a str)>,
    /// The article of a live coverage's action.
    pub article: Option<&'a str>,
}

/// What an action just did, for the notice on the page it leads back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// Comments approved.
    Approved,
    /// Comments rejected.
    Rejected,
    /// Comments hidden.
    Hidden,
}

/// The notice after an action: «Đã duyệt 3 bình luận.».
pub fn notice(done: Done, n: u32) -> String {
    let verb = match done {
        Done::Approved => w::DONE_APPROVE,
        Done::Rejected => w::DONE_REJECT,
        Done::Hidden => w::DONE_HIDE,
    };
    format!("{verb} {n} {}", w::DONE_COMMENTS)
}

/// The login form's message after too many attempts, with the seconds to wait.
pub fn too_many_logins(secs: u64) -> String {
    format!("{} {secs} {}", w::TOO_MANY_LOGINS, w::SECONDS)
}

/// The whole page around `content`.
pub fn layout(
    desk: &str,
    title: &str,
    session: Option<&Moderator<'_>>,
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
                title { (title) " · " (w::NAME) }
                link rel="stylesheet" href={ (desk) "/desk.css" };
                script src={ (desk) "/desk.js" } defer {}
            }
            body {
                a.bo-qua href="#noi-dung" { (w::SKIP) }
                header.dau {
                    p.ten { (w::NAME) }
                    @if let Some(s) = session {
                        nav aria-label=(w::NAV) {
                            ul {
                                (item(format!("{desk}/"), w::QUEUE, Nav::Queue))
                                (item(format!("{desk}/da-dang"), w::PUBLISHED_LINK, Nav::Published))
                                (item(format!("{desk}/truc-tiep"), w::LIVE, Nav::Live))
                                (item(format!("{desk}/nhat-ky"), w::AUDIT_LINK, Nav::Audit))
                            }
                        }
                        form.dang-xuat method="post" action={ (desk) "/dang-xuat" } {
                            input type="hidden" name="csrf" value=(s.csrf);
                            span { (w::ACCOUNT) strong { (s.user) } }
                            " "
                            button type="submit" { (w::LOGOUT) }
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
        h1 { (w::LOGIN_HEADING) }
        @if let Some(error) = error {
            p.loi #loi role="alert" { (error) }
        }
        form.dang-nhap method="post" action={ (desk) "/dang-nhap" } {
            input type="hidden" name="csrf" value=(token);
            p {
                label for="ten" { (w::LOGIN_NAME) }
                input #ten type="text" name="ten" value=(name) autocomplete="username"
                    required autofocus aria-describedby=[error.map(|_| "loi")];
            }
            p {
                label for="mat-khau" { (w::PASSWORD) }
                input #mat-khau type="password" name="mat-khau"
                    autocomplete="current-password" required;
            }
            p { button type="submit" { (w::LOGIN) } }
        }
    };
    layout(desk, w::LOGIN, None, Nav::None, content)
}

/// A refused request (a missing or wrong CSRF token, another site's form).
pub fn refused(desk: &str, why: &str) -> Markup {
    let content = html! {
        h1 { (w::REFUSED) }
        p role="alert" { (why) }
        p { a href={ (desk) "/" } { (w::BACK_TO_QUEUE) } }
    };
    layout(desk, w::REFUSED, None, Nav::None, content)
}

/// What the spam guard's flag means, for the moderator.
pub fn flag_label(flag: &str) -> String {
    if flag == "links" {
        w::FLAG_LINKS.into()
    } else if let Some(word) = flag.strip_prefix("banned:") {
        format!("{} {word}", w::FLAG_BANNED)
    } else {
        format!("{} {flag}", w::FLAG_OTHER)
    }
}

fn comment_body(item: &Listed<'_>) -> Markup {
    let c = &item.comment;
    html! {
        p.bai {
            (w::ARTICLE)
            @if let Some(link) = &item.link {
                a href=(link) { (item.title) }
            } @else {
                (item.title)
            }
        }
        p.gio { (w::SENT_AT) time datetime=(c.created_at) { (item.time) } (w::ID) code { (c.id) } }
        @if let Some(flag) = c.flag {
            p.co { strong { (w::WARNING) (flag_label(flag)) } }
        }
        @if let Some((author, body)) = c.parent {
            blockquote.cha {
                p { (w::REPLY_TO) bdi { (author) } ":" }
                p.van-ban dir="auto" { (body) }
            }
        }
        p.van-ban dir="auto" { (c.body) }
    }
}

fn shortcuts() -> Markup {
    html! {
        section aria-labelledby="phim-tat" {
            h2 #phim-tat { (w::SHORTCUTS) }
            ul.phim {
                li { kbd { "j" } (w::KEY_NEXT) }
                li { kbd { "k" } (w::KEY_PREVIOUS) }
                li { kbd { "a" } (w::KEY_APPROVE) }
                li { kbd { "r" } (w::KEY_REJECT) }
                li { kbd { "x" } (w::KEY_MARK) }
            }
        }
    }
}

fn pending_counts(counts: &[(String, Option<String>, u32)]) -> Markup {
    html! {
        section aria-labelledby="theo-bai" {
            h2 #theo-bai { (w::PER_ARTICLE) }
            ul.dem {
                @for (title, link, n) in counts {
                    li {
                        @if let Some(link) = link { a href=(link) { (title) } } @else { (title) }
                        ": " (n) (w::PENDING_COUNT)
                    }
                }
            }
        }
    }
}

fn queue_item(n: usize, item: &Listed<'_>) -> Markup {
    let c = &item.comment;
    let head = format!("tieu-de-{n}");
    html! {
        li.muc tabindex="-1" data-id=(c.id) aria-labelledby=(head) {
            h3 #(head) {
                @if c.parent.is_some() { (w::REPLY_BY) } @else { (w::COMMENT_BY) }
                bdi { (c.author_name) }
            }
            p.chon {
                input #{ "chon-" (n) } type="checkbox" name="id" value=(c.id);
                " "
                label for={ "chon-" (n) } { (w::MARK) }
            }
            (comment_body(item))
            p.nut {
                button type="submit" name="duyet" value=(c.id) data-phim="a" { (w::APPROVE) }
                " "
                button type="submit" name="tu-choi" value=(c.id) data-phim="r" { (w::REJECT) }
            }
        }
    }
}

/// The pending queue: `counts` per article, the comments newest first, `done` a notice.
pub fn queue(
    desk: &str,
    session: &Moderator<'_>,
    items: &[Listed<'_>],
    counts: &[(String, Option<String>, u32)],
    done: Option<String>,
) -> Markup {
    let content = html! {
        h1 { (w::QUEUE) " (" (items.len()) ")" }
        @if let Some(done) = done {
            p.xong role="status" { (done) }
        }
        (shortcuts())
        @if !counts.is_empty() {
            (pending_counts(counts))
        }
        @if items.is_empty() {
            p { (w::QUEUE_EMPTY) }
        } @else {
            form #hang-doi method="post" action={ (desk) "/duyet" } {
                input type="hidden" name="csrf" value=(session.csrf);
                h2 { (w::QUEUE_LIST) }
                p.hang-loat {
                    button type="submit" name="hang-loat" value="duyet" { (w::APPROVE_MARKED) }
                    " "
                    button type="submit" name="hang-loat" value="tu-choi" { (w::REJECT_MARKED) }
                }
                ol.danh-sach {
                    @for (n, item) in items.iter().enumerate() {
                        (queue_item(n, item))
                    }
                }
            }
        }
    };
    layout(desk, w::QUEUE, Some(session), Nav::Queue, content)
}

/// Published comments found for `query`, each with a form to hide it.
pub fn published(
    desk: &str,
    session: &Moderator<'_>,
    query: &str,
    items: &[Listed<'_>],
    done: Option<String>,
) -> Markup {
    let content = html! {
        h1 { (w::PUBLISHED) }
        @if let Some(done) = done {
            p.xong role="status" { (done) }
        }
        form.tim method="get" action={ (desk) "/da-dang" } role="search" {
            label for="q" { (w::SEARCH_LABEL) }
            input #q type="search" name="q" value=(query);
            " "
            button type="submit" { (w::SEARCH) }
        }
        h2 {
            @if query.is_empty() { (w::RECENT) } @else { (w::RESULTS_FOR) (query) "»" }
            " (" (items.len()) ")"
        }
        @if items.is_empty() {
            p { (w::NOTHING_FOUND) }
        } @else {
            ol.danh-sach {
                @for (n, item) in items.iter().enumerate() {
                    @let c = &item.comment;
                    @let head = format!("tieu-de-{n}");
                    li.muc tabindex="-1" data-id=(c.id) aria-labelledby=(head) {
                        h3 #(head) { (w::COMMENT_BY) bdi { (c.author_name) } }
                        (comment_body(item))
                        form method="post" action={ (desk) "/an" } {
                            input type="hidden" name="csrf" value=(session.csrf);
                            input type="hidden" name="id" value=(c.id);
                            input type="hidden" name="q" value=(query);
                            button type="submit" { (w::HIDE_THIS) }
                        }
                    }
                }
            }
        }
    };
    layout(desk, w::PUBLISHED, Some(session), Nav::Published, content)
}

/// The action's name in the log.
fn action_label(action: &str) -> &'static str {
    match action {
        "approve" => w::APPROVE,
        "reject" => w::REJECT,
        "hide" => w::HIDE,
        "live-add" => w::LIVE_ADDED_ACTION,
        "live-end" => w::LIVE_END,
        _ => w::OTHER_ACTION,
    }
}

/// The audit log, newest first.
pub fn audit(desk: &str, session: &Moderator<'_>, rows: &[AuditEntry<'_>]) -> Markup {
    let content = html! {
        h1 { (w::AUDIT) }
        @if rows.is_empty() {
            p { (w::AUDIT_EMPTY) }
        } @else {
            table.nhat-ky {
                caption { (w::AUDIT_CAPTION) }
                thead {
                    tr {
                        th scope="col" { (w::COL_TIME) }
                        th scope="col" { (w::COL_ACTOR) }
                        th scope="col" { (w::COL_ACTION) }
                        th scope="col" { (w::COL_COMMENT) }
                        th scope="col" { (w::COL_ARTICLE) }
                    }
                }
                tbody {
                    @for row in rows {
                        tr.dong {
                            td { (row.time) }
                            td { bdi { (row.actor) } }
                            td { (action_label(row.action)) }
                            td {
                                @if !row.comment_id.is_empty() { code { (row.comment_id) } }
                                @if let Some((_, body)) = row.comment {
                                    " "
                                    span.trich dir="auto" { (excerpt(body)) }
                                }
                            }
                            td {
                                @if let Some((slug, _)) = row.comment { (slug) }
                                @else if let Some(slug) = row.article { (slug) }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(desk, w::AUDIT, Some(session), Nav::Audit, content)
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
        let c = Comment {
            id: "c-1",
            author_name: "<script>alert(1)</script>",
            body: "<img src=x onerror=alert(1)>",
            created_at: "2023-01-01T00:00:00Z",
            flag: Some("banned:<b>"),
            parent: Some(("<i>", "<u>")),
        };
        let session = Moderator {
            user: "bien-tap",
            csrf: "t",
        };
        let item = Listed {
            comment: c,
            title: "<em>".into(),
            link: None,
            time: "x".into(),
        };
        let html = queue("/quan-tri", &session, &[item], &[], None).into_string();
        for raw in ["<script>", "<img", "<b>", "<i>", "<u>", "<em>"] {
            assert!(!html.contains(raw), "{raw} in {html}");
        }
        assert!(html.contains("&lt;script&gt;"));
    }
}
