//! Article pages, and their fragments for a portal's include, rendered per request with the
//! same code as `prerender` (`article_page`, `fragment`): the live comments and ranking,
//! and articles published after the build. Each answer carries an `ETag` of its bytes, so a
//! revalidation is a 304 while nothing in it has changed.

use std::hash::{Hash, Hasher};

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use contract::paths;

use crate::api::reader;
use crate::api::{comments, ranking};
use crate::http::error::{internal, ApiError};
use crate::http::etag;
use crate::http::static_files::NO_CACHE;
use crate::site::article_page::{article_page, Extras, Shell};
use crate::site::fragment;
use crate::state::Shared;

/// The page of the article `slug`, or 304 when the reader's copy (`If-None-Match`) is it;
/// a reader without the reader cookie gets one.
pub async fn article(
    state: &Shared,
    slug: &str,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let page = render(state, slug, Made::Page).await?;
    // The page carries the comments and their like buttons: a reader who adopts it without
    // fetching `comments.json` can like too.
    Ok(reader::with_reader_cookie(
        state.site_url.as_deref(),
        headers,
        answer(page, headers),
    ))
}

/// `GET articles/{slug}.html`: the article's fragment for a portal's include, or 304. No
/// reader cookie: a portal's server fetches it, not a reader (the embedded app names the
/// reader by its token).
pub async fn fragment(
    state: &Shared,
    slug: &str,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let html = render(state, slug, Made::Fragment).await?;
    Ok(answer(html, headers))
}

/// What is made of an article.
#[derive(Clone, Copy)]
enum Made {
    Page,
    Fragment,
}

/// The article `slug`'s page or fragment, with the live ranking and first comment page.
async fn render(state: &Shared, slug: &str, made: Made) -> Result<String, ApiError> {
    let article = state.content.article(slug).await?;
    let shell_html = tokio::fs::read_to_string(state.dist.join("index.html"))
        .await
        .map_err(internal)?;
    let shell = Shell::new(shell_html, "", state.site_url.as_deref()).map_err(internal)?;
    // Without the database (PostgreSQL away), the page without the most-read list and the
    // comments rather than no page: the app fetches them when it can.
    let most_read = match ranking::most_read_body(state).await {
        Ok(json) => std::str::from_utf8(&json)
            .ok()
            .and_then(|json| contract::parse_summaries(json).ok())
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    let comments = if article.comments_enabled() {
        comments::published_page(state, slug, crate::db::Order::Newest, 1)
            .await
            .ok()
    } else {
        None
    };
    // (v3) A live coverage's entries as they are now (none yet, or a bad file: none).
    let live = match &article.live {
        Some(_) => state
            .live
            .get(&state.content, slug)
            .await
            .ok()
            .and_then(|file| std::str::from_utf8(&file.bytes).ok().map(str::to_owned))
            .and_then(|json| contract::live::parse_live_entries(&json).ok()),
        None => None,
    };
    let extras = Extras {
        most_read: &most_read,
        comments: comments.as_ref(),
        views_endpoint: Some(paths::VIEWS_ENDPOINT),
        live: live.as_ref(),
    };
    match made {
        Made::Page => article_page(&shell, &article, &extras).map_err(internal),
        Made::Fragment => Ok(fragment::fragment(&shell, &article, &extras)),
    }
}

/// `html` with its `ETag`, `no-cache`, or 304 when `If-None-Match` names it.
fn answer(html: String, headers: &HeaderMap) -> Response {
    let etag = etag(html.as_bytes());
    let fresh = etag::none_match(headers, |tag| tag == etag.trim_start_matches("W/"));
    let mut res = if fresh {
        let mut res = Response::new(Body::empty());
        *res.status_mut() = StatusCode::NOT_MODIFIED;
        res
    } else {
        let mut res = Response::new(Body::from(html));
        res.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        res
    };
    let out = res.headers_mut();
    out.insert(CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
    // Compressed or not by the router's CompressionLayer: on the 304 too, which it leaves.
    out.append(VARY, HeaderValue::from_static("accept-encoding"));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        out.insert(ETAG, v);
    }
    res
}

/// A weak validator of the page's bytes (std's SipHash: stable for one build of the
/// server, which is all a validator needs; instances of one deployment run the same build).
/// Weak because the page is sent gzip- or brotli-encoded as well, and a strong validator
/// would have to differ between those copies.
fn etag(bytes: &[u8]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("W/\"{:016x}\"", h.finish())
}
