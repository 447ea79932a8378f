//! The moderation desk (issue 10): server-rendered pages under `--desk-path` (default
//! `/quan-tri`) where moderators log in, approve or reject pending comments and replies,
//! hide published ones, and read who did what. Plain forms and HTML from the server,
//! rather than a second wasm bundle: it works in any browser, and each form carries its
//! CSRF token. `store.rs` holds its database rows, `auth.rs` its secrets, `views.rs` its
//! pages, `users.rs` the `user` commands.

pub mod auth;

pub mod users;
pub mod views;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION, RETRY_AFTER, SET_COOKIE,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::Markup;

use crate::clock;
use crate::db::desk_rows::{Action, Session};
use crate::db::Db;
use crate::http::blocking::with_db;
use crate::http::client::ClientKey;
use crate::http::error::ApiError;
use crate::http::rate_limit::RateLimiter;
use crate::state::Shared;
use auth::{LoginKey, LOGIN_COOKIE, SESSION_COOKIE};
use views::Listed;

/// The desk's default path.
pub const DEFAULT_PATH: &str = "/quan-tri";
/// A session unused this long ends (30 minutes): a desk left open on a shared computer.
pub const DEFAULT_IDLE_SECS: u64 = 30 * 60;
/// A session ends this long after login whatever its use (12 hours: one working day).
pub const DEFAULT_MAX_SECS: u64 = 12 * 3600;
/// Login attempts per account at once, then one more each [`ACCOUNT_REFILL`].
pub const ACCOUNT_ATTEMPTS: u32 = 5;
/// How often an account's allowance of attempts grows by one.
pub const ACCOUNT_REFILL: Duration = Duration::from_secs(60);
/// Login attempts per client at once (it may try several names), then one each
/// [`CLIENT_REFILL`].
pub const CLIENT_ATTEMPTS: u32 = 20;
/// How often a client's allowance of attempts grows by one.
pub const CLIENT_REFILL: Duration = Duration::from_secs(30);

/// The desk's policy: nothing but its own files, no frame, forms only to itself.
const DESK_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/// The most bytes of a desk form (a bulk action names at most a few hundred ids).
const FORM_LIMIT: usize = 64 * 1024;
/// The most comments one page lists.
const PAGE_LIMIT: u32 = 200;
/// The published comments a search looks through, newest first.
const SEARCH_SCAN: u32 = 5000;
/// The login cookie lives an hour: a login form left open longer is loaded again.
const LOGIN_COOKIE_SECS: i64 = 3600;
/// The longest name keyed by the account limiter: longer ones are not accounts anyway.
const MAX_NAME_BYTES: usize = 64;
/// The same answer for an unknown name and a wrong password: neither tells the other.
const WRONG_LOGIN: &str = "Tên đăng nhập hoặc mật khẩu không đúng.";
const BAD_TOKEN: &str = "Biểu mẫu đã hết hạn hoặc không hợp lệ (mã chống giả mạo không đúng), \
    nên không có gì thay đổi. Hãy tải lại trang rồi thử lại.";
const OTHER_SITE: &str = "Yêu cầu đến từ một trang khác, nên không có gì thay đổi.";

/// What the desk was told at start and its login limiters.
pub struct Desk {
    /// Its path, without a trailing slash (`/quan-tri`).
    pub path: String,
    idle_secs: i64,
    max_secs: i64,
    login_key: LoginKey,
    per_account: RateLimiter<String>,
    per_client: RateLimiter<ClientKey>,
    /// The site is public over https (`--site-url https://…`): cookies are always Secure.
    https_site: bool,
}

