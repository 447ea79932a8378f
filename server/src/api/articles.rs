//! `GET articles/{slug}.json` and `GET images/…`: the content folder's files, as they are;
//! `GET articles/{slug}.html`, the article's fragment (`site::article_per_request`).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::http::error::{internal, json_response, ApiError};
use crate::http::static_files;
use crate::site::article_per_request;
use crate::state::Shared;

/// `GET articles/{slug}.json`: the article's file from the content folder, byte for byte;
/// `GET articles/{slug}.html`: its fragment for a portal's include, made now.
pub async fn article(
    State(state): State<Shared>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(slug) = file.strip_suffix(".html") {
        return article_per_request::fragment(&state, slug, &headers).await;
    }
    let slug = file.strip_suffix(".json").ok_or(ApiError::NotFound)?;
    let bytes = state.content.article_bytes(slug).await?;
    Ok(json_response(StatusCode::OK, bytes))
}

/// `GET images/…`: the content folder's images, sent by tower-http's `ServeFile` like the
/// build's files (ranges, `If-Modified-Since`).
pub async fn image(
    State(state): State<Shared>,
    Path(path): Path<String>,
    req: axum::extract::Request,
) -> Result<Response, ApiError> {
    content_file(&state, "images", &path, req).await
}

/// A file of the content folder's `video/` (contract v3's video block: its sources and
/// captions), served like an image, a range request answered 206 (a player seeks).
pub async fn video(
    State(state): State<Shared>,
    Path(path): Path<String>,
    req: axum::extract::Request,
) -> Result<Response, ApiError> {
    content_file(&state, "video", &path, req).await
}

/// The file `path` under the content folder's `folder`, or 404.
async fn content_file(
    state: &Shared,
    folder: &str,
    path: &str,
    req: axum::extract::Request,
) -> Result<Response, ApiError> {
    let root = state.content.root().join(folder);
    // `path` is already percent-decoded by the router; re-encoding `%` keeps a literal one
    // from being decoded twice.
    let real = static_files::locate(&root, &path.replace('%', "%25"))
        .await
        .map_err(internal)?
        .ok_or(ApiError::NotFound)?;
    Ok(static_files::serve_file(real, req).await)
}
