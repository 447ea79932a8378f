//! View counting and the most-read ranking: `POST articles/{slug}/views` counts a view,
//! `GET most-read.json` answers the articles most viewed in the ranking's window, ranked
//! at most once per refresh period (`ranking_cache`).

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use contract::{paths, SummaryList};

use crate::clock;
use crate::http::blocking::with_db;
use crate::http::error::{internal, json_response, ApiError};
use crate::site::content_folder;
use crate::state::Shared;

/// The window most-read ranks views over.
pub const MOST_READ_WINDOW_SECS: i64 = 7 * 24 * 3600;
/// The length of the most-read list.
pub const MOST_READ_LEN: usize = 10;

/// `GET most-read.json`: the articles most viewed in the last 7 days (by distinct clients);
/// the content folder's own `most-read.json` while nothing has been viewed (a fresh
/// install, a quiet week). Ranked at most once per refresh period (`ranking_cache::Ranking`).
pub async fn most_read(State(state): State<Shared>) -> Result<Response, ApiError> {
    Ok(json_response(StatusCode::OK, most_read_body(&state).await?))
}

/// The most-read answer's body, as `most-read.json` serves it.
pub async fn most_read_body(state: &Shared) -> Result<Vec<u8>, ApiError> {
    let ranking = state.clone();
    state
        .ranking
        .get(move || async move { rank(&ranking).await })
        .await
}

async fn rank(state: &Shared) -> Result<Vec<u8>, ApiError> {
    let since = clock::now_unix() - MOST_READ_WINDOW_SECS;
    // A few more than needed: an article whose file is gone since is skipped.
    let limit = (MOST_READ_LEN * 2) as u32;
    let slugs = with_db(&state.db, move |db| db.most_viewed(since, limit)).await?;
    let mut items = Vec::with_capacity(MOST_READ_LEN);
    for slug in slugs {
        match state.content.article(&slug).await {
            Ok(a) => items.push(content_folder::summary(&a)),
            Err(content_folder::ContentError::NotFound) => continue,
            Err(e) => return Err(e.into()),
        }
        if items.len() == MOST_READ_LEN {
            break;
        }
    }
    if items.is_empty() {
        return Ok(state.content.document(paths::MOST_READ).await?);
    }
    serde_json::to_vec(&SummaryList { items }).map_err(internal)
}

/// `POST articles/{slug}/views`: counts a view (`sendBeacon`: any type, any or no body),
/// once per client and article in the ranking's window; a client sending beacons faster
/// than a reader opens articles gets 429.
pub async fn post_view(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    // Read (and drop) a small body so the connection can be kept alive; a large one is
    // simply not read.
    let _ = axum::body::to_bytes(body, 1024).await;
    let client = state.clients.client(peer, &headers);
    state
        .view_limiter
        .check(&state.db, client)
        .await?
        .map_err(ApiError::TooManyRequests)?;
    if !state.content.has_article(&slug).await? {
        return Err(ApiError::NotFound);
    }
    let at = clock::now_unix();
    let client = client.to_string();
    with_db(&state.db, move |db| {
        db.record_view(&slug, &client, at, at - MOST_READ_WINDOW_SECS)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