impl Desk {
    /// The desk at `path` with sessions ending after `idle` unused or `max` in all; its
    /// login key and (when other servers share the database) its login limits are the
    /// database's.
    pub fn new(
        db: &Db,
        path: &str,
        idle: Duration,
        max: Duration,
        site_url: Option<&str>,
    ) -> Result<Desk, String> {
        let key = db
            .secret(auth::LOGIN_KEY_SECRET, &LoginKey::generate)
            .map_err(|e| format!("database: the desk's login key: {e}"))?;
        let shared = db.is_shared();
        Ok(Desk {
            path: path.to_string(),
            idle_secs: i64::try_from(idle.as_secs()).unwrap_or(i64::MAX),
            max_secs: i64::try_from(max.as_secs()).unwrap_or(i64::MAX),
            login_key: LoginKey::from_stored(&key),
            per_account: RateLimiter::new(
                "login-account",
                ACCOUNT_ATTEMPTS,
                ACCOUNT_REFILL * ACCOUNT_ATTEMPTS,
                shared,
            ),
            per_client: RateLimiter::new(
                "login-client",
                CLIENT_ATTEMPTS,
                CLIENT_REFILL * CLIENT_ATTEMPTS,
                shared,
            ),
            https_site: site_url.is_some_and(|u| u.starts_with("https://")),
        })
    }

    /// Drops the limiters' entries whose allowance is full again.
    pub fn forget_idle(&self) {
        self.per_account.forget_idle();
        self.per_client.forget_idle();
    }

    /// The oldest `seen_at` and `created_at` a live session may have now.
    pub fn limits(&self, now: i64) -> (i64, i64) {
        (
            now.saturating_sub(self.idle_secs),
            now.saturating_sub(self.max_secs),
        )
    }

    /// Spends one login attempt of the client and of the account, or says in how many
    /// seconds one may be tried. Every attempt counts, a right one too: the limiter has no
    /// way to look without spending, and a password checked while the account is held would
    /// still tell a guesser when the guess is right.
    async fn attempt(
        &self,
        state: &Shared,
        client: ClientKey,
        name: &str,
    ) -> Result<Result<(), u64>, ApiError> {
        if let Err(secs) = self.per_client.check(&state.db, client).await? {
            return Ok(Err(secs));
        }
        let mut key = name.to_lowercase();
        if key.len() > MAX_NAME_BYTES {
            key = key.chars().take(MAX_NAME_BYTES).collect();
        }
        self.per_account.check(&state.db, key).await
    }
}

/// A `--desk-path`: `/` and segments of `a-z 0-9 -`, not under `/api`; no trailing slash.
pub fn parse_path(value: &str) -> Result<String, String> {
    let path = value.trim_end_matches('/');
    let segments_ok = path.strip_prefix('/').is_some_and(|rest| {
        rest.split('/').all(|s| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
    });
    if !segments_ok || path == "/api" || path.starts_with("/api/") {
        return Err(format!(
            "{value:?} must be like /quan-tri (lowercase letters, digits, -), not under /api"
        ));
    }
    Ok(path.to_string())
}

/// The desk's routes, under its path.
pub fn routes(path: &str) -> Router<Shared> {
    let at = |tail: &str| format!("{path}{tail}");
    Router::new()
        .route(&at(""), get(to_queue))
        .route(&at("/"), get(queue))
        .route(&at("/dang-nhap"), get(login_form).post(login))
        .route(&at("/dang-xuat"), post(logout))
        .route(&at("/duyet"), post(moderate))
        .route(&at("/da-dang"), get(published))
        .route(&at("/an"), post(hide))
        .route(&at("/nhat-ky"), get(audit))
        .route(&at("/desk.js"), get(script))
        .route(&at("/desk.css"), get(style))
}

/// A desk page: never cached (it shows who is logged in and their token), under the desk's
/// own CSP, never in a frame.
fn page(status: StatusCode, markup: Markup) -> Response {
    let mut res = Response::new(Body::from(markup.into_string()));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DESK_POLICY),
    );
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// 303 to `to` (after a POST, so that a reload does not post again).
fn see_other(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(LOCATION, v);
    }
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn set_cookie(res: &mut Response, cookie: &str) {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        res.headers_mut().append(SET_COOKIE, v);
    }
}

