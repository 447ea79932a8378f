//! `POST` and `DELETE articles/{slug}/comments/{id}/likes` (contract v2): a reader likes a
//! published comment or reply, or takes the like back; the answer is the comment's count.
//! Who the reader is comes from `reader`. A client's likes are rate-limited like its
//! comments (`--like-rate-limit`).

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::api::reader::reader_key;
use crate::http::blocking::with_db;
use crate::http::error::{json_value, ApiError};
use crate::state::Shared;

/// `POST …/likes`: the reader likes the comment (a second like changes nothing).
pub async fn like(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    set(state, peer, slug, id, &headers, body, true).await
}

/// `DELETE …/likes`: the reader takes their like back (none to take back changes nothing).
pub async fn unlike(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    set(state, peer, slug, id, &headers, body, false).await
}

async fn set(
    state: Shared,
    peer: SocketAddr,
    slug: String,
    id: String,
    headers: &HeaderMap,
    body: Body,
    on: bool,
) -> Result<Response, ApiError> {
    let reader = reader_key(headers)?;
    let client = state.clients.client(peer, headers);
    state
        .like_limiter
        .check(&state.db, client)
        .await?
        .map_err(ApiError::TooManyRequests)?;
    // The body is empty by contract; a small one is read and dropped (keep-alive).
    let _ = axum::body::to_bytes(body, 1024).await;
    if !state.content.has_article(&slug).await? {
        return Err(ApiError::NotFound);
    }
    let likes = with_db(&state.db, move |db| db.set_like(&slug, &id, &reader, on))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(json_value(
        StatusCode::OK,
        &serde_json::json!({ "likes": likes }),
    ))
}
