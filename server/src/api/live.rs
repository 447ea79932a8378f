//! `GET articles/{slug}/live.json` (contract v3, «Live coverage»): an article's live
//! entries from the content folder, for readers who poll them. Each answer carries a strong
//! `ETag` (of the bytes sent: the brotli and gzip copies have their own) and the poll's
//! interval as `max-age`; a poll when nothing changed is a 304 without a body.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, VARY,
};
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

/// The copies a reader may get, in the order preferred. A reader that takes brotli or gzip
/// always gets that copy, so that the router's compression layer never compresses (and
/// so changes the bytes under its strong `ETag`) an answer of this route.
#[derive(Clone, Copy)]
enum Coding {
    Br,
    Gzip,
    Identity,
}

/// `GET articles/{slug}/live.json`.
pub async fn live_entries(
    State(state): State<Shared>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let file = state.live.get(&state.content, &slug).await?;
    let coding = chosen(&headers);
    let (suffix, body) = match coding {
        Coding::Br => ("-br", &file.br),
        Coding::Gzip => ("-gz", &file.gz),
        Coding::Identity => ("", &file.identity),
    };
    let etag = format!("\"{}{suffix}\"", file.tag);
    // Any copy of these bytes is the same entries: a reader holding the gzip copy who now
    // takes brotli has nothing new.
    let same = |tag: &str| {
        let opaque = tag.trim_matches('"');
        let base = opaque
            .strip_suffix("-br")
            .or_else(|| opaque.strip_suffix("-gz"))
            .unwrap_or(opaque);
        base == file.tag
    };
    let mut res = if etag::none_match(&headers, same) {
        let mut res = Response::new(Body::empty());
        *res.status_mut() = StatusCode::NOT_MODIFIED;
        res
    } else {
        let mut res = Response::new(Body::from(body.clone()));
        let h = res.headers_mut();
        h.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        // Set here, so the router's compression layer leaves the answer (and its ETag) be.
        match coding {
            Coding::Br => h.insert(CONTENT_ENCODING, HeaderValue::from_static("br")),
            Coding::Gzip => h.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip")),
            Coding::Identity => None,
        };
        res
    };
    let h = res.headers_mut();
    let cache = match file.status {
        LiveStatus::Live => LIVE_CACHE,
        LiveStatus::Ended => ENDED_CACHE,
    };
    h.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(VARY, HeaderValue::from_static(ACCEPT_ENCODING.as_str()));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(ETAG, v);
    }
    Ok(res)
}

/// The copy for the reader's `Accept-Encoding` (where `q=0` refuses a coding).
fn chosen(headers: &HeaderMap) -> Coding {
    let accepts = |name: &str| {
        headers
            .get_all(ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|item| {
                let mut parts = item.split(';').map(str::trim);
                let coding = parts.next().unwrap_or("");
                let refused = parts.any(|p| {
                    p.strip_prefix("q=")
                        .is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0))
                });
                coding.eq_ignore_ascii_case(name) && !refused
            })
    };
    if accepts("br") {
        Coding::Br
    } else if accepts("gzip") {
        Coding::Gzip
    } else {
        Coding::Identity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(accept: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(ACCEPT_ENCODING, HeaderValue::from_static(accept));
        h
    }

    #[test]
    fn brotli_then_gzip_unless_refused() {
        let pick = |h: &HeaderMap| match chosen(h) {
            Coding::Br => "br",
            Coding::Gzip => "gzip",
            Coding::Identity => "identity",
        };
        assert_eq!(pick(&with("gzip, deflate, br")), "br");
        assert_eq!(pick(&with("gzip")), "gzip");
        assert_eq!(pick(&with("br;q=0, gzip;q=0.5")), "gzip");
        assert_eq!(pick(&with("BR ; q=0.0")), "identity");
        assert_eq!(pick(&with("deflate")), "identity");
        assert_eq!(pick(&HeaderMap::new()), "identity");
    }
}