fn refused(state: &Shared, why: &str) -> Response {
    page(StatusCode::FORBIDDEN, views::refused(&state.desk.path, why))
}

/// Whether the request came over https: the site is public over https, or a trusted proxy
/// says so (`X-Forwarded-Proto`, believed only from a proxy named with `--trusted-proxy`).
fn over_https(state: &Shared, peer: SocketAddr, headers: &HeaderMap) -> bool {
    state.desk.https_site
        || (state.clients.contains(peer.ip())
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("https")))
}

/// A write from another site: its browser says so (`Sec-Fetch-Site`), or its `Origin` is
/// not the host the request was sent to. SameSite=Strict already keeps the cookie off such
/// a request; this refuses it even where a browser would send it.
fn from_another_site(headers: &HeaderMap) -> bool {
    let fetch_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v != "same-origin" && v != "none");
    let origin = headers
        .get(axum::http::header::ORIGIN)
        .is_some_and(|o| !crate::http::cors::same_origin(o, headers.get(axum::http::header::HOST)));
    fetch_site || origin
}

/// The live session of the request, with its token's digest.
async fn session(
    state: &Shared,
    headers: &HeaderMap,
) -> Result<Option<(String, Session)>, ApiError> {
    let Some(token) = auth::read_cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let digest = auth::digest(&token);
    let now = clock::now_unix();
    let limits = state.desk.limits(now);
    let key = digest.clone();
    let found = with_db(&state.db, move |db| db.touch_session(&key, now, limits)).await?;
    Ok(found.map(|s| (digest, s)))
}

/// The form fields of a body.
fn form(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

async fn read_form(body: Body) -> Result<Vec<(String, String)>, ApiError> {
    let bytes = axum::body::to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| ApiError::TooLarge)?;
    Ok(form(&bytes))
}

/// A POST of a logged-in moderator: from this site, with the session's token. Anything
/// else is the 403 page, before anything is read or changed.
async fn checked_post(
    state: &Shared,
    headers: &HeaderMap,
    body: Body,
) -> Result<Result<(String, Session, Vec<(String, String)>), Response>, ApiError> {
    if from_another_site(headers) {
        return Ok(Err(refused(state, OTHER_SITE)));
    }
    let Some((digest, session)) = session(state, headers).await? else {
        return Ok(Err(refused(state, BAD_TOKEN)));
    };
    let fields = read_form(body).await?;
    if !field(&fields, "csrf").is_some_and(|t| auth::same(t, &session.csrf)) {
        return Ok(Err(refused(state, BAD_TOKEN)));
    }
    Ok(Ok((digest, session, fields)))
}

/// Vietnam time (GMT+7, no daylight saving) of a Unix time: `26/11/2026 08:51`.
fn vn_time(unix: i64) -> String {
    let utc = clock::rfc3339_utc(unix + 7 * 3600);
    // 2026-11-26T08:51:00Z
    format!(
        "{}/{}/{} {}",
        &utc[8..10],
        &utc[5..7],
        &utc[0..4],
        &utc[11..16]
    )
}

fn vn_time_of(rfc3339: &str) -> String {
    contract::time::parse_rfc3339(rfc3339).map_or_else(|| rfc3339.to_string(), vn_time)
}

/// An article's title and its address for a reader (under `--site-url` when known).
async fn article_of(state: &Shared, slug: &str) -> (String, Option<String>) {
    match state.content.article(slug).await {
        Ok(a) => {
            let base = state.site_url.as_deref().unwrap_or("/");
            (
                a.title.clone(),
                Some(format!("{base}{}/{}", a.category.slug, a.slug)),
            )
        }
        Err(_) => (slug.to_string(), None),
    }
}

