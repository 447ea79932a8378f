//! Who a reader is, for likes: a random token, from the `news_reader` cookie, which the
//! server gives with the comment pages to a browser that has none, or from the
//! `X-Reader-Token` header. The header is for the app embedded on a portal (issue 16):
//! there this server is on the CDN's site and the page on the portal's, so our cookie would
//! be a third-party cookie, which browsers block or partition; a header works across sites
//! without the credentials mode, so `Access-Control-Allow-Credentials` stays off. When both
//! come, the header wins (it is what the app chose to send). Only a SHA-256 digest of the
//! token is stored.

use axum::http::header::{CACHE_CONTROL, COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::Response;
use cookie::{Cookie, SameSite};
use sha2::{Digest, Sha256};

use crate::http::error::{internal, ApiError};

/// The request header that names the reader.
pub const READER_TOKEN: HeaderName = HeaderName::from_static("x-reader-token");
/// The cookie that names the reader.
pub const READER_COOKIE: &str = "news_reader";

/// The shortest token taken: 16 characters of 64 kinds are 96 bits, beyond guessing.
const TOKEN_MIN: usize = 16;
/// The longest token taken.
const TOKEN_MAX: usize = 128;
/// Random bytes of a cookie's token: 128 bits.
const COOKIE_BYTES: usize = 16;
/// A reader stays the same reader for a year of visits.
const COOKIE_DAYS: i64 = 365;

/// The stored key of the request's reader: the SHA-256 in hex of the `X-Reader-Token`
/// header, or else of the reader cookie. A header that is not a token is a 400 (the app
/// has a bug); neither is a 403 whose message the app can show.
pub fn reader_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let token = match headers.get(READER_TOKEN) {
        Some(value) => value
            .to_str()
            .ok()
            .filter(|t| is_token(t))
            .map(str::to_string)
            .ok_or(ApiError::BadRequest(
                "X-Reader-Token must be 16 to 128 characters of A-Z a-z 0-9 _ -",
            ))?,
        None => cookie_token(headers).ok_or(ApiError::NoReader)?,
    };
    let digest = Sha256::digest(token.as_bytes());
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

fn is_token(token: &str) -> bool {
    (TOKEN_MIN..=TOKEN_MAX).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The reader cookie's token, when the request has one of the right shape.
fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == READER_COOKIE && is_token(c.value()))
        .map(|c| c.value().to_string())
}

/// `res`, with a new reader cookie when the request came without one: every answer that
/// shows likes gives the browser what it needs to like. Such an answer is `private`, so
/// that no shared cache hands one reader's cookie to others.
/// `site_url` is the app's public address: the cookie is `Secure` when it is `https://`.
pub fn with_reader_cookie(
    site_url: Option<&str>,
    headers: &HeaderMap,
    mut res: Response,
) -> Response {
    if cookie_token(headers).is_some() {
        return res;
    }
    let mut bytes = [0u8; COOKIE_BYTES];
    if let Err(e) = getrandom::fill(&mut bytes) {
        // The page still works; the reader gets a cookie with a later page.
        let _ = internal(e);
        return res;
    }
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let secure = site_url.is_some_and(|u| u.starts_with("https://"));
    let cookie = Cookie::build((READER_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(cookie::time::Duration::days(COOKIE_DAYS))
        .secure(secure)
        .build();
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        let headers = res.headers_mut();
        headers.append(SET_COOKIE, value);
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_token(token: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(READER_TOKEN, token.parse().unwrap());
        h
    }

    #[test]
    fn tokens_are_checked_and_only_their_digest_kept() {
        let token = "reader_0123456789-AbC";
        let key = reader_key(&with_token(token)).unwrap();
        assert_eq!(key.len(), 64);
        assert!(!key.contains(token));
        assert_eq!(reader_key(&with_token(token)).ok(), Some(key.clone()));
        assert_ne!(
            reader_key(&with_token("reader_0123456789-AbD")).ok(),
            Some(key)
        );
        // A known SHA-256 vector: the digest, not some other hash.
        assert_eq!(
            reader_key(&with_token("0123456789abcdef")).ok().as_deref(),
            Some("9f9f5111f7b27a781f1f1ddde5ebc2dd2b796bfc7365c9c28b548e564176929f")
        );
        assert!(matches!(
            reader_key(&HeaderMap::new()),
            Err(ApiError::NoReader)
        ));
        for bad in [
            "short",
            "0123456789abcde",
            "0123456789abcdef0123456789abcdef/",
            "0123456789 abcdef",
            "0123456789abcdéf",
        ] {
            let mut h = HeaderMap::new();
            if let Ok(v) = bad.parse() {
                h.insert(READER_TOKEN, v);
            }
            assert!(reader_key(&h).is_err(), "{bad}");
        }
        assert!(reader_key(&with_token(&"a".repeat(128))).is_ok());
        assert!(reader_key(&with_token(&"a".repeat(129))).is_err());
    }

    #[test]
    fn the_cookie_names_the_reader_when_no_header_does() {
        let mut h = HeaderMap::new();
        h.insert(
            COOKIE,
            "a=1; news_reader=0123456789abcdef0123456789abcdef"
                .parse()
                .unwrap(),
        );
        let by_cookie = reader_key(&h).unwrap();
        assert_eq!(
            Some(by_cookie.clone()),
            reader_key(&with_token("0123456789abcdef0123456789abcdef")).ok()
        );
        h.insert(READER_TOKEN, "another-reader-0123456789".parse().unwrap());
        assert_ne!(reader_key(&h).unwrap(), by_cookie, "the header wins");
        let mut h = HeaderMap::new();
        h.insert(COOKIE, "news_reader=short".parse().unwrap());
        assert!(matches!(reader_key(&h), Err(ApiError::NoReader)));
    }
}
