//! `POST` and `DELETE articles/{slug}/comments/{id}/likes` (contract v2): a reader likes a
//! published comment, or takes the like back; the answer is the comment's count.
//!
//! A reader is named by the `X-Reader-Token` header: a random string the app keeps in the
//! page's `localStorage`. Not a cookie: embedded, this server is on the CDN's site and the
//! page on the portal's, so a cookie of ours would be a third-party cookie, which browsers
//! block or partition; a header works across sites without the credentials mode, so
//! `Access-Control-Allow-Credentials` stays off. Only a SHA-256 digest of the token is
//! stored. Likes have no per-client rate limit of their own here: that belongs with the
//! comment limiter, which is being replaced (issue 11).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderName, StatusCode};
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::answer::{json_value, ApiError};
use crate::api::with_db;
use crate::state::Shared;

/// The request header that names the reader.
pub const READER_TOKEN: HeaderName = HeaderName::from_static("x-reader-token");

/// The shortest token taken: 16 characters of 64 kinds are 96 bits, beyond guessing.
const TOKEN_MIN: usize = 16;
/// The longest token taken.
const TOKEN_MAX: usize = 128;

/// `POST …/likes`: the reader likes the comment (a second like changes nothing).
pub async fn like(
    State(state): State<Shared>,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    set(state, slug, id, &headers, body, true).await
}

/// `DELETE …/likes`: the reader takes their like back (none to take back changes nothing).
pub async fn unlike(
    State(state): State<Shared>,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    set(state, slug, id, &headers, body, false).await
}

async fn set(
    state: Shared,
    slug: String,
    id: String,
    headers: &HeaderMap,
    body: Body,
    on: bool,
) -> Result<Response, ApiError> {
    let reader = reader_key(headers).ok_or(ApiError::BadRequest(
        "X-Reader-Token must be 16 to 128 characters of A-Z a-z 0-9 _ -",
    ))?;
    // The body is empty by contract; a small one is read and dropped (keep-alive).
    let _ = axum::body::to_bytes(body, 1024).await;
    if !state.content.has_article(&slug).await? {
        return Err(ApiError::NotFound);
    }
    let likes = with_db(&state, move |db| db.set_like(&slug, &id, &reader, on))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(json_value(
        StatusCode::OK,
        &serde_json::json!({ "likes": likes }),
    ))
}

/// The stored key of the request's reader: the token's SHA-256 in hex, or `None` when the
/// header is missing or not a token.
fn reader_key(headers: &HeaderMap) -> Option<String> {
    let token = headers.get(READER_TOKEN)?.to_str().ok()?;
    let shaped = (TOKEN_MIN..=TOKEN_MAX).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !shaped {
        return None;
    }
    let digest = Sha256::digest(token.as_bytes());
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
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
        assert_eq!(reader_key(&with_token(token)), Some(key.clone()));
        assert_ne!(reader_key(&with_token("reader_0123456789-AbD")), Some(key));
        // A known SHA-256 vector: the digest, not some other hash.
        assert_eq!(
            reader_key(&with_token("0123456789abcdef")).as_deref(),
            Some("9f9f5111f7b27a781f1f1ddde5ebc2dd2b796bfc7365c9c28b548e564176929f")
        );
        assert!(reader_key(&HeaderMap::new()).is_none());
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
            assert!(reader_key(&h).is_none(), "{bad}");
        }
        assert!(reader_key(&with_token(&"a".repeat(128))).is_some());
        assert!(reader_key(&with_token(&"a".repeat(129))).is_none());
    }
}