async fn listed<'a>(
    state: &Shared,
    comments: &'a [crate::db::desk_rows::DeskComment],
) -> Vec<(Listed<'a>, String)> {
    // Many comments of one article: its file is read and parsed once per page.
    let mut articles: HashMap<&str, (String, Option<String>)> = HashMap::new();
    let mut out = Vec::with_capacity(comments.len());
    for c in comments {
        if !articles.contains_key(c.slug.as_str()) {
            let info = article_of(state, &c.slug).await;
            articles.insert(&c.slug, info);
        }
        let (title, link) = articles[c.slug.as_str()].clone();
        out.push((
            Listed {
                comment: c,
                title,
                link,
            },
            vn_time_of(&c.created_at),
        ));
    }
    out
}

/// The notice after an action, from fixed words only (nothing of the query is echoed).
fn notice(query: &[(String, String)]) -> Option<String> {
    let n: u32 = field(query, "so")?.parse().ok()?;
    let verb = match field(query, "xong")? {
        "duyet" => "Đã duyệt",
        "tu-choi" => "Đã từ chối",
        "an" => "Đã ẩn",
        _ => return None,
    };
    Some(format!("{verb} {n} bình luận."))
}

fn query_of(raw: Option<String>) -> Vec<(String, String)> {
    raw.map(|q| form(q.as_bytes())).unwrap_or_default()
}

async fn to_queue(State(state): State<Shared>) -> Response {
    see_other(&format!("{}/", state.desk.path))
}

/// `GET {desk}/`: the pending queue.
async fn queue(
    State(state): State<Shared>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let Some((_, session)) = session(&state, &headers).await? else {
        return Ok(see_other(&format!("{}/dang-nhap", state.desk.path)));
    };
    let (comments, counts) = with_db(&state.db, |db| {
        Ok((db.queue(PAGE_LIMIT)?, db.pending_counts()?))
    })
    .await?;
    let items = listed(&state, &comments).await;
    let mut per_article = Vec::with_capacity(counts.len());
    for (slug, n) in counts {
        let (title, link) = article_of(&state, &slug).await;
        per_article.push((title, link, n));
    }
    let done = notice(&query_of(raw));
    Ok(page(
        StatusCode::OK,
        views::queue(&state.desk.path, &session, &items, &per_article, done),
    ))
}

/// `GET {desk}/dang-nhap`: the form, with the login cookie's nonce signed into it (an
/// existing nonce is kept, so that two open login tabs both work).
async fn login_form(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if session(&state, &headers).await?.is_some() {
        return Ok(see_other(&format!("{}/", state.desk.path)));
    }
    Ok(login_page(&state, peer, &headers, StatusCode::OK, None, ""))
}

