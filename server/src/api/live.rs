//! `GET articles/{slug}/live.json` (contract v3, «Live coverage»): an article's live
//! entries from the content folder, for readers who poll them. Each answer carries a weak
//! `ETag` of the entries and the poll's interval as `max-age`; a poll when nothing changed is
//! a 304 without a body. Weak, because the router's compression layer may send the bytes
//! brotli- or gzip-encoded: the same entries whatever the coding, which is what a weak
//! validator says (RFC 9110 8.8.1), and what `If-None-Match` compares.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_TYPE, ETAG, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use contract::live::LiveStatus;

use crate::http::error::ApiError;
use crate::http::etag;
use crate::state::Shared;

/// While live: clients poll every 30 seconds (the contract's default), and a CDN keeps a
/// copy no longer, so one request a half-minute per edge reaches the server.
pub const LIVE_CACHE: &str = "public, max-age=30";
/// Once ended the file no longer changes (a correction is rare): a day.
pub const ENDED_CACHE: &str = "public, max-age=86400";

/// `GET articles/{slug}/live.json`.
pub async fn live_entries(
    State(state): State<Shared>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let file = state.live.get(&state.content, &slug).await?;
    let tag = format!("\"{}\"", file.tag);
    let mut res = if etag::none_match(&headers, |t| t == tag) {
        let mut res = Response::new(Body::empty());
        *res.status_mut() = StatusCode::NOT_MODIFIED;
        res
    } else {
        let mut res = Response::new(Body::from(file.bytes.clone()));
        res.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        res
    };
    let h = res.headers_mut();
    let cache = match file.status {
        LiveStatus::Live => LIVE_CACHE,
        LiveStatus::Ended => ENDED_CACHE,
    };
    h.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    // On the 304 too (which the layer leaves alone), as a cache expects the 200's `Vary`.
    h.insert(VARY, HeaderValue::from_static(ACCEPT_ENCODING.as_str()));
    if let Ok(v) = HeaderValue::from_str(&format!("W/{tag}")) {
        h.insert(ETAG, v);
    }
    Ok(res)
}
