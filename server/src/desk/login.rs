//! Logging in and out: the login form (with its signed CSRF nonce), the login itself
//! (limits per client and per account, then the password), and logout.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use page::words::desk as w;

use crate::clock;
use crate::desk::answer::{page, refused, see_other, set_cookie};
use crate::desk::auth::{self, LOGIN_COOKIE, SESSION_COOKIE};
use crate::desk::csrf::{from_another_site, CheckedPost};
use crate::desk::form::{field, read_form};
use crate::desk::session::{over_https, session};
use crate::http::blocking::with_db;
use crate::http::error::ApiError;
use crate::state::Shared;

/// The login cookie lives an hour: a login form left open longer is loaded again.
const LOGIN_COOKIE_SECS: i64 = 3600;

/// `GET {desk}/dang-nhap`: the form, with the login cookie's nonce signed into it (an
/// existing nonce is kept, so that two open login tabs both work).
pub async fn login_form(
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
    let mut res = page(
        status,
        page::desk::login(&state.desk.path, &token, error, name),
    );
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
pub async fn login(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    if from_another_site(&headers) {
        return Ok(refused(&state, w::OTHER_SITE));
    }
    let fields = read_form(body).await?;
    let nonce = auth::read_cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    let token = field(&fields, "csrf").unwrap_or_default();
    if !state.desk.login_key.check(&nonce, token) {
        return Ok(refused(&state, w::BAD_TOKEN));
    }
    let name = field(&fields, "ten").unwrap_or_default().trim().to_string();
    let password = field(&fields, "mat-khau").unwrap_or_default().to_string();
    let client = state.clients.client(peer, &headers);
    if let Err(secs) = state.desk.attempt(&state.db, client, &name).await? {
        let message = page::desk::too_many_logins(secs);
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
            Some(w::WRONG_LOGIN),
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
pub async fn logout(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    CheckedPost { digest, .. }: CheckedPost,
) -> Result<Response, ApiError> {
    with_db(&state.db, move |db| db.delete_session(&digest)).await?;
    let mut res = see_other(&format!("{}/dang-nhap", state.desk.path));
    let secure = over_https(&state, peer, &headers);
    set_cookie(
        &mut res,
        &auth::cookie(SESSION_COOKIE, "", &state.desk.path, secure, 0),
    );
    Ok(res)
}