fn login_page(
    state: &Shared,
    peer: SocketAddr,
    headers: &HeaderMap,
    status: StatusCode,
    error: Option<&str>,
    name: &str,
) -> Response {
    let nonce = auth::read_cookie(headers, LOGIN_COOKIE)
        .filter(|n| n.len() == 32 && n.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_else(|| auth::random_hex(16));
    let token = state.desk.login_key.sign(&nonce);
    let mut res = page(status, views::login(&state.desk.path, &token, error, name));
    let secure = over_https(state, peer, headers);
    set_cookie(
        &mut res,
        &auth::cookie(
            LOGIN_COOKIE,
            &nonce,
            &state.desk.path,
            secure,
            LOGIN_COOKIE_SECS,
        ),
    );
    res
}

/// `POST {desk}/dang-nhap`: this site's form with its token, the client's and the
/// account's allowance, then the password; a new session on success.
async fn login(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    if from_another_site(&headers) {
        return Ok(refused(&state, OTHER_SITE));
    }
    let fields = read_form(body).await?;
    let nonce = auth::read_cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    let token = field(&fields, "csrf").unwrap_or_default();
    if !state.desk.login_key.check(&nonce, token) {
        return Ok(refused(&state, BAD_TOKEN));
    }
    let name = field(&fields, "ten").unwrap_or_default().trim().to_string();
    let password = field(&fields, "mat-khau").unwrap_or_default().to_string();
    let client = state.clients.client(peer, &headers);
    if let Err(secs) = state.desk.attempt(&state, client, &name).await? {
        let message = format!("Quá nhiều lần đăng nhập. Vui lòng thử lại sau {secs} giây.");
        let mut res = login_page(
            &state,
            peer,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            Some(&message),
            &name,
        );
        res.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(secs));
        return Ok(res);
    }
    let user = name.clone();
    let ok = with_db(&state.db, move |db| {
        let stored = if password.len() > auth::MAX_PASSWORD_BYTES {
            None
        } else {
            db.password_hash(&user)?
        };
        Ok(auth::verify_password(stored.as_deref(), &password))
    })
    .await?;
    if !ok {
        return Ok(login_page(
            &state,
            peer,
            &headers,
            StatusCode::OK,
            Some(WRONG_LOGIN),
            &name,
        ));
    }
    let token = auth::random_hex(32);
    let csrf = auth::random_hex(32);
    let digest = auth::digest(&token);
    let now = clock::now_unix();
    let limits = state.desk.limits(now);
    with_db(&state.db, move |db| {
        db.create_session(&digest, &name, &csrf, now, limits)
    })
    .await?;
    let secure = over_https(&state, peer, &headers);
    let mut res = see_other(&format!("{}/", state.desk.path));
    let path = &state.desk.path;
    set_cookie(
        &mut res,
        &auth::cookie(SESSION_COOKIE, &token, path, secure, state.desk.max_secs),
    );
    set_cookie(&mut res, &auth::cookie(LOGIN_COOKIE, "", path, secure, 0));
    Ok(res)
}

/// `POST {desk}/dang-xuat`: deletes the session (the cookie alone would not end it).
async fn logout(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (digest, _, _) = match checked_post(&state, &headers, body).await? {
        Ok(ok) => ok,
        Err(res) => return Ok(res),
    };
    with_db(&state.db, move |db| db.delete_session(&digest)).await?;
    let mut res = see_other(&format!("{}/dang-nhap", state.desk.path));
    let secure = over_https(&state, peer, &headers);
    set_cookie(
        &mut res,
        &auth::cookie(SESSION_COOKIE, "", &state.desk.path, secure, 0),
    );
    Ok(res)
}

/// `POST {desk}/duyet`: one comment (`duyet=ID`, `tu-choi=ID`) or those ticked
/// (`hang-loat=duyet|tu-choi`, `id=…`).
async fn moderate(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (_, session, fields) = match checked_post(&state, &headers, body).await? {
        Ok(ok) => ok,
        Err(res) => return Ok(res),
    };
    let (action, ids): (Action, Vec<String>) = if let Some(id) = field(&fields, "duyet") {
        (Action::Approve, vec![id.to_string()])
    } else if let Some(id) = field(&fields, "tu-choi") {
        (Action::Reject, vec![id.to_string()])
    } else {
        let action = match field(&fields, "hang-loat") {
            Some("duyet") => Action::Approve,
            Some("tu-choi") => Action::Reject,
            _ => return Err(ApiError::BadRequest("No action")),
        };
        let ids = fields
            .iter()
            .filter(|(n, _)| n == "id")
            .map(|(_, v)| v.clone())
            .collect();
        (action, ids)
    };
    let now = clock::now_unix();
    let user = session.user.clone();
    let changed = with_db(&state.db, move |db| {
        db.moderate(&ids, action, &user, now, true)
            .map_err(moderation_error)
    })
    .await?;
    let done = if action == Action::Approve {
        "duyet"
    } else {
        "tu-choi"
    };
    Ok(see_other(&format!(
        "{}/?xong={done}&so={changed}",
        state.desk.path
    )))
}

fn moderation_error(e: crate::db::ModerationError) -> crate::db::Error {
    match e {
        crate::db::ModerationError::Db(e) => e,
        crate::db::ModerationError::UnknownId(id) => {
            crate::db::Error::Other(format!("no comment {id}"))
        }
    }
}

/// `GET {desk}/da-dang?q=`: published comments of the articles whose slug or title holds
/// `q`, or by an author whose name does; the newest without `q`.
async fn published(
    State(state): State<Shared>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let Some((_, session)) = session(&state, &headers).await? else {
        return Ok(see_other(&format!("{}/dang-nhap", state.desk.path)));
    };
    let query = query_of(raw);
    let q = field(&query, "q").unwrap_or_default().trim().to_string();
    let recent = with_db(&state.db, |db| db.published(SEARCH_SCAN)).await?;
    let needle = q.to_lowercase();
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut comments = Vec::new();
    for c in recent {
        if comments.len() == PAGE_LIMIT as usize {
            break;
        }
        if !titles.contains_key(&c.slug) {
            let (title, _) = article_of(&state, &c.slug).await;
            titles.insert(c.slug.clone(), title.to_lowercase());
        }
        let matches = needle.is_empty()
            || c.slug.contains(&needle)
            || titles[&c.slug].contains(&needle)
            || c.author_name.to_lowercase().contains(&needle);
        if matches {
            comments.push(c);
        }
    }
    let items = listed(&state, &comments).await;
    let done = notice(&query);
    Ok(page(
        StatusCode::OK,
        views::published(&state.desk.path, &session, &q, &items, done),
    ))
}

/// `POST {desk}/an`: hides a published comment; it leaves the readers' pages and JSON at
/// once (they are made per request from `published` rows).
async fn hide(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (_, session, fields) = match checked_post(&state, &headers, body).await? {
        Ok(ok) => ok,
        Err(res) => return Ok(res),
    };
    let id = field(&fields, "id")
        .ok_or(ApiError::BadRequest("No comment"))?
        .to_string();
    let q = field(&fields, "q").unwrap_or_default().to_string();
    let now = clock::now_unix();
    let user = session.user.clone();
    let changed = with_db(&state.db, move |db| {
        db.moderate(&[id], Action::Hide, &user, now, true)
            .map_err(moderation_error)
    })
    .await?;
    let back: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &q)
        .append_pair("xong", "an")
        .append_pair("so", &changed.to_string())
        .finish();
    Ok(see_other(&format!("{}/da-dang?{back}", state.desk.path)))
}

/// `GET {desk}/nhat-ky`: the audit log.
async fn audit(State(state): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    let Some((_, session)) = session(&state, &headers).await? else {
        return Ok(see_other(&format!("{}/dang-nhap", state.desk.path)));
    };
    let rows = with_db(&state.db, |db| db.audit(500)).await?;
    let rows: Vec<_> = rows
        .into_iter()
        .map(|r| {
            let t = vn_time(r.at);
            (r, t)
        })
        .collect();
    Ok(page(
        StatusCode::OK,
        views::audit(&state.desk.path, &session, &rows),
    ))
}

fn asset(kind: &'static str, text: &'static str) -> Response {
    let mut res = Response::new(Body::from(text));
    res.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    res.headers_mut().insert(
        CACHE_CONTROL,
        HeaderValue::from_static(crate::http::static_files::NO_CACHE),
    );
    res
}

/// The keyboard shortcuts, a file of its own: the desk's CSP runs no inline script.
async fn script() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("desk.js"))
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", include_str!("desk.css"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desk_paths() {
        assert_eq!(parse_path("/quan-tri/").unwrap(), "/quan-tri");
        assert_eq!(
            parse_path("/toa-soan/ban-duyet").unwrap(),
            "/toa-soan/ban-duyet"
        );
        for bad in [
            "", "/", "quan-tri", "/api", "/api/x", "/Quan", "/a//b", "/a b",
        ] {
            assert!(parse_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn vietnam_time() {
        assert_eq!(vn_time(0), "01/01/1970 07:00");
        assert_eq!(vn_time_of("2023-02-02T09:30:00Z"), "02/02/2023 16:30");
    }
}
